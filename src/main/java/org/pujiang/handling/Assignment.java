package org.pujiang.handling;

import java.time.Duration;
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
import jakarta.persistence.Version;

import org.hibernate.annotations.NaturalId;
import org.pujiang.petition.BusinessClock;
import org.pujiang.petition.PetitionCase;

/**
 * A case assigned to one responsible unit, with its responsible person and handling deadline. Joint
 * consultation gives a case several assignments; each must be reported and verified.
 */
@Entity
public class Assignment {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	/** With the unit, what identifies an assignment (unique in the table, assignment_case_unit). */
	@NaturalId
	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "case_id")
	private PetitionCase petitionCase;

	/**
	 * Loaded with the assignment (a join): what shows or sends an assignment names its unit, and a unit read on its
	 * own was a statement of its own in each form opened and each step.
	 */
	@NaturalId
	@ManyToOne(fetch = FetchType.EAGER, optional = false)
	@JoinColumn(name = "unit_code")
	private ResponsibleUnit unit;

	private String responsiblePerson;

	@Enumerated(EnumType.STRING)
	private AssignmentStatus status;

	private Instant assignedAt;

	private Instant deadline;

	private Instant reminderAt;

	private Instant remindedFor;

	private boolean supervised;

	private Integer extensionDays;

	private String extensionReason;

	private String extensionStatus;

	private String extensionComment;

	private String report;

	private Instant reportedAt;

	private String sentBackReason;

	private Instant acceptedAt;

	private int handlingRound;

	@Version
	private long version;

	protected Assignment() {
	}

	Assignment(PetitionCase petitionCase, ResponsibleUnit unit, String responsiblePerson, Duration term,
			Duration reminderBefore) {
		this.petitionCase = petitionCase;
		this.unit = unit;
		this.responsiblePerson = responsiblePerson;
		this.handlingRound = 1;
		start(term, reminderBefore);
	}

	private void start(Duration term, Duration reminderBefore) {
		this.status = AssignmentStatus.HANDLING;
		this.assignedAt = BusinessClock.now();
		this.deadline = this.assignedAt.plus(term);
		this.reminderAt = reminderAt(reminderBefore);
	}

	private Instant reminderAt(Duration reminderBefore) {
		Instant at = this.deadline.minus(reminderBefore);
		return at.isBefore(this.assignedAt) ? this.assignedAt : at;
	}

	/** Dissatisfaction at the return visit sends the case back to the unit with a fresh term. */
	void reopen(Duration term, Duration reminderBefore) {
		this.handlingRound++;
		this.report = null;
		this.reportedAt = null;
		this.acceptedAt = null;
		this.sentBackReason = null;
		start(term, reminderBefore);
	}

	/** True when no reminder went out yet for the deadline now in force. */
	boolean remind() {
		if (this.deadline.equals(this.remindedFor)) {
			return false;
		}
		this.remindedFor = this.deadline;
		return true;
	}

	void supervise() {
		this.supervised = true;
	}

	public boolean isExtended() {
		return "APPROVED".equals(this.extensionStatus);
	}

	void requestExtension(int days, String reason) {
		this.extensionDays = days;
		this.extensionReason = reason;
		this.extensionStatus = "REQUESTED";
		this.extensionComment = null;
		this.status = AssignmentStatus.EXTENSION_REQUESTED;
	}

	void approveExtension(String comment, Duration reminderBefore) {
		this.extensionStatus = "APPROVED";
		this.extensionComment = comment;
		this.deadline = this.deadline.plus(Duration.ofDays(this.extensionDays));
		this.reminderAt = reminderAt(reminderBefore);
		this.status = AssignmentStatus.HANDLING;
	}

	void refuseExtension(String comment) {
		this.extensionStatus = "REFUSED";
		this.extensionComment = comment;
		this.status = AssignmentStatus.HANDLING;
	}

	void report(String report, String responsiblePerson) {
		this.report = report;
		if (responsiblePerson != null) {
			this.responsiblePerson = responsiblePerson;
		}
		this.reportedAt = BusinessClock.now();
		this.sentBackReason = null;
		this.status = AssignmentStatus.REPORTED;
	}

	void accept() {
		this.acceptedAt = BusinessClock.now();
		this.status = AssignmentStatus.ACCEPTED;
	}

	void sendBack(String reason) {
		this.sentBackReason = reason;
		this.status = AssignmentStatus.HANDLING;
	}

	public boolean isOverdue() {
		return this.status != AssignmentStatus.ACCEPTED && BusinessClock.now().isAfter(this.deadline);
	}

	public Long getId() {
		return this.id;
	}

	public PetitionCase getPetitionCase() {
		return this.petitionCase;
	}

	public ResponsibleUnit getUnit() {
		return this.unit;
	}

	public String getResponsiblePerson() {
		return this.responsiblePerson;
	}

	public AssignmentStatus getStatus() {
		return this.status;
	}

	public Instant getAssignedAt() {
		return this.assignedAt;
	}

	public Instant getDeadline() {
		return this.deadline;
	}

	public Instant getReminderAt() {
		return this.reminderAt;
	}

	public boolean isSupervised() {
		return this.supervised;
	}

	public Integer getExtensionDays() {
		return this.extensionDays;
	}

	public String getExtensionReason() {
		return this.extensionReason;
	}

	public String getExtensionStatus() {
		return this.extensionStatus;
	}

	public String getReport() {
		return this.report;
	}

	public Instant getReportedAt() {
		return this.reportedAt;
	}

	public String getSentBackReason() {
		return this.sentBackReason;
	}

	public Instant getAcceptedAt() {
		return this.acceptedAt;
	}

	public int getHandlingRound() {
		return this.handlingRound;
	}

}
