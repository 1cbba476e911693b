package org.pujiang.routing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.pujiang.operations.TransactionScoped;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The categories the latest CaseRouting table knows, read from its rules: the table is the one list. */
@Component
public class Categories {

	/**
	 * How old the list that {@link #name} reads may be. Names are shown in every form and status lookup; the latest
	 * table is a query each time, and a table deployed on another node can only be seen by one.
	 */
	static final Duration NAMES_FRESH_FOR = Duration.ofSeconds(30);

	/** The key of the transaction's table among its resources ({@link #latest()}). */
	private final Object latestOfThisTransaction = new Object();

	private final RepositoryService repository;

	private final long namesFreshForNanos;

	/** Per version of the table: a deployed version never changes, a new one has an id of its own. */
	private final Map<String, List<Category>> byDefinition = new ConcurrentHashMap<>();

	/** The list {@link #name} reads, and when it was the latest. */
	private final AtomicReference<Snapshot> forNames = new AtomicReference<>();

	@Autowired
	Categories(RepositoryService repository) {
		this(repository, NAMES_FRESH_FOR);
	}

	Categories(RepositoryService repository, Duration namesFreshFor) {
		this.repository = repository;
		this.namesFreshForNanos = namesFreshFor.toNanos();
	}

	/**
	 * The latest table's categories (the version {@link #latest()} gives): what registration accepts and what the API
	 * offers.
	 */
	public List<Category> all() {
		DecisionDefinition definition = latest();
		List<Category> categories = this.byDefinition.computeIfAbsent(definition.getId(), this::read);
		this.forNames.set(new Snapshot(categories, System.nanoTime()));
		return categories;
	}

	/**
	 * The latest version of the CaseRouting table, looked up once in a transaction: a registration's check of its
	 * category and the routing of its case, which run in one transaction, read the same version, even when a manager
	 * deploys a new one in between. Outside a transaction, looked up each time.
	 */
	public DecisionDefinition latest() {
		return TransactionScoped.get(this.latestOfThisTransaction, this::lookUpLatest);
	}

	private DecisionDefinition lookUpLatest() {
		return this.repository.createDecisionDefinitionQuery()
			.decisionDefinitionKey(CaseRouting.DECISION_KEY)
			.latestVersion()
			.singleResult();
	}

	/**
	 * The category's name, or the code when the table no longer knows it: read from the rules, as a lookup is not a
	 * routing decision (an evaluation would write the decision's history). For showing only: the list read is at most
	 * {@link #NAMES_FRESH_FOR} old, and looked up again at once for a code it does not hold (a category just added);
	 * a category renamed in a new table shows its new name within that time.
	 */
	public String name(String code) {
		Snapshot snapshot = this.forNames.get();
		List<Category> categories = snapshot != null && System.nanoTime() - snapshot.taken() < this.namesFreshForNanos
				&& snapshot.knows(code) ? snapshot.categories() : all();
		return categories.stream().filter((c) -> c.code().equals(code)).map(Category::name).findFirst().orElse(code);
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

	private record Snapshot(List<Category> categories, long taken) {

		boolean knows(String code) {
			return this.categories.stream().anyMatch((c) -> c.code().equals(code));
		}

	}

}
