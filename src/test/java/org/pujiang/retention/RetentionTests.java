package org.pujiang.retention;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.pujiang.PujiangTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The archive's retention, set once in pujiang.retention, reaches every definition (the cleanup: HistoryCleanupTests). */
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

}
