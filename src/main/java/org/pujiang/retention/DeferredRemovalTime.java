package org.pujiang.retention;

import java.util.Date;

import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;

/**
 * The engine's history, but for one thing: when a process ends, its history is not stamped with its removal time
 * in that transaction; {@link StampingHistoryCleanup} stamps it, with the same time, in the nightly cleanup window.
 * The engine's "end" removal-time strategy stays configured, so what is stamped, and everything else (batches,
 * standalone decisions), is as the engine does it.
 */
class DeferredRemovalTime extends CacheAwareHistoryEventProducer {

	@Override
	protected void provideRemovalTime(HistoryEvent historyEvent) {
		if (!(historyEvent instanceof HistoricProcessInstanceEventEntity && isHistoryRemovalTimeStrategyEnd())) {
			super.provideRemovalTime(historyEvent);
		}
	}

	@Override
	protected void addRemovalTimeToHistoricProcessInstances(String rootProcessInstanceId, Date removalTime) {
		// at night
	}

	@Override
	protected void addRemovalTimeToHistoricDecisions(String rootProcessInstanceId, Date removalTime) {
		// at night
	}

}
