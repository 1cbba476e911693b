package org.pujiang.handling;

import static org.pujiang.petition.PetitionCaseProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pujiang.Roles;
import org.pujiang.audit.CaseEvents;
import org.pujiang.petition.Actors;
import org.pujiang.petition.FormValues;
import org.pujiang.petition.TaskCompletion;
import org.pujiang.security.CaseAccess;
import org.pujiang.petition.ProcessVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The assignment and handling steps of PetitionCase.bpmn; each bean is named as the diagram calls it. */
@Configuration(proxyBeanMethods = false)
class HandlingSteps {

	/** Task_AssignCase: the units, responsible person and deadline the leader chose. */
	@Bean
	JavaDelegate assignCase(Handling handling, CaseAccess access, CaseEvents events) {
		return (execution) -> {
			FormValues form = new FormValues(execution);
			for (Assignment assignment : handling.assign(caseId(execution), form.list(ASSIGNED_UNITS),
					form.text(RESPONSIBLE_PERSON), form.integer(DEADLINE_DAYS))) {
				access.letGroupFollow(execution.getProcessInstanceId(), assignment.getUnit().getCode());
				events.record(caseId(execution), "ASSIGNED", Actors.of(execution), "unit", assignment.getUnit().getCode(),
						"responsiblePerson", assignment.getResponsiblePerson(), "deadline", assignment.getDeadline());
			}
			ProcessVariables.removeRecorded(execution, ASSIGNED_UNITS, RESPONSIBLE_PERSON, DEADLINE_DAYS);
		};
	}

	/**
	 * Task_HandleCase, on create: a new round of handling starts without the last round's choices (the form shows
	 * the assignment itself from the case record).
	 */
	@Bean
	TaskListener prepareHandling() {
		return (task) -> {
			DelegateExecution execution = task.getExecution();
			ProcessVariables.set(execution, HANDLING_ACTION, null);
			ProcessVariables.set(execution, VERIFICATION, null);
		};
	}

	/** Task_HandleCase, on complete: the unit's report or its extension request. */
	@Bean
	ExecutionListener recordHandling(Handling handling, CaseEvents events) {
		return TaskCompletion.recording((execution) -> {
			FormValues form = new FormValues(execution);
			String action = form.requiredText(HANDLING_ACTION);
			if ("REPORT".equals(action)) {
				String report = form.requiredText(HANDLING_REPORT, 4000);
				handling.report(caseId(execution), unit(execution), report, form.text(RESPONSIBLE_PERSON));
				events.record(caseId(execution), "REPORTED", Actors.of(execution), "unit", unit(execution), "report", report);
			}
			else if ("EXTENSION".equals(action)) {
				String reason = form.requiredText(EXTENSION_REASON, 2000);
				handling.requestExtension(caseId(execution), unit(execution), form.integer(EXTENSION_DAYS), reason);
				events.record(caseId(execution), "EXTENSION_REQUESTED", Actors.of(execution), "unit", unit(execution),
						"days", form.integer(EXTENSION_DAYS), "reason", reason);
			}
			else {
				throw FormValues.invalid(HANDLING_ACTION, "应为 REPORT 或 EXTENSION");
			}
			ProcessVariables.removeRecorded(execution, EXTENSION_DAYS, EXTENSION_REASON);
		});
	}

	/**
	 * Task_ReviewExtension, on create, in the versions of the diagram deployed before the forms read the case record:
	 * their running cases still call it. The form shows the request under review from the unit's assignment.
	 */
	@Bean
	TaskListener prepareExtensionReview() {
		return (task) -> {
		};
	}

