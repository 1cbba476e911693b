package org.pujiang.handling;

import java.util.Optional;

/** A case's assignment to one unit, read by what identifies it: the case and the unit. */
interface AssignmentLookup {

	/**
	 * Read from the database once in a transaction, then from what the transaction already holds: a step and the
	 * timers and due dates it starts ask for the same assignment several times.
	 */
	Optional<Assignment> findByCaseAndUnit(Long caseId, String unitCode);

}
