package org.pujiang.notice;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Notice settings: the sender address for e-mail, where the supervision office and leaders without an address
 * of their own are reached, the desks of the announcement channels (newspaper, radio, TV, web), and how the
 * dispatcher runs.
 */
@ConfigurationProperties("pujiang.notices")
public record NoticeProperties(String from, String supervisionOffice, String leaders, Duration dispatchInterval,
		int batchSize, int maxAttempts, Duration backoff, Map<String, String> announcementDesks) {

	public NoticeProperties {
		from = from == null ? "xinfang@pujiang.local" : from;
		supervisionOffice = supervisionOffice == null ? "duban@pujiang.local" : supervisionOffice;
		leaders = leaders == null ? "leaders@pujiang.local" : leaders;
		dispatchInterval = dispatchInterval == null ? Duration.ofSeconds(1) : dispatchInterval;
		batchSize = batchSize <= 0 ? 50 : batchSize;
		maxAttempts = maxAttempts <= 0 ? 5 : maxAttempts;
		backoff = backoff == null ? Duration.ofSeconds(30) : backoff;
		announcementDesks = announcementDesks == null ? Map.of() : Map.copyOf(announcementDesks);
	}

}
