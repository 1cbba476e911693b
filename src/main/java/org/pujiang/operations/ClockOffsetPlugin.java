package org.pujiang.operations;

import java.time.Duration;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs the business clock (the engine's, see {@code BusinessClock}) ahead of the wall clock by
 * {@code pujiang.clock.offset}, set before the job executor starts: for drills and for the cluster tests, which
 * restart their nodes days later to let deadlines, reminders and announcements fall due. Unset (the default) in
 * production.
 */
@Component
class ClockOffsetPlugin extends AbstractProcessEnginePlugin {

	private static final Logger log = LoggerFactory.getLogger(ClockOffsetPlugin.class);

	private final Duration offset;

	ClockOffsetPlugin(@Value("${pujiang.clock.offset:PT0S}") Duration offset) {
		this.offset = offset;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (!this.offset.isZero()) {
			ClockUtil.offset(this.offset.toMillis());
			log.warn("The business clock runs {} ahead of the wall clock (pujiang.clock.offset): now {}", this.offset,
					ClockUtil.getCurrentTime().toInstant());
		}
	}

}
