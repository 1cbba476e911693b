package org.pujiang.retention;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Applies the retention of {@link RetentionProperties} to the engine: the history time-to-live of every process
 * as it is deployed (the diagrams' own attribute is only what Modeler shows) and of every decision table (which
 * carry none), removal-time based cleanup, and the nightly cleanup window.
 */
@Component
class RetentionPlugin extends AbstractProcessEnginePlugin {

	private final RetentionProperties retention;

	RetentionPlugin(RetentionProperties retention) {
		this.retention = retention;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		int days = this.retention.historyDays();
		configuration.setHistoryTimeToLive("P" + days + "D");
		configuration.setHistoryRemovalTimeStrategy(ProcessEngineConfigurationImpl.HISTORY_REMOVAL_TIME_STRATEGY_END);
		configuration.setHistoryCleanupStrategy(ProcessEngineConfigurationImpl.HISTORY_CLEANUP_STRATEGY_REMOVAL_TIME_BASED);
		configuration.setHistoryCleanupBatchWindowStartTime(this.retention.cleanupWindowStart());
		configuration.setHistoryCleanupBatchWindowEndTime(this.retention.cleanupWindowEnd());
		if (configuration.getCustomPostBPMNParseListeners() == null) {
			configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
		}
		BpmnParseListener ttl = new AbstractBpmnParseListener() {
			@Override
			public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
				processDefinition.setHistoryTimeToLive(days);
			}
		};
		configuration.getCustomPostBPMNParseListeners().add(ttl);
	}

}
