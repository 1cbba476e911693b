package org.pujiang.petition;

import java.util.Set;

/**
 * Ids of processes/PetitionCase.bpmn and the names of its variables; form field keys use the same names.
 */
public final class PetitionCaseProcess {

	public static final String PROCESS_ID = "PetitionCase";

	// Activities
	public static final String START_EVENT = "StartEvent_PetitionRegistered";

	public static final String ACKNOWLEDGE_REPEAT = "Task_AcknowledgeRepeat";

	public static final String GIVE_LEGAL_OPINION = "Task_GiveLegalOpinion";

	public static final String RECEIVE_PETITIONER = "Task_ReceivePetitioner";

	public static final String UNIT_HANDLING = "SubProcess_UnitHandling";

	public static final String HANDLE_CASE = "Task_HandleCase";

	public static final String REMINDER_DUE = "BoundaryEvent_ReminderDue";

	public static final String HANDLING_OVERDUE = "BoundaryEvent_HandlingOverdue";

	public static final String SUPERVISE = "Task_Supervise";

	public static final String REVIEW_EXTENSION = "Task_ReviewExtension";

	public static final String VERIFY_REPORT = "Task_VerifyReport";

	public static final String DRAFT_ANSWER = "Task_DraftAnswer";

	public static final String APPROVE_ANSWER = "Task_ApproveAnswer";

	public static final String RETURN_VISIT = "Task_ReturnVisit";

	public static final String CASE_CLOSED = "EndEvent_CaseClosed";

	public static final String REPEAT_LINKED = "EndEvent_RepeatLinked";

	// Ids and gateway flags
	public static final String CASE_ID = "caseId";

	/** Shown in forms; the process instance's business key is the case number. */
	public static final String CASE_NUMBER = "caseNumber";

	public static final String REPEAT_PETITION = "repeatPetition";

	public static final String LAWYER_REQUIRED = "lawyerRequired";

	public static final String OUTCOME = "outcome";

	public static final String HANDLING_ACTION = "handlingAction";

	public static final String VERIFICATION = "verification";

	public static final String ANSWER_APPROVAL = "answerApproval";

	public static final String REOPEN = "reopen";

	public static final String UNIT = "unit";

	public static final String RECEIVING_LEADER = "receivingLeader";

	public static final String REGISTERED_BY = "registeredBy";

	// Registration form
	public static final String PETITIONER_NAME = "petitionerName";

	public static final String RESIDENT_ID = "residentId";

	public static final String PHONE = "phone";

	public static final String EMAIL = "email";

	public static final String PERSONS_COUNT = "personsCount";

	public static final String CATEGORY = "category";

	public static final String CHANNEL = "channel";

	public static final String SUMMARY = "summary";

	public static final String REQUEST = "request";

	public static final String ACCUSED_UNIT = "accusedUnit";

	public static final String RECEPTION_DAY_ID = "receptionDayId";

	/** Registered for a reception day that has not begun: the case waits for it. */
	public static final String WAIT_FOR_DAY = "waitForDay";

	public static final String MESSAGE_DAY_STARTED = "ReceptionDayStarted";

	public static final String MESSAGE_DAY_CANCELLED = "ReceptionDayCancelled";

	public static final String WAITING_FOR_DAY = "Gateway_DayOrCancelled";

	/**
	 * Where a case waiting for its day goes on from once the day begins or is cancelled: each case in a transaction of
	 * its own, taken by the job executor (asynchronous continuation), not all of the day's cases in the one that
	 * starts or cancels the day.
	 */
	public static final String DAY_STARTED = "MessageEvent_ReceptionDayStarted";

	public static final String DAY_CANCELLED = "MessageEvent_ReceptionDayCancelled";

	/**
	 * The petitioner's personal data and the accused unit: taken off the process at registration and never
	 * written to history; the case record keeps them.
	 */
	public static final Set<String> KEPT_OFF_THE_PROCESS = Set.of(PETITIONER_NAME, RESIDENT_ID, PHONE, EMAIL,
			ACCUSED_UNIT);

	// Shown in forms: read from the case record when a form opens (forms.CaseFormFields), except the repeat's two
	public static final String CATEGORY_NAME = "categoryName";

	public static final String ROOM = "room";

	public static final String UNIT_OPTIONS = "unitOptions";

	public static final String REPEAT_OF_CASE_NUMBER = "repeatOfCaseNumber";

	public static final String REPEAT_REASON = "repeatReason";

	/** Task_AcknowledgeRepeat: the registrar confirms the petitioner was told the petition joins the open case. */
	public static final String REPEAT_ACKNOWLEDGED = "repeatAcknowledged";

	public static final String OUTCOME_NAME = "outcomeName";

	public static final String UNIT_NAME = "unitName";

	public static final String DEADLINE_DATE = "deadlineDate";

	public static final String EXTENSION_USED = "extensionUsed";

	public static final String RESULT_SUMMARY = "resultSummary";

	public static final String RETURN_VISIT_ROUND = "returnVisitRound";

	// Task form fields
	public static final String LEGAL_OPINION = "legalOpinion";

	public static final String RECEPTION_NOTES = "receptionNotes";

	public static final String DECISION = "decision";

	public static final String ASSIGNED_UNITS = "assignedUnits";

	public static final String RESPONSIBLE_PERSON = "responsiblePerson";

	public static final String DEADLINE_DAYS = "deadlineDays";

	public static final String HANDLING_REPORT = "handlingReport";

	public static final String EXTENSION_DAYS = "extensionDays";

	public static final String EXTENSION_REASON = "extensionReason";

	public static final String EXTENSION_DECISION = "extensionDecision";

	public static final String EXTENSION_COMMENT = "extensionComment";

	public static final String SENT_BACK_REASON = "sentBackReason";

	public static final String SUPERVISION_MEASURE = "supervisionMeasure";

	public static final String SUPERVISION_NOTES = "supervisionNotes";

	public static final String ANSWER_FORM = "answerForm";

	public static final String ANSWER_TEXT = "answerText";

	public static final String ANSWER_BASIS = "answerBasis";

	public static final String ANSWER_RETURN_REASON = "answerReturnReason";

	public static final String RETURN_VISIT_METHOD = "returnVisitMethod";

	public static final String SATISFACTION = "satisfaction";

	public static final String RETURN_VISIT_COMMENT = "returnVisitComment";

	private PetitionCaseProcess() {
	}

}
