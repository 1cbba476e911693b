package org.pujiang.operations;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the engine's multi-instance counters out of its history. A multi-instance activity (the units handling a
 * case side by side) keeps four variables of its own, set when it starts and updated as each instance ends; with
 * history FULL each set or update writes a history row and a detail row, and each update first reads the history row
 * back. They say nothing the activity history does not (which unit's instance started and ended when), and an
 * auditor reading a case's variable history would only wade through them. The runtime keeps them as the engine needs.
 */
@Component
class LoopCountersOutOfHistory extends AbstractProcessEnginePlugin {

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
			if (event instanceof HistoricVariableUpdateEventEntity update && COUNTERS.contains(update.getVariableName())) {
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
