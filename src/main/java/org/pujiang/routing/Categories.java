package org.pujiang.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/** The categories the latest CaseRouting table knows, read from its rules: the table is the one list. */
@Component
public class Categories {

	private final RepositoryService repository;

	/** Per version of the table: a deployed version never changes, a new one has an id of its own. */
	private final Map<String, List<Category>> byDefinition = new ConcurrentHashMap<>();

	Categories(RepositoryService repository) {
		this.repository = repository;
	}

	public List<Category> all() {
		DecisionDefinition definition = this.repository.createDecisionDefinitionQuery()
			.decisionDefinitionKey(CaseRouting.DECISION_KEY)
			.latestVersion()
			.singleResult();
		return this.byDefinition.computeIfAbsent(definition.getId(), this::read);
	}

	/**
	 * The category's name in the latest table, or the code when the table no longer knows it: read from the rules,
	 * as a lookup is not a routing decision (an evaluation would write the decision's history).
	 */
	public String name(String code) {
		return all().stream().filter((c) -> c.code().equals(code)).map(Category::name).findFirst().orElse(code);
	}

	private List<Category> read(String decisionDefinitionId) {
		DmnModelInstance model = this.repository.getDmnModelInstance(decisionDefinitionId);
		DecisionTable table = model.getModelElementsByType(DecisionTable.class).iterator().next();
		List<Output> outputs = List.copyOf(table.getOutputs());
		int nameColumn = outputs.indexOf(outputs.stream().filter((o) -> "categoryName".equals(o.getName())).findFirst().orElseThrow());
		Map<String, String> categories = new LinkedHashMap<>();
		for (Rule rule : table.getRules()) {
			String codes = rule.getInputEntries().iterator().next().getTextContent().strip();
			String name = unquote(List.copyOf(rule.getOutputEntries()).get(nameColumn).getTextContent());
			for (String code : codes.split(",")) {
				if (!code.isBlank()) {
					categories.putIfAbsent(unquote(code), name);
				}
			}
		}
		return categories.entrySet().stream().map((e) -> new Category(e.getKey(), e.getValue())).toList();
	}

	private static String unquote(String text) {
		return text.strip().replaceAll("^\"|\"$", "");
	}

	/** A category code and its name. */
	public record Category(String code, String name) {
	}

}
