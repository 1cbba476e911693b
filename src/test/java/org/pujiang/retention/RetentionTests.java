package org.pujiang.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pujiang.petition.PetitionCaseProcess.*;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.pujiang.CaseDesk;
import org.pujiang.PujiangTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The archive's retention, set once in pujiang.retention, reaches every definition (the cleanup: HistoryCleanupTests);
 * and nothing is logged that no retention would ever remove.
 */
@PujiangTest
class RetentionTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	RetentionProperties retention;

	@Test
	void shouldKeepTheHistoryOfEveryProcessAndDecisionForTenYears() {
		assertThat(this.retention.historyDays()).isEqualTo(3650);
		assertThat(this.engine.getRepositoryService().createProcessDefinitionQuery().list())
			.isNotEmpty()
			.allSatisfy((definition) -> assertThat(definition.getHistoryTimeToLive()).isEqualTo(3650));
		assertThat(this.engine.getRepositoryService().createDecisionDefinitionQuery().list())
			.isNotEmpty()
			.allSatisfy((definition) -> assertThat(definition.getHistoryTimeToLive()).isEqualTo(3650));
	}

	@Test
	void shouldLogNoTaskWorkersThatNothingWouldEverRemove() {
		CaseDesk desk = new CaseDesk(this.engine);
		ProcessInstance instance = desk.register("LABOUR_WAGES", 1);
		desk.receive(instance, Map.of(RECEPTION_NOTES, "欠薪", OUTCOME, "SOLVED_ON_THE_SPOT",
				DECISION, "当场责成企业结清工资"));
		assertThat(this.engine.getHistoryService()
			.createHistoricTaskInstanceQuery()
			.processInstanceId(instance.getId())
			.taskAssigned()
			.count()).as("a task claimed").isPositive();
		assertThat(this.engine.getManagementService().getUniqueTaskWorkerCount(null, null)).isZero();
	}

}
