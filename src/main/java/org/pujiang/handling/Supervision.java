package org.pujiang.handling;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

import org.pujiang.petition.BusinessClock;

/** One round of supervision (督办) of an overdue assignment, and what the supervision office did about it. */
@Entity
public class Supervision {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "assignment_id")
	private Assignment assignment;

	private Instant startedAt;

	private String measure;

	private String notes;

	private String recordedBy;

	private Instant recordedAt;

	protected Supervision() {
	}

	Supervision(Assignment assignment) {
		this.assignment = assignment;
		this.startedAt = BusinessClock.now();
	}

	void record(String measure, String notes, String recordedBy) {
		this.measure = measure;
		this.notes = notes;
		this.recordedBy = recordedBy;
		this.recordedAt = BusinessClock.now();
	}

	public Long getId() {
		return this.id;
	}

	public Assignment getAssignment() {
		return this.assignment;
	}

	public String getMeasure() {
		return this.measure;
	}

	public String getNotes() {
		return this.notes;
	}

	public Instant getRecordedAt() {
		return this.recordedAt;
	}

}
