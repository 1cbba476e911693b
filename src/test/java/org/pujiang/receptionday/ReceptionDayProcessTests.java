package org.pujiang.receptionday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.pujiang.petition.PetitionCaseProcess.*;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pujiang.AtOnce;
import org.pujiang.CaseDesk;
import org.pujiang.PujiangTest;
import org.pujiang.Roles;
import org.pujiang.notice.Notice;
import org.pujiang.notice.NoticeKind;
import org.pujiang.notice.NoticeRepository;
import org.pujiang.oversight.Oversight;
import org.pujiang.petition.BusinessClock;
import org.pujiang.petition.InvalidInputException;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.receptionday.DayReports.Figures;
import org.pujiang.oversight.CaseRates.Rates;
import org.springframework.beans.factory.annotation.Autowired;

/** processes/ReceptionDay.bpmn with the cases registered for the day, moving the engine clock. */
@PujiangTest
class ReceptionDayProcessTests {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	/** Two rooms: wages and social security in the first, environment in the second. */
	private static final String TWO_ROOMS = "第1接待室：LABOUR_WAGES,SOCIAL_SECURITY\n第2接待室：ENVIRONMENT";

	@Autowired
	ProcessEngine engine;

	@Autowired
	ReceptionDayRepository days;

	@Autowired
	AnnouncementRepository announcements;

	@Autowired
	NoticeRepository notices;

	@Autowired
	PetitionCaseRepository cases;

	@Autowired
	DayReports reports;

	@Autowired
	Oversight oversight;

	CaseDesk desk;

