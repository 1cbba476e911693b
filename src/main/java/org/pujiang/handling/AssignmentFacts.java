package org.pujiang.handling;

import java.time.Instant;

/** What the rates read of an assignment: its case, deadline, acceptance, supervision, extension and unit's name. */
public record AssignmentFacts(Long caseId, Instant acceptedAt, Instant deadline, boolean supervised,
		String extensionStatus, String unitName) {

}
