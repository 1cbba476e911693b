package org.pujiang.demo;

import java.time.Instant;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.joda.time.DateTimeUtils;

/**
 * The replay's simulated time, as the engine's clock ({@link ClockUtil} reads Joda-Time's, which the engine brings):
 * one time for the replay as a whole, and a worker's own while it works, so that staff working side by side each
 * register or receive at the minute their batch had. {@link ClockUtil#reset()} puts the system clock back.
 */
final class ReplayClock implements DateTimeUtils.MillisProvider {

	private final ThreadLocal<Long> own = new ThreadLocal<>();

	private volatile long shared = System.currentTimeMillis();

	/** Makes this the engine's clock. */
	void install() {
		DateTimeUtils.setCurrentMillisProvider(this);
	}

	/** Moves the time everyone sees who has no time of their own. */
	void set(Instant instant) {
		this.shared = instant.toEpochMilli();
	}

	/** Does the work with the calling thread's clock at that time. */
	void at(Instant instant, Runnable work) {
		this.own.set(instant.toEpochMilli());
		try {
			work.run();
		}
		finally {
			this.own.remove();
		}
	}

	@Override
	public long getMillis() {
		Long mine = this.own.get();
		return mine != null ? mine : this.shared;
	}

}
