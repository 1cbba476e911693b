package org.pujiang.receptionday;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pujiang.petition.Actors;
import org.pujiang.petition.FormValues;
import org.pujiang.petition.TaskCompletion;
import org.pujiang.receptionday.ReceptionDays.DayPlan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The steps of processes/ReceptionDay.bpmn; each bean is named as the diagram calls it. */
@Configuration(proxyBeanMethods = false)
class ReceptionDaySteps {

	static final String RECEPTION_DAY_ID = "receptionDayId";

	static final String RECEPTION_DAY_NAME = "receptionDayName";

	static final String INVESTIGATION_DONE = "investigationDone";

	static final String ADJUSTMENT = "adjustment";

	static final String ALL_CLOSED = "allClosed";

	/** Task_RecordPlan: the manager's plan, refused whole if the date is closer than 10 days. */
	@Bean
	JavaDelegate recordPlan(ReceptionDays days) {
		return (execution) -> {
			FormValues form = new FormValues(execution);
			ReceptionDay day = days.plan(new DayPlan(form.text("leaderName"), form.text("county"), form.text("venue"),
					form.text("startsAt"), form.text("endsAt"), form.list("channels"), form.text("rooms"),
					form.text("departments"), form.text("lawyers")), (String) execution.getVariable("plannedBy"));
			days.startedAs(day.getId(), execution.getProcessInstanceId());
			execution.setProcessBusinessKey("RD-" + day.getId());
			execution.setVariable(RECEPTION_DAY_ID, day.getId());
			execution.setVariable(RECEPTION_DAY_NAME, day.name());
			execution.setVariable(INVESTIGATION_DONE, false);
		};
	}

	/** Task_Announce: the announcement, at least 10 days ahead; pre-registration opens. */
	@Bean
	JavaDelegate announceDay(ReceptionDays days) {
		return (execution) -> days.announce(dayId(execution), Announcement.Kind.ANNOUNCEMENT, Actors.of(execution));
	}

	/** Task_AnnounceReminder: the reminder announcement, 3 days ahead. */
	@Bean
	JavaDelegate announceReminder(ReceptionDays days) {
		return (execution) -> days.announce(dayId(execution), Announcement.Kind.REMINDER, Actors.of(execution));
	}

	/** Task_PreVisitInvestigation, on complete. */
	@Bean
	ExecutionListener recordInvestigation(ReceptionDays days) {
		return TaskCompletion.recording((execution) -> {
			FormValues form = new FormValues(execution);
			Integer known = form.integer("knownCases");
			if (known == null || known < 0) {
				throw FormValues.invalid("knownCases", "必填，不能为负数");
			}
			days.investigated(dayId(execution), form.requiredText("investigationNotes", 4000), known);
			execution.setVariable(INVESTIGATION_DONE, true);
		});
	}

	/** Task_AdjustDay, on complete: a postponement must again respect the 10 days. */
	@Bean
	ExecutionListener recordAdjustment(ReceptionDays days) {
		return TaskCompletion.recording((execution) -> {
			FormValues form = new FormValues(execution);
			String adjustment = form.requiredText(ADJUSTMENT);
			form.requiredText("adjustmentReason", 2000);
			if ("POSTPONE".equals(adjustment)) {
				days.checkPostponement(form.text("newStartsAt"), form.text("newEndsAt"));
			}
			else if (!"CANCEL".equals(adjustment)) {
				throw FormValues.invalid(ADJUSTMENT, "应为 POSTPONE 或 CANCEL");
			}
		});
	}

	/** Task_PostponeDay: the new date; registered petitioners are told; their cases keep waiting for the day. */
	@Bean
	JavaDelegate postponeDay(ReceptionDays days) {
		return (execution) -> {
			FormValues form = new FormValues(execution);
			days.postpone(dayId(execution), form.text("newStartsAt"), form.text("newEndsAt"), form.text("adjustmentReason"));
			execution.setVariable(RECEPTION_DAY_NAME, days.day(dayId(execution)).name());
		};
	}

	/** Task_CancelDay: cancellation announced; registered cases fall back to ordinary reception. */
	@Bean
	JavaDelegate cancelDay(ReceptionDays days) {
		return (execution) -> days.cancel(dayId(execution), new FormValues(execution).text("adjustmentReason"),
				Actors.of(execution));
	}

	/** Task_OpenDay: the day begins; the cases waiting for it go to reception. */
	@Bean
	JavaDelegate openDay(ReceptionDays days) {
		return (execution) -> days.open(dayId(execution));
	}

	/** Task_DayReport: the day's figures, overall, by room and by category. */
	@Bean
	JavaDelegate dayReport(ReceptionDays days, DayReports reports) {
		return (execution) -> {
			days.followUp(dayId(execution));
			reports.record(days.day(dayId(execution)), DayReport.Kind.DAY);
		};
	}

	/** Task_CheckClosure: the day stays open until every case is closed. */
	@Bean
	JavaDelegate checkClosure(DayReports reports) {
		return (execution) -> execution.setVariable(ALL_CLOSED, reports.allClosed(dayId(execution)));
	}

	/** Task_ProgressReport: on the follow-up schedule. */
	@Bean
	JavaDelegate progressReport(ReceptionDays days, DayReports reports) {
		return (execution) -> reports.record(days.day(dayId(execution)), DayReport.Kind.PROGRESS);
	}

	/** Task_FinalReport: every case closed; the account of the day. */
	@Bean
	JavaDelegate finalReport(ReceptionDays days, DayReports reports) {
		return (execution) -> {
			days.accountedFor(dayId(execution));
			reports.record(days.day(dayId(execution)), DayReport.Kind.FINAL);
		};
	}

	private static Long dayId(DelegateExecution execution) {
		return (Long) execution.getVariable(RECEPTION_DAY_ID);
	}

}
