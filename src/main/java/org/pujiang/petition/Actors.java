package org.pujiang.petition;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who did a step: the user the engine call was authenticated as (Tasklist and the REST API authenticate). */
public final class Actors {

	private Actors() {
	}

	public static String of(DelegateExecution execution) {
		Authentication authentication = execution.getProcessEngineServices()
			.getIdentityService()
			.getCurrentAuthentication();
		return authentication == null ? null : authentication.getUserId();
	}

}
