package org.pujiang.intake;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.pujiang.petition.BusinessClock;

/** The first answer to a submission with an Idempotency-Key, given again to every retry of it. */
@Entity
class IdempotentRequest {

	@Id
	private String idempotencyKey;

	private String requestHash;

	private String caseNumber;

	private boolean repeatPetition;

	private Instant createdAt;

	protected IdempotentRequest() {
	}

	IdempotentRequest(String idempotencyKey, String requestHash, String caseNumber, boolean repeatPetition) {
		this.idempotencyKey = idempotencyKey;
		this.requestHash = requestHash;
		this.caseNumber = caseNumber;
		this.repeatPetition = repeatPetition;
		this.createdAt = BusinessClock.now();
	}

	String getRequestHash() {
		return this.requestHash;
	}

	String getCaseNumber() {
		return this.caseNumber;
	}

	boolean isRepeatPetition() {
		return this.repeatPetition;
	}

}