	@BeforeEach
	void setUp() {
		BpmnAwareTests.init(this.engine);
		this.desk = new CaseDesk(this.engine);
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void shouldRefuseADayAnnouncedLessThanTenDaysAheadAndStoreNothing() {
		long before = this.days.count();
		assertThatThrownBy(() -> plan(Duration.ofDays(9), "")).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("startsAt: 须至少提前10天公告");
		assertThat(this.days.count()).isEqualTo(before);
	}

	@Test
	void shouldAnnounceTenDaysAheadAndAgainThreeDaysAhead() {
		ProcessInstance day = plan(Duration.ofDays(10).plusHours(1), "");
		ReceptionDay planned = day(day);
		assertThat(day).isWaitingAt("TimerEvent_ReminderDue", "Task_PreVisitInvestigation", "Task_AdjustDay");
		assertThat(planned.getStatus()).isEqualTo(ReceptionDayStatus.ANNOUNCED);
		assertThat(planned.getRooms()).hasSize(14);
		assertThat(kinds(planned)).containsExactly("ANNOUNCEMENT:NEWSPAPER", "ANNOUNCEMENT:WEB");
		assertThat(this.announcements.findByReceptionDayIdOrderById(planned.getId())).allSatisfy((a) -> {
			assertThat(a.getPublishedBy()).isEqualTo(Roles.MANAGER);
			assertThat(a.getText()).contains("浦江中学").contains("预登记");
		});
		assertThat(this.notices.findByReceptionDayIdOrderById(planned.getId())).extracting(Notice::getRecipient)
			.containsExactly("newspaper@pujiang.local", "web@pujiang.local");
		assertThat(this.desk.timer(day, "TimerEvent_ReminderDue").getDuedate().toInstant())
			.isEqualTo(planned.getStartsAt().minus(Duration.ofDays(3)));

		this.desk.fire(day, "TimerEvent_ReminderDue");
		assertThat(kinds(planned)).containsExactly("ANNOUNCEMENT:NEWSPAPER", "ANNOUNCEMENT:WEB", "REMINDER:NEWSPAPER",
				"REMINDER:WEB");
		assertThat(this.desk.timer(day, "TimerEvent_DayStarts").getDuedate().toInstant()).isEqualTo(planned.getStartsAt());

		this.desk.complete(day, "Task_PreVisitInvestigation", Roles.LOCALITY,
				Map.of("investigationNotes", "逐村摸排，已知案件12件", "knownCases", 12));
		assertThat(day(day).getKnownCases()).isEqualTo(12);
	}

	@Test
	void shouldHoldPreRegisteredCasesUntilTheDayAndReceiveWalkInsAtOnce() {
		ProcessInstance day = plan(Duration.ofDays(12), TWO_ROOMS);
		Long dayId = day(day).getId();
		List<ProcessInstance> registered = registerThreeFor(dayId);
		ProcessInstance first = registered.get(0);
		ProcessInstance second = registered.get(1);
		ProcessInstance third = registered.get(2);

		for (ProcessInstance waiting : List.of(first, second, third)) {
			assertThat(waiting).isWaitingAt(WAITING_FOR_DAY);
		}
		assertThat(seat(first)).isEqualTo("第1接待室#1");
		assertThat(seat(second)).isEqualTo("第1接待室#2");
		assertThat(seat(third)).isEqualTo("第2接待室#1");

		this.desk.fire(day, "TimerEvent_ReminderDue");
		this.desk.fire(day, "TimerEvent_DayStarts");

		assertThat(day(day).getStatus()).isEqualTo(ReceptionDayStatus.IN_PROGRESS);
		assertThat(day).isWaitingAt("TimerEvent_DayEnds");
		// Each case goes on in a transaction of its own, as the job executor takes it: the day's start only released
		// them, and one case going on leaves the others where they were.
		for (ProcessInstance released : List.of(first, second, third)) {
			assertThat(this.engine.getManagementService().createJobQuery().processInstanceId(released.getId())
				.activityId(DAY_STARTED).count()).as("its continuation").isOne();
			assertThat(this.engine.getTaskService().createTaskQuery().processInstanceId(released.getId()).count())
				.isZero();
		}
		this.desk.continueAfter(first, DAY_STARTED);
		assertThat(first).isWaitingAt(RECEIVE_PETITIONER);
		assertThat(this.engine.getTaskService().createTaskQuery().processInstanceId(second.getId()).count()).isZero();
		for (ProcessInstance released : List.of(second, third)) {
			this.desk.continueAfter(released, DAY_STARTED);
			assertThat(released).isWaitingAt(RECEIVE_PETITIONER);
		}
		Map<String, Object> walkIn = CaseDesk.petition("LABOUR_WAGES", 1);
		walkIn.put(RECEPTION_DAY_ID, dayId);
		ProcessInstance atTheVenue = this.desk.register(walkIn);
		assertThat(atTheVenue).isWaitingAt(RECEIVE_PETITIONER);
		assertThat(seat(atTheVenue)).isEqualTo("第1接待室#3");
	}

	@Test
	void shouldLeaveACaseThatFailsAfterTheDayStartsAsAnIncidentOfItsOwn() {
		ProcessInstance day = plan(Duration.ofDays(12), TWO_ROOMS);
		List<ProcessInstance> registered = registerThreeFor(day(day).getId());
		ProcessInstance first = registered.get(0);
		ProcessInstance broken = registered.get(1);
		ProcessInstance third = registered.get(2);
		// A case whose data the next step cannot read: the routing table's flag is gone.
		this.engine.getRuntimeService().removeVariable(broken.getId(), LAWYER_REQUIRED);
		this.desk.fire(day, "TimerEvent_ReminderDue");
		this.desk.fire(day, "TimerEvent_DayStarts");

		ManagementService management = this.engine.getManagementService();
		String failing = management.createJobQuery().processInstanceId(broken.getId()).activityId(DAY_STARTED)
			.singleResult().getId();
		// The job executor's five attempts (failed-job-retry-time-cycle R5/PT5M), each failing: the case becomes an
		// incident, shown in Cockpit with the job's error.
		for (int attempt = 1; attempt <= 5; attempt++) {
			assertThat(this.engine.getRuntimeService().createIncidentQuery().count()).as("before attempt " + attempt).isZero();
			assertThatThrownBy(() -> management.executeJob(failing)).hasMessageContaining(LAWYER_REQUIRED);
		}
		assertThat(management.createJobQuery().jobId(failing).singleResult().getRetries()).isZero();
		assertThat(this.engine.getRuntimeService().createIncidentQuery().processInstanceId(broken.getId()).list())
			.singleElement()
			.satisfies((incident) -> assertThat(incident.getActivityId()).isEqualTo(DAY_STARTED));
		// The day and the other cases go on.
		assertThat(day(day).getStatus()).isEqualTo(ReceptionDayStatus.IN_PROGRESS);
		for (ProcessInstance released : List.of(first, third)) {
			this.desk.continueAfter(released, DAY_STARTED);
			assertThat(released).isWaitingAt(RECEIVE_PETITIONER);
		}
		assertThat(this.engine.getRuntimeService().createIncidentQuery().count()).isOne();

		// Mended as an operator does in Cockpit: the variable set again, the job given a retry.
		this.engine.getRuntimeService().setVariable(broken.getId(), LAWYER_REQUIRED, false);
		management.setJobRetries(failing, 1);
		management.executeJob(failing);
		assertThat(broken).isWaitingAt(RECEIVE_PETITIONER);
		assertThat(this.engine.getRuntimeService().createIncidentQuery().count()).isZero();
	}

	@Test
	void shouldSeatRegistrationsArrivingAtOnceEachWithItsOwnQueueNumber() throws Exception {
		ProcessInstance day = plan(Duration.ofDays(12), TWO_ROOMS);
		Long dayId = day(day).getId();
		int registrations = 12;
		List<String> seats = AtOnce.run(4, registrations,
				(i) -> seat(registerFor(dayId, i % 2 == 0 ? "LABOUR_WAGES" : "SOCIAL_SECURITY", 1)));
		assertThat(seats).containsExactlyInAnyOrderElementsOf(
				IntStream.rangeClosed(1, registrations).mapToObj((n) -> "第1接待室#" + n).toList());
	}

	@Test
	void shouldRefuseRegistrationForADayNotOpen() {
		Map<String, Object> form = CaseDesk.petition("LABOUR_WAGES", 1);
		form.put(RECEPTION_DAY_ID, 999_999L);
		assertThatThrownBy(() -> this.desk.register(form)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("receptionDayId");
	}

	@Test
	void shouldPostponeWithANewAnnouncementAndTellTheRegisteredPetitioners() {
		ProcessInstance day = plan(Duration.ofDays(11), "");
		ReceptionDay planned = day(day);
		ProcessInstance registered = registerFor(planned.getId(), "LABOUR_WAGES", 1);

		Map<String, Object> tooClose = adjustment("POSTPONE", Duration.ofDays(5));
		assertThatThrownBy(() -> this.desk.complete(day, "Task_AdjustDay", Roles.MANAGER, tooClose))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("newStartsAt");

		Map<String, Object> later = adjustment("POSTPONE", Duration.ofDays(20));
		this.engine.getTaskService().setAssignee(this.desk.task(day, "Task_AdjustDay", Roles.MANAGER).getId(), null);
		this.desk.complete(day, "Task_AdjustDay", Roles.MANAGER, later);

		ReceptionDay postponed = day(day);
		assertThat(postponed.getStartsAt()).isAfter(planned.getStartsAt().plus(Duration.ofDays(8)));
		assertThat(postponed.getPostponements()).isEqualTo(1);
		assertThat(this.announcements.findByReceptionDayIdOrderById(planned.getId())).last()
			.satisfies((a) -> assertThat(a.getText()).startsWith("【改期公告】"));
		assertThat(this.desk.timer(day, "TimerEvent_ReminderDue").getDuedate().toInstant())
			.isEqualTo(postponed.getStartsAt().minus(Duration.ofDays(3)));
		PetitionCase waiting = petitionCase(registered);
		assertThat(this.notices.findByCaseIdOrderById(waiting.getId())).extracting(Notice::getKind)
			.contains(NoticeKind.RECEPTION_DAY);
		assertThat(registered).isWaitingAt(WAITING_FOR_DAY);
		assertThat(day).isWaitingAt("TimerEvent_ReminderDue", "Task_PreVisitInvestigation", "Task_AdjustDay");
	}

	@Test
	void shouldCancelAndSendTheRegisteredCasesToOrdinaryReception() {
		ProcessInstance day = plan(Duration.ofDays(11), "");
		ReceptionDay planned = day(day);
		ProcessInstance registered = registerFor(planned.getId(), "ENVIRONMENT", 1);

		this.desk.complete(day, "Task_AdjustDay", Roles.MANAGER, Map.of("adjustment", "CANCEL", "adjustmentReason", "汛期"));

		assertThat(day).hasPassed("Task_CancelDay").isEnded();
		assertThat(day(day).getStatus()).isEqualTo(ReceptionDayStatus.CANCELLED);
		assertThat(kinds(planned)).contains("CANCELLATION:NEWSPAPER", "CANCELLATION:WEB");
		assertThat(registered).hasNotPassed("Task_FallBackToOrdinary");
		this.desk.continueAfter(registered, DAY_CANCELLED);
		assertThat(registered).hasPassed("Task_FallBackToOrdinary").isWaitingAt(RECEIVE_PETITIONER);
		PetitionCase fellBack = petitionCase(registered);
		assertThat(fellBack.getRoom()).isEqualTo("第8接待室（环境保护）");
		assertThat(fellBack.getQueueNumber()).isNull();
		assertThat(this.notices.findByCaseIdOrderById(fellBack.getId())).extracting(Notice::getBody)
			.anyMatch((body) -> body.contains("转入日常接访"));
	}

	@Test
	void shouldReportTheDayAndAccountForEveryCaseUntilTheFinalReport() {
		ProcessInstance day = plan(Duration.ofDays(12), "第1接待室：LABOUR_WAGES\n第2接待室：ENVIRONMENT,CIVIL_AFFAIRS");
		Long dayId = day(day).getId();
		ProcessInstance wages = registerFor(dayId, "LABOUR_WAGES", 1);
		ProcessInstance river = registerFor(dayId, "ENVIRONMENT", 2);
		ProcessInstance smoke = registerFor(dayId, "ENVIRONMENT", 3);
		ProcessInstance allowance = registerFor(dayId, "CIVIL_AFFAIRS", 4);
		this.desk.fire(day, "TimerEvent_ReminderDue");
		this.desk.fire(day, "TimerEvent_DayStarts");
		for (ProcessInstance released : List.of(wages, river, smoke, allowance)) {
			this.desk.continueAfter(released, DAY_STARTED);
		}
		Map<String, Object> walkInForm = CaseDesk.petition("LABOUR_WAGES", 3);
		walkInForm.put(RECEPTION_DAY_ID, dayId);
		ProcessInstance walkIn = this.desk.register(walkInForm);

		solve(wages);
		solve(walkIn);
		this.desk.assign(river, "unit-environment");
		this.desk.assign(smoke, "unit-environment");
		this.desk.receive(allowance, Map.of(RECEPTION_NOTES, "低保", OUTCOME, "DEFINITIVE_ANSWER"));

		this.desk.fire(day, "TimerEvent_DayEnds");
		DayReports.DayFigures figures = this.reports.dayFigures(dayId);
		assertThat(figures.overall()).isEqualTo(new Figures(5, 13, 2, 2, 1));
		assertThat(figures.byRoom()).containsEntry("第1接待室", new Figures(2, 4, 2, 0, 0))
			.containsEntry("第2接待室", new Figures(3, 9, 0, 2, 1));
		assertThat(figures.byCategory()).containsEntry("环境保护", new Figures(2, 5, 0, 2, 0));
		assertThat(this.reports.reports(dayId)).extracting(DayReport::getKind).containsExactly(DayReport.Kind.DAY);
		assertThat(day).isWaitingAt("TimerEvent_ProgressDue");

		// Follow-up: one unit reports in time, the other only after its deadline passed and supervision began.
		this.desk.report(river, "unit-environment", "已整改");
		this.desk.verify(river, Map.of(VERIFICATION, "ACCEPTED"));
		this.desk.fire(smoke, HANDLING_OVERDUE);
		this.desk.report(smoke, "unit-environment", "逾期后整改完毕");
		this.desk.verify(smoke, Map.of(VERIFICATION, "ACCEPTED"));
		this.desk.complete(allowance, DRAFT_ANSWER, Roles.REGISTRAR,
				Map.of(ANSWER_FORM, "EXPLAINED", ANSWER_TEXT, "家庭收入超过标准", ANSWER_BASIS, "最低生活保障办法"));
		this.desk.complete(allowance, APPROVE_ANSWER, Roles.LEADER, Map.of(ANSWER_APPROVAL, "APPROVED"));
		for (ProcessInstance instance : List.of(wages, walkIn, river, smoke)) {
			this.desk.visitBack(instance, "SATISFIED", "满意");
		}
		this.desk.fire(day, "TimerEvent_ProgressDue");
		assertThat(day).isWaitingAt("TimerEvent_ProgressDue");
		assertThat(this.reports.reports(dayId)).extracting(DayReport::getKind)
			.containsExactly(DayReport.Kind.DAY, DayReport.Kind.PROGRESS);

		this.desk.visitBack(allowance, "BASICALLY_SATISFIED", "基本满意");
		this.desk.fire(day, "TimerEvent_ProgressDue");

		assertThat(day).hasPassed("Task_FinalReport").isEnded();
		assertThat(day(day).getStatus()).isEqualTo(ReceptionDayStatus.ACCOUNTED_FOR);
		Rates rates = this.reports.rates(dayId);
		assertThat(rates.received()).isEqualTo(5);
		assertThat(rates.closed()).isEqualTo(5);
		assertThat(rates.closureRate()).isEqualTo(1.0);
		assertThat(rates.closedOnTime()).isEqualTo(4);
		assertThat(rates.onTimeRate()).isEqualTo(0.8);
		assertThat(rates.satisfactionRate()).isEqualTo(1.0);
		assertThat(rates.onTheSpotRate()).isEqualTo(0.4);
		assertThat(rates.supervised()).isEqualTo(1);
		assertThat(this.reports.reports(dayId)).extracting(DayReport::getKind)
			.containsExactly(DayReport.Kind.DAY, DayReport.Kind.PROGRESS, DayReport.Kind.PROGRESS, DayReport.Kind.FINAL);
		assertThat(this.reports.reports(dayId).get(3).getPayload()).contains("\"closureRate\":1.0");
		// The oversight figures of the day agree with the day's own report.
		assertThat(this.oversight.figures(Oversight.By.TOTAL, null, null, dayId).total()).isEqualTo(rates);
	}

	private void solve(ProcessInstance instance) {
		this.desk.receive(instance, Map.of(RECEPTION_NOTES, "记录", OUTCOME, "SOLVED_ON_THE_SPOT", DECISION, "当场解决"));
	}

	private ProcessInstance plan(Duration ahead, String rooms) {
		ZonedDateTime startsAt = ZonedDateTime.ofInstant(BusinessClock.now().plus(ahead), BusinessClock.ZONE).withSecond(0)
			.withNano(0)
			.plusMinutes(1);
		Map<String, Object> plan = new HashMap<>();
		plan.put("leaderName", "省委书记");
		plan.put("county", "浦江县");
		plan.put("venue", "浦江中学");
		plan.put("startsAt", TIME.format(startsAt));
		plan.put("endsAt", TIME.format(startsAt.plusHours(8)));
		plan.put("channels", List.of("NEWSPAPER", "WEB"));
		plan.put("rooms", rooms);
		plan.put("departments", "省级15个部门");
		plan.put("lawyers", "律师3名");
		return this.desk.start("ReceptionDay", Roles.MANAGER, plan);
	}

	private Map<String, Object> adjustment(String what, Duration ahead) {
		ZonedDateTime startsAt = ZonedDateTime.ofInstant(BusinessClock.now().plus(ahead), BusinessClock.ZONE);
		return Map.of("adjustment", what, "adjustmentReason", "领导另有公务", "newStartsAt", TIME.format(startsAt),
				"newEndsAt", TIME.format(startsAt.plusHours(8)));
	}

	/** A wages case and a social security case for the first of {@link #TWO_ROOMS}, an environment case for the second. */
	private List<ProcessInstance> registerThreeFor(Long dayId) {
		return List.of(registerFor(dayId, "LABOUR_WAGES", 1), registerFor(dayId, "SOCIAL_SECURITY", 2),
				registerFor(dayId, "ENVIRONMENT", 1));
	}

	private ProcessInstance registerFor(Long dayId, String category, int persons) {
		Map<String, Object> form = CaseDesk.petition(category, persons);
		form.put(CHANNEL, "PRE_REGISTRATION");
		form.put(RECEPTION_DAY_ID, dayId);
		return this.desk.register(form);
	}

	private ReceptionDay day(ProcessInstance instance) {
		Long id = (Long) this.engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(instance.getId())
			.variableName("receptionDayId")
			.singleResult()
			.getValue();
		return this.days.findById(id).orElseThrow();
	}

	private PetitionCase petitionCase(ProcessInstance instance) {
		return this.cases.findByCaseNumber(instance.getBusinessKey()).orElseThrow();
	}

	private String seat(ProcessInstance instance) {
		PetitionCase petitionCase = petitionCase(instance);
		return petitionCase.getRoom() + "#" + petitionCase.getQueueNumber();
	}

	private List<String> kinds(ReceptionDay day) {
		return this.announcements.findByReceptionDayIdOrderById(day.getId())
			.stream()
			.map((a) -> a.getKind() + ":" + a.getChannel())
			.toList();
	}


}
