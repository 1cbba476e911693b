package org.pujiang.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * One business event of a case, a link of the case's hash chain: its hash covers its own content and the hash of
 * the event before it, so that changing or removing any row shows.
 */
@Entity
public class CaseEvent {

	/** The hash the first event of a case points back to. */
	static final String GENESIS = "0".repeat(64);

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private Long caseId;

	private int sequence;

	private String type;

	private String actor;

	private Instant occurredAt;

	private String details;

	private String previousHash;

	private String hash;

	protected CaseEvent() {
	}

	CaseEvent(Long caseId, int sequence, String type, String actor, Instant occurredAt, String details,
			String previousHash) {
		this.caseId = caseId;
		this.sequence = sequence;
		this.type = type;
		this.actor = actor;
		this.occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
		this.details = details;
		this.previousHash = previousHash;
		this.hash = computeHash();
	}

	/** SHA-256 over every field that matters and the previous link. */
	String computeHash() {
		String content = String.join("\u001f", String.valueOf(this.caseId), String.valueOf(this.sequence), this.type,
				String.valueOf(this.actor), this.occurredAt.truncatedTo(ChronoUnit.MICROS).toString(), this.details,
				this.previousHash);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public Long getCaseId() {
		return this.caseId;
	}

	public int getSequence() {
		return this.sequence;
	}

	public String getType() {
		return this.type;
	}

	public String getActor() {
		return this.actor;
	}

	public Instant getOccurredAt() {
		return this.occurredAt;
	}

	public String getDetails() {
		return this.details;
	}

	public String getPreviousHash() {
		return this.previousHash;
	}

	public String getHash() {
		return this.hash;
	}

}
