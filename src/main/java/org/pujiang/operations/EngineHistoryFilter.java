package org.pujiang.operations;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
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
class EngineHistoryFilter extends AbstractProcessEnginePlugin {

	/** The variables the engine sets on a multi-instance body and its instances (none of them ours). */
	static final Set<String> COUNTERS = Set.of("nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances",
			"loopCounter");

	/** Wraps whatever handlers the engine ended up with (the database's and Spring's event publisher alike). */
	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setHistoryEventHandler(new Filter(configuration.getHistoryEventHandler()));
	}

	static final class Filter implements HistoryEventHandler {

		private final HistoryEventHandler delegate;

		Filter(HistoryEventHandler delegate) {
			this.delegate = delegate;
		}

		@Override
		public void handleEvent(HistoryEvent event) {
			if (event instanceof HistoricVariableUpdateEventEntity update && (COUNTERS.contains(update.getVariableName())
					|| update.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_DELETE)
							&& ProcessVariables.removingRecorded())) {
				return;
			}
			this.delegate.handleEvent(event);
		}

		@Override
		public void handleEvents(List<HistoryEvent> events) {
			events.forEach(this::handleEvent);
		}

	}

}
