package org.pujiang.notice;

import java.util.List;

import org.pujiang.audit.CaseEvents;
import org.pujiang.operations.DatabaseOutage;
import org.pujiang.petition.BusinessClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the outbox holds, each notice in a transaction of its own: the notice's row is locked for the send (a
 * node skips the notices another node is sending), it is marked sent in the same transaction that sends it, and a
 * failure is counted and retried until the attempts run out. Several nodes may dispatch at once.
 * <p>
 * Delivery is at least once: a node that dies after the mail server took a notice and before its transaction
 * commits leaves the notice unsent, and another node sends it again. Such a second copy carries the same
 * {@code Message-ID} ({@code <notice-ID@…>}), by which receivers recognise it.
 */
@Component
public class NoticeDispatcher {

	private static final Logger log = LoggerFactory.getLogger(NoticeDispatcher.class);

	private final NoticeRepository notices;

	private final List<NoticeSender> senders;

	private final TransactionTemplate transactions;

	private final NoticeProperties properties;

	private final CaseEvents events;

	private final NoticeIncidents incidents;

	/** Whether the last scheduled round found the database out of reach (one thread runs the rounds). */
	private boolean databaseAway;

	NoticeDispatcher(NoticeRepository notices, List<NoticeSender> senders, TransactionTemplate transactions,
			NoticeProperties properties, CaseEvents events, NoticeIncidents incidents) {
		this.notices = notices;
		this.senders = senders;
		this.transactions = transactions;
		this.properties = properties;
		this.events = events;
		this.incidents = incidents;
	}

	/**
	 * Sends batch after batch while they come back full, so that a backlog (a busy hour of online petitions, the mail
	 * server back after an outage) drains at once rather than one batch an interval.
	 */
	void dispatchScheduled() {
		try {
			while (dispatchPending() == this.properties.batchSize()) {
				// a full batch: more may be waiting
			}
		}
		catch (RuntimeException ex) {
			if (!DatabaseOutage.outOfReach(ex)) {
				throw ex;
			}
			// Said once an outage, not with a stack trace every round: the next rounds try again by themselves.
			if (!this.databaseAway) {
				this.databaseAway = true;
				log.warn("Notices not dispatched while the database is out of reach, tried again every {}: {}",
						this.properties.dispatchInterval(), NestedExceptionUtils.getMostSpecificCause(ex).toString());
			}
			return;
		}
		if (this.databaseAway) {
			this.databaseAway = false;
			log.info("Notices dispatched again, the database being back");
		}
	}

	/** Sends one batch of the pending notices; returns how many were sent. */
	public int dispatchPending() {
		List<Long> pending = this.notices
			.findDue(this.properties.maxAttempts(), BusinessClock.now(), Limit.of(this.properties.batchSize()))
			.stream()
			.map(Notice::getId)
			.toList();
		int sent = 0;
		for (Long id : pending) {
			if (Boolean.TRUE.equals(this.transactions.execute((status) -> send(id)))) {
				sent++;
			}
		}
		return sent;
	}

	private boolean send(Long id) {
		Notice notice = this.notices.claim(id).orElse(null);
		if (notice == null) {
			return false;
		}
		NoticeSender sender = this.senders.stream().filter((s) -> s.handles(notice.getChannel())).findFirst().orElseThrow();
		try {
			sender.send(notice);
			notice.sent();
			if (notice.getCaseId() != null) {
				this.events.record(notice.getCaseId(), "NOTICE_SENT", null, "notice", notice.getId(), "kind", notice.getKind(),
						"channel", notice.getChannel());
			}
			return true;
		}
		catch (Exception ex) {
			log.warn("Notice {} not sent (attempt {}): {}", id, notice.getAttempts() + 1, ex.getMessage());
			notice.failed(ex, this.properties.backoff());
			if (notice.getAttempts() >= this.properties.maxAttempts()) {
				this.incidents.raise(notice);
			}
			return false;
		}
	}

}
