package org.pujiang.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Asks the decision table processes/CaseRouting.dmn where a case goes. Managers change routing by editing the
 * table; the table is also the list of categories the application knows.
 */
@Component
public class CaseRouting {

	public static final String DECISION_KEY = "CaseRouting";

	private final DecisionService decisions;

	private final Categories categories;

	CaseRouting(DecisionService decisions, Categories categories) {
		this.decisions = decisions;
		this.categories = categories;
	}

	/** Where the table sends a case; the version of the table the transaction's registration was checked against. */
	public Optional<Route> route(String category, int personsCount) {
		DmnDecisionResult result = this.decisions.evaluateDecisionById(this.categories.latest().getId())
			.variables(Variables.putValue("category", category).putValue("personsCount", personsCount))
			.evaluate();
		if (result.isEmpty()) {
			return Optional.empty();
		}
		Map<String, Object> row = result.getFirstResult().getEntryMap();
		String units = (String) row.get("units");
		return Optional.of(new Route((String) row.get("categoryName"), (String) row.get("room"),
				units == null || units.isBlank() ? List.of() : Arrays.stream(units.split(",")).map(String::strip).toList(),
				Boolean.TRUE.equals(row.get("lawyerRequired"))));
	}

	/**
	 * Whether the table has rules for the category. Read from the table's rules, not by evaluating it: checking a
	 * registration is not a routing decision, and an evaluation would enter the decision history (and cost a FEEL
	 * evaluation per rule).
	 */
	public boolean knows(String category) {
		return category != null && this.categories.all().stream().anyMatch((known) -> known.code().equals(category));
	}

	/** Where the table sends a case: its category's name, the reception room, candidate units, lawyer or not. */
	public record Route(String categoryName, String room, List<String> units, boolean lawyerRequired) {
	}

}
