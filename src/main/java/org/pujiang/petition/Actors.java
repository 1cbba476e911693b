package org.pujiang.petition;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who did a step: the task's assignee, else the user the engine call was authenticated as. */
public final class Actors {

	private Actors() {
	}

	public static String of(DelegateTask task) {
		return task.getAssignee() != null ? task.getAssignee() : of(task.getExecution());
	}

	public static String of(DelegateExecution execution) {
		Authentication authentication = execution.getProcessEngineServices()
			.getIdentityService()
			.getCurrentAuthentication();
		return authentication == null ? null : authentication.getUserId();
	}

}
