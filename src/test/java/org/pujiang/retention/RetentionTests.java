package org.pujiang.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.pujiang.CaseDesk;
import org.pujiang.PujiangTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The archive's retention, set once in pujiang.retention, reaches every definition and the cleanup. */
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
	void shouldStampEndedCasesForRemovalAfterTheRetentionAndCleanUpAtNight() {
		CaseDesk desk = new CaseDesk(this.engine);
		ProcessInstance instance = desk.register("LABOUR_WAGES", 1);
		this.engine.getRuntimeService().deleteProcessInstance(instance.getId(), "retention test");
		HistoricProcessInstance ended = this.engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceId(instance.getId())
			.singleResult();
		long days = (ended.getRemovalTime().getTime() - ended.getEndTime().getTime()) / 86_400_000L;
		assertThat(days).isEqualTo(3650);
		assertThat(ended.getRemovalTime()).isAfter(new Date());

		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) this.engine
			.getProcessEngineConfiguration();
		assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("22:00");
		assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("06:00");
		assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
	}

}
