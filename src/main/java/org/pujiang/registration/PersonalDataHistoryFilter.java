package org.pujiang.registration;

import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.pujiang.petition.PetitionCaseProcess;
import org.springframework.stereotype.Component;

/**
 * Keeps the petitioner's personal data out of the engine's history: the registration form submits it as
 * variables, the first step moves it into the petitioner record, and no history row of those variables is
 * written on the way.
 */
@Component
class PersonalDataHistoryFilter extends AbstractProcessEnginePlugin {

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
			if (event instanceof HistoricVariableUpdateEventEntity update
					&& PetitionCaseProcess.KEPT_OFF_THE_PROCESS.contains(update.getVariableName())) {
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
