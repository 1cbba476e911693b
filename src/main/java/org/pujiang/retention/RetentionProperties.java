package org.pujiang.retention;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the petitions archive keeps the engine's history, and when the engine may clean up what is older:
 * the one place for both. Business records (cases, events, reports) are never deleted by the application, so they
 * outlive the engine's history.
 */
@ConfigurationProperties("pujiang.retention")
public record RetentionProperties(Period historyTimeToLive, String cleanupWindowStart, String cleanupWindowEnd) {

	public RetentionProperties {
		historyTimeToLive = historyTimeToLive == null ? Period.ofYears(10) : historyTimeToLive;
		cleanupWindowStart = cleanupWindowStart == null ? "22:00" : cleanupWindowStart;
		cleanupWindowEnd = cleanupWindowEnd == null ? "06:00" : cleanupWindowEnd;
	}

	/** The time-to-live in whole days, as the engine counts it (a year is 365 days here). */
	public int historyDays() {
		return this.historyTimeToLive.getYears() * 365 + this.historyTimeToLive.getMonths() * 30
				+ this.historyTimeToLive.getDays();
	}

}
