package org.pujiang.reception;

import static org.pujiang.petition.PetitionCaseProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.pujiang.audit.CaseEvents;
import org.pujiang.petition.Actors;
import org.pujiang.petition.FormValues;
import org.pujiang.petition.Outcome;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.petition.TaskCompletion;
import org.pujiang.security.CaseAccess;
import org.pujiang.petition.ProcessVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reception steps of PetitionCase.bpmn: the lawyer's opinion, the leader's decision at the table, and the
 * written definitive answer. Each bean is named as the diagram calls it.
 */
@Configuration(proxyBeanMethods = false)
class ReceptionSteps {

	/** Answer forms a definitive answer may take: explained, or not supported. */
	private static final String ANSWER_FORMS = "EXPLAINED|NOT_SUPPORTED";

	/** Task_GiveLegalOpinion, on complete. */
	@Bean
	ExecutionListener recordLegalOpinion(PetitionCaseRepository cases, CaseEvents events) {
		return TaskCompletion.recording((execution) -> {
			PetitionCase petitionCase = petitionCase(cases, execution);
			petitionCase.legalOpinionGiven(new FormValues(execution).requiredText(LEGAL_OPINION, 4000));
			events.record(petitionCase.getId(), "LEGAL_OPINION", Actors.of(execution), "legalOpinion",
					petitionCase.getLegalOpinion());
			ProcessVariables.removeRecorded(execution, LEGAL_OPINION);
		});
	}

	/** Task_ReceivePetitioner, on complete: what was asked and answered, and the outcome. */
	@Bean
	ExecutionListener recordReception(PetitionCaseRepository cases, CaseAccess access, CaseEvents events) {
		return TaskCompletion.recording((execution) -> {
			FormValues form = new FormValues(execution);
			PetitionCase petitionCase = petitionCase(cases, execution);
			if (petitionCase.isLawyerRequired() && petitionCase.getLegalOpinion() == null) {
				throw FormValues.invalid(LEGAL_OPINION, "本案须律师陪访，律师意见记录后方可决定");
			}
			String notes = form.requiredText(RECEPTION_NOTES, 4000);
			Outcome outcome = form.choice(OUTCOME, Outcome.class);
			String decision = outcome == Outcome.SOLVED_ON_THE_SPOT ? form.requiredText(DECISION, 4000) : null;
			String leader = Actors.of(execution);
			petitionCase.received(leader, notes, outcome, decision);
			access.letUserFollow(execution.getProcessInstanceId(), leader);
			events.record(petitionCase.getId(), "RECEIVED", leader, "outcome", outcome, "receptionNotes", notes, "decision",
					decision);
			ProcessVariables.set(execution, RECEIVING_LEADER, leader);
			// The outcome stays for the gateways; the units, responsible person and deadline for Task_AssignCase. The
			// comment of a return visit that sent the case back here has been shown by now (from the case record).
			ProcessVariables.removeRecorded(execution, RECEPTION_NOTES, DECISION, RETURN_VISIT_COMMENT);
		});
	}

	/** Task_DraftAnswer, on complete. */
	@Bean
	ExecutionListener recordAnswerDraft(PetitionCaseRepository cases, CaseEvents events) {
		return TaskCompletion.recording((execution) -> {
			FormValues form = new FormValues(execution);
			String answerForm = form.requiredText(ANSWER_FORM);
			if (!answerForm.matches(ANSWER_FORMS)) {
				throw FormValues.invalid(ANSWER_FORM, "定性处理应为 EXPLAINED 或 NOT_SUPPORTED");
			}
			PetitionCase petitionCase = petitionCase(cases, execution);
			petitionCase.answerDrafted(answerForm, form.requiredText(ANSWER_TEXT, 4000), form.requiredText(ANSWER_BASIS, 2000));
			events.record(petitionCase.getId(), "ANSWER_DRAFTED", Actors.of(execution), "answerForm", answerForm,
					"answerText", petitionCase.getAnswerText(), "answerBasis", petitionCase.getAnswerBasis());
		});
	}

	/** Task_ApproveAnswer, on complete: the leader approves the written answer or returns it with a reason. */
	@Bean
	ExecutionListener recordAnswerApproval(CaseEvents events) {
		return TaskCompletion.recording((execution) -> {
			FormValues form = new FormValues(execution);
			String approval = form.requiredText(ANSWER_APPROVAL);
			String reason = null;
			if ("RETURNED".equals(approval)) {
				reason = form.requiredText(ANSWER_RETURN_REASON, 2000);
			}
			else if (!"APPROVED".equals(approval)) {
				throw FormValues.invalid(ANSWER_APPROVAL, "应为 APPROVED 或 RETURNED");
			}
			events.record((Long) execution.getVariable(CASE_ID), "ANSWER_" + approval, Actors.of(execution), "reason",
					reason);
		});
	}

	private static PetitionCase petitionCase(PetitionCaseRepository cases, DelegateExecution execution) {
		return cases.require((Long) execution.getVariable(CASE_ID));
	}

}
