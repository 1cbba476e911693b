package org.pujiang.registration;

import static org.pujiang.petition.PetitionCaseProcess.*;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pujiang.petition.FormValues;
import org.pujiang.petition.PetitionCase;
import org.pujiang.registration.Registration.Registered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The registration step of PetitionCase.bpmn. */
@Configuration(proxyBeanMethods = false)
class RegistrationSteps {

	/**
	 * Task_RecordPetition: turns the registration form into a case (or links a repeat petition) and takes the
	 * petitioner's personal data off the process.
	 */
	@Bean
	JavaDelegate recordPetition(Registration registration) {
		return (execution) -> {
			FormValues form = new FormValues(execution);
			PetitionForm petition = new PetitionForm(form.text(PETITIONER_NAME), form.text(RESIDENT_ID),
					form.text(PHONE), form.text(EMAIL), form.integer(PERSONS_COUNT), form.text(CATEGORY),
					form.text(CHANNEL), form.text(SUMMARY), form.text(REQUEST));
			execution.removeVariables(PERSONAL_DATA);
			Registered registered = registration.register(petition, (String) execution.getVariable(REGISTERED_BY));
			PetitionCase petitionCase = registered.petitionCase();
			execution.setProcessBusinessKey(petitionCase.getCaseNumber());
			execution.setVariable(REPEAT_PETITION, registered.repeat());
			if (registered.repeat()) {
				execution.setVariable(REPEAT_OF_CASE_NUMBER, petitionCase.getCaseNumber());
				execution.setVariable(REPEAT_REASON, registered.repeatReason());
				return;
			}
			petitionCase.startedAs(execution.getProcessInstanceId());
			execution.setVariable(CASE_ID, petitionCase.getId());
			execution.setVariable(CASE_NUMBER, petitionCase.getCaseNumber());
			execution.setVariable(CHANNEL_NAME, petitionCase.getChannel().label());
		};
	}

}
