package org.pujiang.petition;

import java.util.Objects;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Writes the few values a step keeps in the process (gateway flags and what a task's form shows) only when they
 * change: with history FULL every write is a runtime row, a history row and a detail row, even of the same value.
 */
public final class ProcessVariables {

	private ProcessVariables() {
	}

	/** Sets the variable where the scope would, unless it is already there with an equal value. */
	public static void set(VariableScope scope, String name, Object value) {
		if (scope.hasVariable(name) && Objects.equals(scope.getVariable(name), value)) {
			return;
		}
		scope.setVariable(name, value);
	}

}
