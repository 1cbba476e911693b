package org.pujiang.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pujiang.petition.PetitionCaseProcess.*;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManagerFactory;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pujiang.CaseDesk;
import org.pujiang.PujiangTest;
import org.pujiang.Roles;
import org.pujiang.oversight.CaseRates.Rates;
import org.pujiang.oversight.Oversight.By;
import org.pujiang.oversight.Oversight.Figures;
import org.pujiang.petition.BusinessClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The oversight figures of a month of cases whose answers are known, cross-checked against what the engine's
 * history says happened to the same cases.
 */
@PujiangTest
class OversightTests {

	private static final LocalDate MARCH = LocalDate.of(2031, 3, 1);

	@Autowired
	ProcessEngine engine;

	@Autowired
	Oversight oversight;

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Autowired
	CaseFactsCheck factsCheck;

	@Autowired
	JdbcTemplate jdbc;

	CaseDesk desk;

	@BeforeEach
	void setUp() {
		this.desk = new CaseDesk(this.engine);
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void shouldCountTheRatesOfAMonthAndAgreeWithTheEnginesHistory() {
		clock(MARCH.plusDays(9));
		ProcessInstance solved = this.desk.register("LABOUR_WAGES", 1);
		this.desk.receive(solved, Map.of(RECEPTION_NOTES, "记录", OUTCOME, "SOLVED_ON_THE_SPOT", DECISION, "当场解决"));
		this.desk.visitBack(solved, "SATISFIED", "满意");

		ProcessInstance assigned = this.desk.register("ENVIRONMENT", 1);
		this.desk.assign(assigned, "unit-environment");
		clock(MARCH.plusDays(20));
		this.desk.report(assigned, "unit-environment", "已整改");
		this.desk.verify(assigned, Map.of(VERIFICATION, "ACCEPTED"));
		this.desk.visitBack(assigned, "BASICALLY_SATISFIED", "基本满意");

		ProcessInstance answering = this.desk.register("CIVIL_AFFAIRS", 1);
		this.desk.receive(answering, Map.of(RECEPTION_NOTES, "记录", OUTCOME, "DEFINITIVE_ANSWER"));

		Map<String, Object> repeatedForm = CaseDesk.petition("ROADS_TRANSPORT", 2);
		ProcessInstance late = this.desk.register(repeatedForm);
		this.desk.assign(late, "unit-transport");
		this.desk.register(repeatedForm);
		this.desk.fire(late, HANDLING_OVERDUE);

		Figures figures = this.oversight.figures(By.CATEGORY, MARCH, MARCH.plusMonths(1));
		Rates total = figures.total();
		assertThat(total.received()).isEqualTo(4);
		assertThat(total.closed()).isEqualTo(2);
		assertThat(total.closureRate()).isEqualTo(0.5);
		assertThat(total.onTimeRate()).isEqualTo(1.0);
		assertThat(total.satisfactionRate()).isEqualTo(1.0);
		assertThat(total.onTheSpotRate()).isEqualTo(0.25);
		assertThat(total.repeatRate()).isEqualTo(0.2);
		assertThat(total.supervised()).isEqualTo(1);
		assertThat(total.averageHandlingDays()).isEqualTo(5.5);
		assertThat(total.p90HandlingDays()).isEqualTo(11.0);
		assertThat(figures.groups()).extracting(Oversight.Row::group).containsExactlyInAnyOrder("劳资纠纷", "环境保护", "民政事务",
				"交通道路");

		// The same answers from the engine's history of these four cases.
		HistoryService history = this.engine.getHistoryService();
		List<String> instances = List.of(solved.getId(), assigned.getId(), answering.getId(), late.getId());
		long closedInEngine = instances.stream()
			.filter((id) -> history.createHistoricActivityInstanceQuery().processInstanceId(id).activityId(CASE_CLOSED).count() == 1)
			.count();
		long onTheSpotInEngine = instances.stream()
			.filter((id) -> "SOLVED_ON_THE_SPOT".equals(variable(id, OUTCOME)))
			.count();
		long satisfiedInEngine = history.createHistoricDetailQuery().variableUpdates().list().stream()
			.filter((d) -> instances.contains(d.getProcessInstanceId()))
			.map((d) -> (org.camunda.bpm.engine.history.HistoricVariableUpdate) d)
			.filter((u) -> SATISFACTION.equals(u.getVariableName()) && !"DISSATISFIED".equals(u.getValue()))
			.count();
		assertThat(total.closed()).isEqualTo(closedInEngine);
		assertThat(total.solvedOnTheSpot()).isEqualTo(onTheSpotInEngine);
		assertThat(total.satisfiedVisits()).isEqualTo(satisfiedInEngine);

		assertThat(this.oversight.figures(By.UNIT, MARCH, MARCH.plusMonths(1)).groups()).extracting(Oversight.Row::group)
			.contains("生态环境分局", "交通运输局", "（未交办）");
		assertThat(this.oversight.figures(By.MONTH, MARCH, MARCH.plusMonths(1)).groups()).extracting(Oversight.Row::group)
			.containsExactly("2031-03");
		assertThat(this.oversight.overdue()).anySatisfy((o) -> {
			assertThat(o.caseNumber()).isEqualTo(late.getBusinessKey());
			assertThat(o.supervised()).isTrue();
			assertThat(o.daysOverdue()).isGreaterThanOrEqualTo(0);
		});
	}

	@Test
	void shouldReadTheFiguresOfAnyNumberOfCasesInTheSameFewQueries() {
		LocalDate june = LocalDate.of(2031, 6, 1);
		clock(june.plusDays(3));
		handledCase("ENVIRONMENT", "unit-environment");
		long fewCases = statements(() -> this.oversight.figures(By.UNIT, june, june.plusMonths(1)));
		long fewOverdue = statements(() -> this.oversight.overdue());

		handledCase("ROADS_TRANSPORT", "unit-transport");
		handledCase("LABOUR_WAGES", "unit-social");
		handledCase("ENVIRONMENT", "unit-environment");
		assertThat(this.oversight.figures(By.UNIT, june, june.plusMonths(1)).total().received()).isEqualTo(4);
		assertThat(statements(() -> this.oversight.figures(By.UNIT, june, june.plusMonths(1)))).isEqualTo(fewCases);
		assertThat(statements(() -> this.oversight.overdue())).isEqualTo(fewOverdue);
	}

	@Test
	void shouldFindTheCasesWhoseKeptFactsDifferFromTheirRecords() {
		clock(LocalDate.of(2031, 9, 1));
		ProcessInstance extended = this.desk.register("WATER_RESERVOIRS", 1);
		this.desk.assign(extended, "unit-water");
		this.desk.complete(extended, HANDLE_CASE, "unit-water", "unit-water",
				Map.of(HANDLING_ACTION, "EXTENSION", EXTENSION_DAYS, 10L, EXTENSION_REASON, "需水利专家论证"));
		this.desk.complete(extended, REVIEW_EXTENSION, Roles.SUPERVISOR,
				Map.of(EXTENSION_DECISION, "APPROVED", EXTENSION_COMMENT, "同意延期"));
		ProcessInstance supervised = this.desk.register("ROADS_TRANSPORT", 1);
		this.desk.assign(supervised, "unit-transport");
		this.desk.fire(supervised, HANDLING_OVERDUE);
		ProcessInstance solved = this.desk.register("LABOUR_WAGES", 1);
		this.desk.receive(solved, Map.of(RECEPTION_NOTES, "记录", OUTCOME, "SOLVED_ON_THE_SPOT", DECISION, "当场解决"));
		this.desk.visitBack(solved, "SATISFIED", "满意");

		// Every case the steps stored here, these and the other tests', keeps the facts its records give.
		CaseFactsCheck.Result intact = this.factsCheck.check();
		assertThat(intact.cases()).isGreaterThanOrEqualTo(3);
		assertThat(intact.agree()).as(intact.describe()).isTrue();
		assertThat(intact.describe()).endsWith("all agree with their assignments and return visits");

		// Records changed by hand, behind the steps' back: the visit now says dissatisfied, the supervision is gone.
		String visit = "update return_visit set satisfaction = ? where case_id = (select id from petition_case where case_number = ?)";
		String supervision = "update petition_case set supervised = ? where case_number = ?";
		this.jdbc.update(visit, "DISSATISFIED", solved.getBusinessKey());
		this.jdbc.update(supervision, false, supervised.getBusinessKey());
		try {
			CaseFactsCheck.Result drifted = this.factsCheck.check();
			assertThat(drifted.differing()).isEqualTo(2);
			assertThat(drifted.first()).extracting(CaseFactsCheck.Difference::caseNumber)
				.containsExactlyInAnyOrder(solved.getBusinessKey(), supervised.getBusinessKey());
			assertThat(drifted.describe()).contains("2 differ from their records")
				.contains("case " + solved.getBusinessKey() + " (id ")
				.contains("satisfied_visits: kept 1, records 0")
				.contains("supervised: kept 0, records 1")
				.doesNotContain(extended.getBusinessKey());
		}
		finally {
			this.jdbc.update(visit, "SATISFIED", solved.getBusinessKey());
			this.jdbc.update(supervision, true, supervised.getBusinessKey());
		}
		assertThat(this.factsCheck.check().agree()).isTrue();
	}

	/** An assigned case, reported, accepted and visited back. */
	private void handledCase(String category, String unit) {
		ProcessInstance instance = this.desk.register(category, 1);
		this.desk.assign(instance, unit);
		this.desk.report(instance, unit, "已办理");
		this.desk.verify(instance, Map.of(VERIFICATION, "ACCEPTED"));
		this.desk.visitBack(instance, "SATISFIED", "满意");
	}

	/** How many SQL statements the business tables were sent while the work ran. */
	private long statements(Runnable work) {
		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		statistics.clear();
		statistics.setStatisticsEnabled(true);
		try {
			work.run();
			return statistics.getPrepareStatementCount();
		}
		finally {
			statistics.setStatisticsEnabled(false);
		}
	}

	private Object variable(String instanceId, String name) {
		var found = this.engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(instanceId)
			.variableName(name)
			.singleResult();
		return found == null ? null : found.getValue();
	}

	private static void clock(LocalDate day) {
		ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(day.atTime(10, 0), BusinessClock.ZONE).toInstant()));
	}

}
