package org.pujiang.notice;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the dispatcher every {@code pujiang.notices.dispatch-interval} (its default in {@link NoticeProperties}),
 * the interval also its first delay, unless {@code pujiang.notices.scheduled=false} (tests dispatch by hand).
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "pujiang.notices.scheduled", havingValue = "true", matchIfMissing = true)
class NoticeScheduling implements SchedulingConfigurer {

	private final NoticeDispatcher dispatcher;

	private final NoticeProperties properties;

	NoticeScheduling(NoticeDispatcher dispatcher, NoticeProperties properties) {
		this.dispatcher = dispatcher;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this.dispatcher::dispatchScheduled,
				this.properties.dispatchInterval(), this.properties.dispatchInterval()));
	}

}
