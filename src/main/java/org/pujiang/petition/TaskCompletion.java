package org.pujiang.petition;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * Records what a user task's form submitted, when the task completes. Runs as the task's end listener so that a
 * refusal ({@link org.camunda.bpm.engine.BadUserRequestException}) reaches the caller as it is; a task cancelled
 * by the diagram (an open supervision when the unit's report is accepted) submitted nothing and is skipped.
 */
@FunctionalInterface
public interface TaskCompletion {

	void record(DelegateExecution execution) throws Exception;

	static ExecutionListener recording(TaskCompletion completion) {
		return (execution) -> {
			if (!execution.isCanceled()) {
				completion.record(execution);
			}
		};
	}

}
