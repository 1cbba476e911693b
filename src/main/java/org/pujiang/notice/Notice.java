package org.pujiang.notice;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import org.pujiang.petition.BusinessClock;

/** An outbox row: written with the process step that causes it, sent once by the dispatcher. */
@Entity
public class Notice {

	private static final int MAX_ERROR_LENGTH = 1000;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private Long caseId;

	private Long receptionDayId;

	@Enumerated(EnumType.STRING)
	private NoticeKind kind;

	@Enumerated(EnumType.STRING)
	private NoticeChannel channel;

	private String recipient;

	private String subject;

	private String body;

	private Instant createdAt;

	private Instant sentAt;

	private int attempts;

	private Instant nextAttemptAt;

	private String lastError;

	protected Notice() {
	}

	Notice(Long caseId, NoticeKind kind, NoticeChannel channel, String recipient, String subject, String body) {
		this(caseId, null, kind, channel, recipient, subject, body);
	}

	Notice(Long caseId, Long receptionDayId, NoticeKind kind, NoticeChannel channel, String recipient, String subject,
			String body) {
		this.caseId = caseId;
		this.receptionDayId = receptionDayId;
		this.kind = kind;
		this.channel = channel;
		this.recipient = recipient;
		this.subject = subject;
		this.body = body;
		this.createdAt = BusinessClock.now();
	}

	void sent() {
		this.attempts++;
		this.sentAt = BusinessClock.now();
		this.lastError = null;
	}

	/** Counts the failure; the next attempt waits twice as long as the one before (base, 2 x base, 4 x base …). */
	void failed(Exception ex, java.time.Duration backoffBase) {
		this.attempts++;
		this.nextAttemptAt = BusinessClock.now().plus(backoffBase.multipliedBy(1L << Math.min(this.attempts - 1, 20)));
		String message = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		this.lastError = message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message;
	}

	public Long getId() {
		return this.id;
	}

	public Long getCaseId() {
		return this.caseId;
	}

	public Long getReceptionDayId() {
		return this.receptionDayId;
	}

	public NoticeKind getKind() {
		return this.kind;
	}

	public NoticeChannel getChannel() {
		return this.channel;
	}

	public String getRecipient() {
		return this.recipient;
	}

	public String getSubject() {
		return this.subject;
	}

	public String getBody() {
		return this.body;
	}

	public Instant getSentAt() {
		return this.sentAt;
	}

	public int getAttempts() {
		return this.attempts;
	}

	public Instant getNextAttemptAt() {
		return this.nextAttemptAt;
	}

	public String getLastError() {
		return this.lastError;
	}

}
