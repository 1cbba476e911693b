package org.pujiang.registration;

import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.pujiang.operations.VariableHistoryFilter;
import org.pujiang.petition.PetitionCaseProcess;
import org.springframework.stereotype.Component;

/**
 * Keeps the petitioner's personal data out of the engine's history: the registration form submits it as
 * variables, the first step moves it into the petitioner record, and no history row of those variables is
 * written on the way.
 */
@Component
class PersonalDataHistoryFilter extends VariableHistoryFilter {

	@Override
	protected boolean leftOut(HistoricVariableUpdateEventEntity event) {
		return PetitionCaseProcess.KEPT_OFF_THE_PROCESS.contains(event.getVariableName());
	}

}
