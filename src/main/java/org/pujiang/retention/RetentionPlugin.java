package org.pujiang.retention;

import java.util.ArrayList;

import javax.sql.DataSource;

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
 * carry none), removal-time based cleanup counted from the end of each process, and the nightly cleanup window.
 * The removal time is stamped by the nightly cleanup job ({@link StampingHistoryCleanup}), not in the transaction
 * that ends a process ({@link DeferredRemovalTime}).
 */
@Component
class RetentionPlugin extends AbstractProcessEnginePlugin {

	private final RetentionProperties retention;

	private final DataSource dataSource;

	RetentionPlugin(RetentionProperties retention, DataSource dataSource) {
		this.retention = retention;
		this.dataSource = dataSource;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		int days = this.retention.historyDays();
		configuration.setHistoryTimeToLive("P" + days + "D");
		configuration.setHistoryRemovalTimeStrategy(ProcessEngineConfigurationImpl.HISTORY_REMOVAL_TIME_STRATEGY_END);
		configuration.setHistoryEventProducer(new DeferredRemovalTime());
		if (configuration.getCustomJobHandlers() == null) {
			configuration.setCustomJobHandlers(new ArrayList<>());
		}
		configuration.getCustomJobHandlers().add(new StampingHistoryCleanup(this.dataSource));
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
