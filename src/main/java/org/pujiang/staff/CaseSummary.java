package org.pujiang.staff;

import java.time.Instant;
import java.util.List;

import org.pujiang.petition.CaseStatus;
import org.pujiang.petition.Outcome;

/** One line of a case search. */
record CaseSummary(String caseNumber, String category, CaseStatus status, String statusName, Outcome outcome,
		String petitionerName, int personsCount, List<String> units, Instant registeredAt, Instant closedAt) {
}
