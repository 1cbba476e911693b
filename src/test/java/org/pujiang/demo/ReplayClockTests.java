package org.pujiang.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pujiang.AtOnce;

/** The replay's clock as the engine reads it: the replay's time, and each worker's own while it works. */
class ReplayClockTests {

	private static final Instant DAY = Instant.parse("2003-09-18T01:00:00Z");

	private final ReplayClock clock = new ReplayClock();

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void shouldGiveTheEngineTheReplaysTimeUntilReset() {
		this.clock.install();
		this.clock.set(DAY);
		assertThat(ClockUtil.getCurrentTime().toInstant()).isEqualTo(DAY);
		this.clock.set(DAY.plus(Duration.ofDays(1)));
		assertThat(ClockUtil.getCurrentTime().toInstant()).isEqualTo(DAY.plus(Duration.ofDays(1)));

		ClockUtil.reset();
		assertThat(ClockUtil.getCurrentTime().toInstant()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
	}

	@Test
	void shouldGiveEachWorkerItsOwnTimeWhileItWorksAndTheReplaysOtherwise() throws Exception {
		this.clock.install();
		this.clock.set(DAY);
		// Both workers are inside their work at once, each reading the engine's clock there.
		CyclicBarrier bothWorking = new CyclicBarrier(2);
		List<List<Instant>> seen = AtOnce.run(2, 2, (n) -> {
			Instant own = DAY.plus(Duration.ofMinutes(40 + n));
			Instant[] during = new Instant[1];
			this.clock.at(own, () -> {
				await(bothWorking);
				during[0] = ClockUtil.getCurrentTime().toInstant();
				await(bothWorking);
			});
			return List.of(during[0], ClockUtil.getCurrentTime().toInstant());
		});

		assertThat(seen.get(0)).containsExactly(DAY.plus(Duration.ofMinutes(40)), DAY);
		assertThat(seen.get(1)).containsExactly(DAY.plus(Duration.ofMinutes(41)), DAY);
		assertThat(ClockUtil.getCurrentTime().toInstant()).isEqualTo(DAY);
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
