package org.pujiang.staff;

import java.time.Instant;
import java.util.List;

import org.pujiang.petition.CaseStatus;
import org.pujiang.petition.Channel;
import org.pujiang.petition.Outcome;
import org.pujiang.petition.Satisfaction;

/** A case's full record as staff read it. The resident ID number is masked except for its registrar. */
record CaseRecord(String caseNumber, String category, CaseStatus status, String statusName, Channel channel,
		int personsCount, boolean collective, String summary, String request, String accusedUnit, Petitioner petitioner,
		String room, boolean lawyerRequired, String legalOpinion, String receptionNotes, Outcome outcome, String decision,
		String answerForm, String answerText, String answerBasis, String receivingLeader, String responsiblePerson,
		Satisfaction satisfaction, int returnVisitRounds, int repeatCount, String registeredBy, Instant registeredAt,
		Instant receivedAt, Instant answeredAt, Instant closedAt, List<Assignment> assignments,
		List<ReturnVisit> returnVisits, List<Repeat> repeats) {

	record Petitioner(String name, String residentId, String phone, String email) {
	}

	record Assignment(String unit, String unitName, String responsiblePerson, String status, Instant assignedAt,
			Instant deadline, boolean overdue, boolean supervised, Integer extensionDays, String extensionStatus,
			String report, Instant reportedAt, String sentBackReason, Instant acceptedAt, int handlingRound) {
	}

	record ReturnVisit(int round, String method, Satisfaction satisfaction, String comment, String visitedBy) {
	}

	record Repeat(Channel channel, String summary, Instant registeredAt) {
	}

}
