package org.pujiang.registration;

import static org.pujiang.petition.PetitionCaseProcess.*;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pujiang.petition.FormValues;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.petition.TaskCompletion;
import org.pujiang.registration.Registration.Registered;
import org.pujiang.security.CaseAccess;
import org.pujiang.petition.ProcessVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The registration step of PetitionCase.bpmn. */
@Configuration(proxyBeanMethods = false)
class RegistrationSteps {

	/**
	 * Task_RecordPetition: turns the registration form into a case (or links a repeat petition) and takes the
	 * petitioner's personal data off the process. A petition registered through the public API arrives with its
	 * case already recorded.
	 */
	@Bean
	JavaDelegate recordPetition(Registration registration, PetitionCaseRepository cases, CaseAccess access) {
		return (execution) -> {
			PetitionCase petitionCase;
			if (execution.hasVariable(CASE_ID)) {
				petitionCase = cases.require((Long) execution.getVariable(CASE_ID));
			}
			else {
				FormValues form = new FormValues(execution);
				PetitionForm petition = new PetitionForm(form.text(PETITIONER_NAME), form.text(RESIDENT_ID),
						form.text(PHONE), form.text(EMAIL), form.integer(PERSONS_COUNT), form.text(CATEGORY),
						form.text(CHANNEL), form.text(SUMMARY), form.text(REQUEST), form.text(ACCUSED_UNIT),
						form.integer(RECEPTION_DAY_ID) == null ? null : form.integer(RECEPTION_DAY_ID).longValue());
				execution.removeVariable(RECEPTION_DAY_ID);
				execution.removeVariables(KEPT_OFF_THE_PROCESS);
				// The case record keeps the rest; the category and the summary stay in the process for Tasklist's search.
				ProcessVariables.removeRecorded(execution, PERSONS_COUNT, CHANNEL, REQUEST);
				Registered registered = registration.register(petition, (String) execution.getVariable(REGISTERED_BY));
				petitionCase = registered.petitionCase();
				if (registered.repeat()) {
					execution.setProcessBusinessKey(petitionCase.getCaseNumber());
					ProcessVariables.set(execution, REPEAT_PETITION, true);
					ProcessVariables.set(execution, REPEAT_OF_CASE_NUMBER, petitionCase.getCaseNumber());
					ProcessVariables.set(execution, REPEAT_REASON, registered.repeatReason());
					return;
				}
			}
			petitionCase.startedAs(execution.getProcessInstanceId());
			if (petitionCase.getAccusedUnit() != null) {
				access.keepFromAccused(execution.getProcessInstanceId(), petitionCase.getAccusedUnit());
			}
			execution.setProcessBusinessKey(petitionCase.getCaseNumber());
			ProcessVariables.set(execution, REPEAT_PETITION, false);
			ProcessVariables.set(execution, CASE_ID, petitionCase.getId());
		};
	}

	/**
	 * Task_AcknowledgeRepeat, on complete: the registrar must confirm that the petitioner was told the petition
	 * joins the open case (the form requires the tick; so does the server, for every other caller).
	 */
	@Bean
	ExecutionListener acknowledgeRepeat() {
		return TaskCompletion.recording((execution) -> {
			if (!Boolean.TRUE.equals(execution.getVariable(REPEAT_ACKNOWLEDGED))) {
				throw FormValues.invalid(REPEAT_ACKNOWLEDGED, "须确认已向信访人说明并入已有案件");
			}
		});
	}

}
