package org.pujiang.intake;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;

import org.pujiang.petition.BusinessClock;
import org.springframework.data.domain.Persistable;

/**
 * The first answer to a submission with an Idempotency-Key, given again to every retry of it. Its id is the key the
 * client chose, so it says itself whether it is new: saving one is an insert, without a select first.
 */
@Entity
class IdempotentRequest implements Persistable<String> {

	@Id
	private String idempotencyKey;

	private String requestHash;

	private String caseNumber;

	private boolean repeatPetition;

	private Instant createdAt;

	@Transient
	private boolean stored;

	protected IdempotentRequest() {
	}

	IdempotentRequest(String idempotencyKey, String requestHash, String caseNumber, boolean repeatPetition) {
		this.idempotencyKey = idempotencyKey;
		this.requestHash = requestHash;
		this.caseNumber = caseNumber;
		this.repeatPetition = repeatPetition;
		this.createdAt = BusinessClock.now();
	}

	@Override
	public String getId() {
		return this.idempotencyKey;
	}

	@Override
	public boolean isNew() {
		return !this.stored;
	}

	@PostLoad
	@PostPersist
	void stored() {
		this.stored = true;
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
