package org.pujiang.operations;

import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * A process engine plugin that keeps some of the engine's variable events out of its history: it wraps whatever
 * handlers the engine ended up with (the database's and Spring's event publisher alike) and passes on every event but
 * those {@link #leftOut} names.
 */
public abstract class VariableHistoryFilter extends AbstractProcessEnginePlugin {

	/** Whether this variable event is kept out of the history. */
	protected abstract boolean leftOut(HistoricVariableUpdateEventEntity event);

	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setHistoryEventHandler(new Filter(configuration.getHistoryEventHandler()));
	}

	private final class Filter implements HistoryEventHandler {

		private final HistoryEventHandler delegate;

		Filter(HistoryEventHandler delegate) {
			this.delegate = delegate;
		}

		@Override
		public void handleEvent(HistoryEvent event) {
			if (event instanceof HistoricVariableUpdateEventEntity update && leftOut(update)) {
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
