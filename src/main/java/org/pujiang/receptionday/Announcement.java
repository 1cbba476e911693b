package org.pujiang.receptionday;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import org.pujiang.petition.BusinessClock;

/** One publication of a reception day's notice on one channel. */
@Entity
public class Announcement {

	/** The announcement 10 days ahead, the reminder 3 days ahead, and the notices of a change. */
	public enum Kind {

		ANNOUNCEMENT, REMINDER, CANCELLATION

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private Long receptionDayId;

	@jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
	private Kind kind;

	private String channel;

	private String text;

	private String publishedBy;

	private Instant publishedAt;

	protected Announcement() {
	}

	Announcement(Long receptionDayId, Kind kind, String channel, String text, String publishedBy) {
		this.receptionDayId = receptionDayId;
		this.kind = kind;
		this.channel = channel;
		this.text = text;
		this.publishedBy = publishedBy;
		this.publishedAt = BusinessClock.now();
	}

	public Kind getKind() {
		return this.kind;
	}

	public String getChannel() {
		return this.channel;
	}

	public String getText() {
		return this.text;
	}

	public String getPublishedBy() {
		return this.publishedBy;
	}

	public Instant getPublishedAt() {
		return this.publishedAt;
	}

}
