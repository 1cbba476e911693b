package org.pujiang.petition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The one clock of the application: the engine's, so that timers, deadlines and business timestamps move
 * together when tests or simulations move time.
 */
public final class BusinessClock {

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZONE);

	private BusinessClock() {
	}

	public static Instant now() {
		return ClockUtil.getCurrentTime().toInstant();
	}

	public static LocalDate today() {
		return LocalDate.ofInstant(now(), ZONE);
	}

	public static String date(Instant instant) {
		return instant == null ? null : DATE.format(instant);
	}

	public static Date toDate(Instant instant) {
		return Date.from(instant);
	}

}
