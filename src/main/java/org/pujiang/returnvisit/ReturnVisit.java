package org.pujiang.returnvisit;

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
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.Satisfaction;

/** One return visit: how the petitioner was reached and how satisfied they were. */
@Entity
public class ReturnVisit {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "case_id")
	private PetitionCase petitionCase;

	private int round;

	private String method;

	@Enumerated(EnumType.STRING)
	private Satisfaction satisfaction;

	private String comment;

	private String visitedBy;

	private Instant visitedAt;

	protected ReturnVisit() {
	}

	ReturnVisit(PetitionCase petitionCase, int round, String method, Satisfaction satisfaction, String comment,
			String visitedBy) {
		this.petitionCase = petitionCase;
		this.round = round;
		this.method = method;
		this.satisfaction = satisfaction;
		this.comment = comment;
		this.visitedBy = visitedBy;
		this.visitedAt = BusinessClock.now();
	}

	public int getRound() {
		return this.round;
	}

	public String getMethod() {
		return this.method;
	}

	public Satisfaction getSatisfaction() {
		return this.satisfaction;
	}

	public String getComment() {
		return this.comment;
	}

	public String getVisitedBy() {
		return this.visitedBy;
	}

}
