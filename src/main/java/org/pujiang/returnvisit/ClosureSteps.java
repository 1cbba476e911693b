package org.pujiang.returnvisit;

import static org.pujiang.petition.PetitionCaseProcess.*;

import java.time.Duration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pujiang.audit.CaseEvents;
import org.pujiang.handling.Handling;
import org.pujiang.notice.NoticeKind;
import org.pujiang.notice.Notices;
import org.pujiang.petition.Actors;
import org.pujiang.petition.FormValues;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.petition.TaskCompletion;
import org.pujiang.petition.Satisfaction;
import org.pujiang.petition.ProcessVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The answer, return visit and closure steps of PetitionCase.bpmn. */
@Configuration(proxyBeanMethods = false)
class ClosureSteps {

	/** Task_NotifyAnswer: the petitioner is told the result, whichever way it was reached. */
	@Bean
	JavaDelegate notifyAnswer(PetitionCaseRepository cases, Answers answers, Notices notices, CaseEvents events) {
		return (execution) -> {
			PetitionCase petitionCase = petitionCase(cases, execution);
			String result = answers.of(petitionCase);
			petitionCase.answered();
			events.record(petitionCase.getId(), "ANSWERED", null, "answer", result);
			notices.toPetitioner(petitionCase, NoticeKind.ANSWERED, "信访事项答复：" + petitionCase.getCaseNumber(), result);
		};
	}

	/** Task_ReturnVisit, on complete: records the visit and decides whether the case goes back to handling. */
	@Bean
	ExecutionListener recordReturnVisit(PetitionCaseRepository cases, ReturnVisitRepository visits,
			ReturnVisitProperties properties, CaseEvents events) {
		return TaskCompletion.recording((execution) -> {
			FormValues form = new FormValues(execution);
			String method = form.requiredText(RETURN_VISIT_METHOD);
			if (!method.matches("PHONE|VISIT")) {
				throw FormValues.invalid(RETURN_VISIT_METHOD, "应为 PHONE 或 VISIT");
			}
			Satisfaction satisfaction = form.choice(SATISFACTION, Satisfaction.class);
			String comment = form.requiredText(RETURN_VISIT_COMMENT, 2000);
			PetitionCase petitionCase = petitionCase(cases, execution);
			petitionCase.visitedBack(satisfaction);
			visits.save(new ReturnVisit(petitionCase, petitionCase.getReturnVisitRounds(), method, satisfaction, comment,
					Actors.of(execution)));
			boolean reopen = satisfaction == Satisfaction.DISSATISFIED
					&& petitionCase.getReturnVisitRounds() < properties.maxRounds();
			if (reopen) {
				petitionCase.reopened();
			}
			events.record(petitionCase.getId(), "RETURN_VISIT", Actors.of(execution), "round",
					petitionCase.getReturnVisitRounds(), "method", method, "satisfaction", satisfaction, "comment", comment);
			ProcessVariables.set(execution, REOPEN, reopen);
			// A further round's visit starts from an empty form. The comment stays for a reopening to pass on to the
			// units (Task_ReopenHandling) or the leader's reception, which take it out.
			ProcessVariables.removeRecorded(execution, RETURN_VISIT_METHOD, SATISFACTION);
			if (!reopen) {
				ProcessVariables.removeRecorded(execution, RETURN_VISIT_COMMENT);
			}
		});
	}

	/** Task_CloseCase: struck off the list; the record is final from here on. */
	@Bean
	JavaDelegate closeCase(PetitionCaseRepository cases, Handling handling, Notices notices, CaseEvents events) {
		return (execution) -> {
			PetitionCase petitionCase = petitionCase(cases, execution);
			petitionCase.close(() -> handling.reportsAcceptedInTime(petitionCase.getId()),
					Duration.ofDays(Handling.LEGAL_MAXIMUM_DAYS));
			events.record(petitionCase.getId(), "CLOSED", null, "satisfaction", petitionCase.getSatisfaction());
			boolean dissatisfied = petitionCase.getSatisfaction() == Satisfaction.DISSATISFIED;
			notices.toPetitioner(petitionCase, NoticeKind.CLOSED, "信访事项已办结：" + petitionCase.getCaseNumber(),
					"您的信访事项 " + petitionCase.getCaseNumber() + " 已办结。"
							+ (dissatisfied ? "如对处理意见不服，可自收到书面答复之日起30日内向上一级机关申请复查。" : "感谢您的理解与支持。"));
		};
	}

	private static PetitionCase petitionCase(PetitionCaseRepository cases, DelegateExecution execution) {
		return cases.require((Long) execution.getVariable(CASE_ID));
	}

}
