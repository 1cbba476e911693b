package org.pujiang.receptionday;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import org.pujiang.petition.BusinessClock;

/** A report of a reception day as it was computed at the time (JSON of {@link DayReports} figures). */
@Entity
public class DayReport {

	/** The day's own figures, a progress report during follow-up, the final account. */
	public enum Kind {

		DAY, PROGRESS, FINAL

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private Long receptionDayId;

	@jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
	private Kind kind;

	private String payload;

	private Instant createdAt;

	protected DayReport() {
	}

	DayReport(Long receptionDayId, Kind kind, String payload) {
		this.receptionDayId = receptionDayId;
		this.kind = kind;
		this.payload = payload;
		this.createdAt = BusinessClock.now();
	}

	public Kind getKind() {
		return this.kind;
	}

	public String getPayload() {
		return this.payload;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
