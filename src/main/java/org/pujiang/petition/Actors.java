package org.pujiang.petition;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who did a step: the user the engine call was authenticated as (Tasklist and the REST API authenticate). */
public final class Actors {

	private Actors() {
	}

	/** Authenticates the engine's calls on this thread as the user, with the user's groups, as Tasklist does. */
	public static void authenticate(IdentityService identities, String userId) {
		identities.setAuthentication(userId, groups(identities, userId));
	}

	/** The ids of the user's groups: roles and units. */
	public static List<String> groups(IdentityService identities, String userId) {
		return identities.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
	}

	public static String of(DelegateExecution execution) {
		Authentication authentication = execution.getProcessEngineServices()
			.getIdentityService()
			.getCurrentAuthentication();
		return authentication == null ? null : authentication.getUserId();
	}

}
