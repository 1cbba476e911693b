package org.pujiang.petition;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

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

/**
 * One petition case: one batch of petitioners about one matter, from registration to closure. The source of
 * truth for the case; the process instance holds only its id and the flags its gateways read.
 */
@Entity
public class PetitionCase {

	/** Five or more people visiting together make a collective visit. */
	public static final int COLLECTIVE_VISIT_PERSONS = 5;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String caseNumber;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "petitioner_id")
	private Petitioner petitioner;

	private int personsCount;

	private String category;

	private String summary;

	private String request;

	/** The unit the petition accuses, if any: it never handles nor reads the case. */
	private String accusedUnit;

	/** The reception day the case was registered for, if any, and its place in the room's queue. */
	private Long receptionDayId;

	private Integer queueNumber;

	@Enumerated(EnumType.STRING)
	private Channel channel;

	@Enumerated(EnumType.STRING)
	private CaseStatus status;

	@Enumerated(EnumType.STRING)
	private Outcome outcome;

	private String room;

	private String unitCandidates;

	private boolean lawyerRequired;

	private String legalOpinion;

	private String receptionNotes;

	private String decision;

	private String answerForm;

	private String answerText;

	private String answerBasis;

	private String receivingLeader;

	private String responsiblePerson;

	@Enumerated(EnumType.STRING)
	private Satisfaction satisfaction;

	private int returnVisitRounds;

	/** Return visits at which the petitioner was satisfied or basically satisfied. */
	private int satisfiedVisits;

	private int repeatCount;

	/** One of its assignments went under supervision. */
	private boolean supervised;

	/** One of its assignments had an extension approved. */
	private boolean extended;

	/**
	 * Set at closure: every unit's report was accepted by its deadline (assigned cases), or the case closed within the
	 * legal term of registration (the others).
	 */
	private boolean closedOnTime;

	private String processInstanceId;

	private String registeredBy;

	private Instant registeredAt;

	private Instant receivedAt;

	private Instant answeredAt;

	private Instant closedAt;

	@Version
	private long version;

	protected PetitionCase() {
	}

	public PetitionCase(String caseNumber, Petitioner petitioner, int personsCount, String category, String summary,
			String request, Channel channel, String accusedUnit, Long receptionDayId, String registeredBy) {
		this.caseNumber = caseNumber;
		this.petitioner = petitioner;
		this.personsCount = personsCount;
		this.category = category;
		this.summary = summary;
		this.request = request;
		this.channel = channel;
		this.accusedUnit = accusedUnit;
		this.receptionDayId = receptionDayId;
		this.registeredBy = registeredBy;
		this.status = CaseStatus.REGISTERED;
		this.registeredAt = BusinessClock.now();
	}

	public void startedAs(String processInstanceId) {
		this.processInstanceId = processInstanceId;
	}

	public void countRepeat() {
		requireOpen();
		this.repeatCount++;
	}

	public void routed(String room, List<String> unitCandidates, boolean lawyerRequired) {
		requireOpen();
		this.room = room;
		this.unitCandidates = String.join(",", unitCandidates);
		this.lawyerRequired = lawyerRequired;
		this.status = CaseStatus.AWAITING_RECEPTION;
	}

	/** Seated for its reception day: the room that receives its category there, and its number in that room. */
	public void seated(String room, int queueNumber) {
		requireOpen();
		this.room = room;
		this.queueNumber = queueNumber;
	}

	/** The day was cancelled: received in ordinary reception instead, in the routing table's room. */
	public void leftReceptionDay(String room) {
		requireOpen();
		this.room = room;
		this.queueNumber = null;
	}

	public void legalOpinionGiven(String legalOpinion) {
		requireOpen();
		this.legalOpinion = legalOpinion;
	}

	public void received(String leader, String receptionNotes, Outcome outcome, String decision) {
		requireOpen();
		this.receivingLeader = leader;
		this.receptionNotes = receptionNotes;
		this.outcome = outcome;
		this.decision = outcome == Outcome.SOLVED_ON_THE_SPOT ? decision : null;
		this.receivedAt = BusinessClock.now();
		this.status = switch (outcome) {
			case SOLVED_ON_THE_SPOT -> CaseStatus.AWAITING_RETURN_VISIT;
			case ASSIGNED -> CaseStatus.IN_HANDLING;
			case DEFINITIVE_ANSWER -> CaseStatus.DRAFTING_ANSWER;
		};
	}

	public void assignedTo(String responsiblePerson) {
		requireOpen();
		this.responsiblePerson = responsiblePerson;
		this.status = CaseStatus.IN_HANDLING;
	}

	public void answerDrafted(String answerForm, String answerText, String answerBasis) {
		requireOpen();
		this.answerForm = answerForm;
		this.answerText = answerText;
		this.answerBasis = answerBasis;
	}

	public void answered() {
		requireOpen();
		this.answeredAt = BusinessClock.now();
		this.status = CaseStatus.AWAITING_RETURN_VISIT;
	}

	public void visitedBack(Satisfaction satisfaction) {
		requireOpen();
		this.satisfaction = satisfaction;
		this.returnVisitRounds++;
		if (satisfaction != Satisfaction.DISSATISFIED) {
			this.satisfiedVisits++;
		}
	}

	public void supervised() {
		requireOpen();
		this.supervised = true;
	}

	public void extended() {
		requireOpen();
		this.extended = true;
	}

	public void reopened() {
		requireOpen();
		this.status = this.outcome == Outcome.ASSIGNED ? CaseStatus.IN_HANDLING : CaseStatus.AWAITING_RECEPTION;
	}

	/**
	 * Closes the case; it closed on time when the units' reports were all accepted by their deadlines (assigned cases,
	 * as {@code reportsAcceptedInTime} tells, asked only for them) or within {@code legalTerm} of registration (the
	 * others).
	 */
	public void close(BooleanSupplier reportsAcceptedInTime, Duration legalTerm) {
		requireOpen();
		this.status = CaseStatus.CLOSED;
		this.closedAt = BusinessClock.now();
		this.closedOnTime = this.outcome == Outcome.ASSIGNED ? reportsAcceptedInTime.getAsBoolean()
				: !this.closedAt.isAfter(this.registeredAt.plus(legalTerm));
	}

	/** A closed case is struck off: its record is final. */
	private void requireOpen() {
		if (this.status == CaseStatus.CLOSED) {
			throw new IllegalStateException("案件 " + this.caseNumber + " 已办结，记录不可更改");
		}
	}

	public boolean isCollective() {
		return this.personsCount >= COLLECTIVE_VISIT_PERSONS;
	}

	public List<String> unitCandidateCodes() {
		return this.unitCandidates == null || this.unitCandidates.isBlank() ? List.of()
				: Arrays.asList(this.unitCandidates.split(","));
	}

	public Long getId() {
		return this.id;
	}

	public String getCaseNumber() {
		return this.caseNumber;
	}

	public Petitioner getPetitioner() {
		return this.petitioner;
	}

	public int getPersonsCount() {
		return this.personsCount;
	}

	public String getCategory() {
		return this.category;
	}

	public String getSummary() {
		return this.summary;
	}

	public String getRequest() {
		return this.request;
	}

	public Long getReceptionDayId() {
		return this.receptionDayId;
	}

	public Integer getQueueNumber() {
		return this.queueNumber;
	}

	public String getAccusedUnit() {
		return this.accusedUnit;
	}

	public Channel getChannel() {
		return this.channel;
	}

	public CaseStatus getStatus() {
		return this.status;
	}

	public Outcome getOutcome() {
		return this.outcome;
	}

	public String getRoom() {
		return this.room;
	}

	public boolean isLawyerRequired() {
		return this.lawyerRequired;
	}

	public String getLegalOpinion() {
		return this.legalOpinion;
	}

	public String getReceptionNotes() {
		return this.receptionNotes;
	}

	public String getDecision() {
		return this.decision;
	}

	public String getAnswerForm() {
		return this.answerForm;
	}

	public String getAnswerText() {
		return this.answerText;
	}

	public String getAnswerBasis() {
		return this.answerBasis;
	}

	public String getReceivingLeader() {
		return this.receivingLeader;
	}

	public String getResponsiblePerson() {
		return this.responsiblePerson;
	}

	public Satisfaction getSatisfaction() {
		return this.satisfaction;
	}

	public int getReturnVisitRounds() {
		return this.returnVisitRounds;
	}

	public int getRepeatCount() {
		return this.repeatCount;
	}

	public int getSatisfiedVisits() {
		return this.satisfiedVisits;
	}

	public boolean isSupervised() {
		return this.supervised;
	}

	public boolean isExtended() {
		return this.extended;
	}

	public boolean isClosedOnTime() {
		return this.closedOnTime;
	}

	public String getProcessInstanceId() {
		return this.processInstanceId;
	}

	public String getRegisteredBy() {
		return this.registeredBy;
	}

	public Instant getRegisteredAt() {
		return this.registeredAt;
	}

	public Instant getReceivedAt() {
		return this.receivedAt;
	}

	public Instant getAnsweredAt() {
		return this.answeredAt;
	}

	public Instant getClosedAt() {
		return this.closedAt;
	}

}