	/** Task_ReviewExtension, on complete. */
	@Bean
	ExecutionListener recordExtensionDecision(Handling handling, CaseEvents events) {
		return TaskCompletion.recording((execution) -> {
			FormValues form = new FormValues(execution);
			String decision = form.requiredText(EXTENSION_DECISION);
			if (!"APPROVED".equals(decision) && !"REFUSED".equals(decision)) {
				throw FormValues.invalid(EXTENSION_DECISION, "应为 APPROVED 或 REFUSED");
			}
			String comment = form.requiredText(EXTENSION_COMMENT, 2000);
			handling.decideExtension(caseId(execution), unit(execution), "APPROVED".equals(decision), comment);
			events.record(caseId(execution), "EXTENSION_" + decision, Actors.of(execution), "unit", unit(execution),
					"deadline", handling.assignment(caseId(execution), unit(execution)).getDeadline(), "comment", comment);
			ProcessVariables.removeRecorded(execution, EXTENSION_DECISION, EXTENSION_COMMENT);
		});
	}

	/** Task_VerifyReport, on complete: the petitions bureau accepts the report or sends it back with a reason. */
	@Bean
	ExecutionListener recordVerification(Handling handling, CaseEvents events) {
		return TaskCompletion.recording((execution) -> {
			FormValues form = new FormValues(execution);
			String verification = form.requiredText(VERIFICATION);
			String reason = null;
			if ("ACCEPTED".equals(verification)) {
				handling.verify(caseId(execution), unit(execution), true, null);
			}
			else if ("SENT_BACK".equals(verification)) {
				reason = form.requiredText(SENT_BACK_REASON, 2000);
				handling.verify(caseId(execution), unit(execution), false, reason);
			}
			else {
				throw FormValues.invalid(VERIFICATION, "应为 ACCEPTED 或 SENT_BACK");
			}
			events.record(caseId(execution), "REPORT_" + verification, Actors.of(execution), "unit", unit(execution),
					"reason", reason);
			ProcessVariables.removeRecorded(execution, SENT_BACK_REASON);
		});
	}

	/** Task_SendReminder: the deadline is near. */
	@Bean
	JavaDelegate sendReminder(Handling handling, CaseEvents events) {
		return (execution) -> {
			if (handling.remind(caseId(execution), unit(execution))) {
				events.record(caseId(execution), "REMINDED", null, "unit", unit(execution));
			}
		};
	}

	/** Task_StartSupervision: the deadline passed. */
	@Bean
	JavaDelegate startSupervision(Handling handling, CaseAccess access, CaseEvents events) {
		return (execution) -> {
			handling.startSupervision(caseId(execution), unit(execution));
			events.record(caseId(execution), "SUPERVISED", null, "unit", unit(execution), "deadline",
					handling.assignment(caseId(execution), unit(execution)).getDeadline());
			access.letGroupFollow(execution.getProcessInstanceId(), Roles.SUPERVISOR);
		};
	}

	/** Task_Supervise, on complete. */
	@Bean
	ExecutionListener recordSupervision(Handling handling, CaseEvents events) {
		return TaskCompletion.recording((execution) -> {
			FormValues form = new FormValues(execution);
			String measure = form.requiredText(SUPERVISION_MEASURE);
			String notes = form.requiredText(SUPERVISION_NOTES, 2000);
			handling.recordSupervision(caseId(execution), unit(execution), measure, notes, Actors.of(execution));
			events.record(caseId(execution), "SUPERVISION_RECORDED", Actors.of(execution), "unit", unit(execution),
					"measure", measure, "notes", notes);
			ProcessVariables.removeRecorded(execution, SUPERVISION_MEASURE, SUPERVISION_NOTES);
		});
	}

	/** Task_ReopenHandling: the petitioner was dissatisfied; back to the units. */
	@Bean
	JavaDelegate reopenHandling(Handling handling, CaseEvents events) {
		return (execution) -> {
			String comment = new FormValues(execution).text(RETURN_VISIT_COMMENT);
			handling.reopen(caseId(execution), comment);
			events.record(caseId(execution), "REOPENED", null, "comment", comment);
			ProcessVariables.removeRecorded(execution, RETURN_VISIT_COMMENT);
		};
	}

	private static Long caseId(DelegateExecution execution) {
		return (Long) execution.getVariable(CASE_ID);
	}

	private static String unit(DelegateExecution execution) {
		return (String) execution.getVariable(UNIT);
	}

}
