package org.pujiang;

/** The Camunda groups staff belong to; candidate groups in the diagrams use the same names. */
public final class Roles {

	public static final String REGISTRAR = "registrar";

	public static final String LEADER = "leader";

	public static final String LAWYER = "lawyer";

	public static final String SUPERVISOR = "supervisor";

	public static final String RETURN_VISIT = "returnvisit";

	public static final String AUDITOR = "auditor";

	public static final String MANAGER = "manager";

	/** The county's staff who prepare a reception day (访前调查). */
	public static final String LOCALITY = "locality";

	/** Every responsible unit's users are also in a group named after the unit's code. */
	public static final String UNIT = "unit";

	/** Camunda's administrators' group. */
	public static final String ADMIN = "camunda-admin";

	private Roles() {
	}

}
