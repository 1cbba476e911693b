package org.pujiang.operations;

import java.util.Set;

import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.pujiang.petition.ProcessVariables;
import org.springframework.stereotype.Component;

/**
 * Keeps two kinds of the engine's variable events out of its history, which with history FULL cost a history row and
 * a detail row each (and an update, a read of the history row first) and tell an auditor nothing:
 * <ul>
 * <li>the multi-instance counters: a multi-instance activity (the units handling a case side by side) keeps four
 * variables of its own, set when it starts and updated as each instance ends; the activity history says the same
 * (which unit's instance started and ended when). The runtime keeps them as the engine needs.</li>
 * <li>a step taking out of the process what a form submitted, once it has recorded it in the case
 * ({@link ProcessVariables#removeRecorded}): the submitted value stays in the history as submitted, as it would had
 * it lived to the end of the process, instead of a second detail row that repeats it.</li>
 * </ul>
 * Every other variable event, and every removal made otherwise (through the REST API, say), is recorded as before.
 */
@Component
class EngineHistoryFilter extends VariableHistoryFilter {

	/** The variables the engine sets on a multi-instance body and its instances (none of them ours). */
	static final Set<String> COUNTERS = Set.of("nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances",
			"loopCounter");

	@Override
	protected boolean leftOut(HistoricVariableUpdateEventEntity event) {
		return COUNTERS.contains(event.getVariableName())
				|| event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_DELETE) && ProcessVariables.removingRecorded();
	}

}
