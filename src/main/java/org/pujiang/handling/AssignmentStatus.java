package org.pujiang.handling;

/** Where one unit's part of an assigned case stands. */
public enum AssignmentStatus {

	HANDLING, EXTENSION_REQUESTED, REPORTED, ACCEPTED

}
