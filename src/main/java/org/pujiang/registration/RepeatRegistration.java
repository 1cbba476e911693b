package org.pujiang.registration;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

import org.pujiang.petition.BusinessClock;
import org.pujiang.petition.Channel;
import org.pujiang.petition.PetitionCase;

/** A repeat petition: registered again while the same petitioner's case of that category is open, and linked to it. */
@Entity
public class RepeatRegistration {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "case_id")
	private PetitionCase petitionCase;

	@Enumerated(EnumType.STRING)
	private Channel channel;

	private String summary;

	private String registeredBy;

	private Instant registeredAt;

	protected RepeatRegistration() {
	}

	RepeatRegistration(PetitionCase petitionCase, Channel channel, String summary, String registeredBy) {
		this.petitionCase = petitionCase;
		this.channel = channel;
		this.summary = summary;
		this.registeredBy = registeredBy;
		this.registeredAt = BusinessClock.now();
	}

	public Long getId() {
		return this.id;
	}

	public Channel getChannel() {
		return this.channel;
	}

	public String getSummary() {
		return this.summary;
	}

	public Instant getRegisteredAt() {
		return this.registeredAt;
	}

}
