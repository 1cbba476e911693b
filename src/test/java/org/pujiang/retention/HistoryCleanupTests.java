package org.pujiang.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pujiang.petition.PetitionCaseProcess.*;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pujiang.CaseDesk;
import org.pujiang.audit.CaseEvents;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The engine's history cleanup, run for real: the nightly job stamps a closed case's history with its removal
 * time, the retention counted from its closure; the history is kept that long, then removed with everything that
 * hangs on it, while open cases and the business records stay. A database of its own, since the cleanup removes
 * every case old enough, and the tests sharing a database would lose theirs; and an engine name of its own (no
 * hyphen, or the engine takes the name "default", which the engine REST API of the web test context looks up in
 * the JVM-wide registry).
 */
@SpringBootTest(properties = { "camunda.bpm.process-engine-name=historycleanup",
		"spring.datasource.url=jdbc:h2:mem:pujiang-history-cleanup;DB_CLOSE_DELAY=-1" })
@ActiveProfiles("test")
class HistoryCleanupTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	PetitionCaseRepository cases;

	@Autowired
	CaseEvents events;

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void shouldStampAClosedCaseAtNightKeepItTenYearsFromItsClosureThenRemoveItsHistory() {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) this.engine
			.getProcessEngineConfiguration();
		assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
		assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
		assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("22:00");
		assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("06:00");

		Instant registered = Instant.now();
		CaseDesk desk = new CaseDesk(this.engine);
		ProcessInstance closed = desk.register("LABOUR_WAGES", 1);
		ProcessInstance open = desk.register("ENVIRONMENT", 2);
		desk.receive(closed, Map.of(RECEPTION_NOTES, "欠薪", OUTCOME, "SOLVED_ON_THE_SPOT", DECISION, "当场责成企业结清工资"));
		clock(registered.plus(Duration.ofDays(100)));
		desk.visitBack(closed, "SATISFIED", "工资已到账");
		Instant closure = process(closed).getEndTime().toInstant();
		PetitionCase closedCase = this.cases.findByProcessInstanceId(closed.getId()).orElseThrow();
		int chain = this.events.of(closedCase.getId()).size();
		assertThat(history(closed)).allSatisfy((kind, rows) -> assertThat(rows).as(kind).isPositive());
		assertThat(process(closed).getRemovalTime()).as("not stamped while the case closes").isNull();

		// The night after: the cleanup job stamps the closed case, every row of its history, with its closure plus
		// ten years; the open case is not stamped.
		clock(closure.plus(Duration.ofHours(10)));
		cleanUp();
		Date removal = Date.from(closure.plus(Duration.ofDays(3650)));
		HistoryService historyService = this.engine.getHistoryService();
		assertThat(process(closed).getRemovalTime()).isEqualTo(removal);
		assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(closed.getId()).list())
			.allSatisfy((row) -> assertThat(row.getRemovalTime()).isEqualTo(removal));
		assertThat(historyService.createHistoricDecisionInstanceQuery().processInstanceId(closed.getId()).list())
			.allSatisfy((row) -> assertThat(row.getRemovalTime()).isEqualTo(removal));
		assertThat(historyService.createUserOperationLogQuery().processInstanceId(closed.getId()).list())
			.allSatisfy((row) -> assertThat(row.getRemovalTime()).isEqualTo(removal));
		assertThat(process(open).getRemovalTime()).isNull();

		// A day short of ten years after closure (and well over ten years after registration): kept.
		clock(closure.plus(Duration.ofDays(3649)));
		cleanUp();
		assertThat(history(closed)).allSatisfy((kind, rows) -> assertThat(rows).as(kind).isPositive());

		// Ten years after closure: the closed case's history goes, all of it; the open case's stays, and so do the
		// business records.
		clock(closure.plus(Duration.ofDays(3650)).plusSeconds(60));
		cleanUp();
		assertThat(history(closed)).allSatisfy((kind, rows) -> assertThat(rows).as(kind).isZero());
		assertThat(history(open)).containsEntry("process instance", 1L)
			.hasEntrySatisfying("activities", (rows) -> assertThat(rows).isPositive())
			.hasEntrySatisfying("decisions", (rows) -> assertThat(rows).isPositive());
		assertThat(this.engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(open.getId()).count())
			.isEqualTo(1);
		assertThat(this.cases.findByProcessInstanceId(closed.getId())).as("the case record").isPresent();
		assertThat(this.events.of(closedCase.getId())).as("the case's event chain").hasSize(chain);
		assertThat(this.events.verify().intact()).isTrue();
	}

	private HistoricProcessInstance process(ProcessInstance instance) {
		return this.engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceId(instance.getId())
			.singleResult();
	}

	/** Rows of a case's history by kind: instance, activities, tasks, variables, details, decisions, operation log. */
	private Map<String, Long> history(ProcessInstance instance) {
		HistoryService history = this.engine.getHistoryService();
		String id = instance.getId();
		Map<String, Long> rows = new LinkedHashMap<>();
		rows.put("process instance", history.createHistoricProcessInstanceQuery().processInstanceId(id).count());
		rows.put("activities", history.createHistoricActivityInstanceQuery().processInstanceId(id).count());
		rows.put("tasks", history.createHistoricTaskInstanceQuery().processInstanceId(id).count());
		rows.put("variables", history.createHistoricVariableInstanceQuery().processInstanceId(id).includeDeleted().count());
		rows.put("details", history.createHistoricDetailQuery().processInstanceId(id).count());
		rows.put("decisions", history.createHistoricDecisionInstanceQuery().processInstanceId(id).count());
		rows.put("operation log", history.createUserOperationLogQuery().processInstanceId(id).count());
		return rows;
	}

	/** What the nightly cleanup job does, run now. */
	private void cleanUp() {
		Job job = this.engine.getHistoryService().cleanUpHistoryAsync(true);
		this.engine.getManagementService().executeJob(job.getId());
	}

	private static void clock(Instant instant) {
		ClockUtil.setCurrentTime(Date.from(instant));
	}

}
