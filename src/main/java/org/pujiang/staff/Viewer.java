package org.pujiang.staff;

import java.util.Set;

import org.pujiang.Roles;

/** A logged-in member of staff: user id, Camunda groups, and the responsible units among those groups. */
record Viewer(String userId, Set<String> groups, Set<String> units) {

	boolean is(String role) {
		return this.groups.contains(role);
	}

	/** The bureau's own staff, auditors and administrators see every case (except as a unit accused in it). */
	boolean seesAll() {
		return is(Roles.ADMIN) || is(Roles.AUDITOR) || is(Roles.MANAGER) || is(Roles.REGISTRAR);
	}

}
