package org.pujiang.petition;

import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Writes the few values a step keeps in the process (gateway flags) only when they change: with history FULL every
 * write is a runtime row, a history row and a detail row, even of the same value; and a variable declared for a form
 * costs those rows whether or not anyone fills it in.
 */
public final class ProcessVariables {

	private static final ThreadLocal<Boolean> REMOVING_RECORDED = new ThreadLocal<>();

	private ProcessVariables() {
	}

	/** Sets the variable where the scope would, unless it is already there with an equal value. */
	public static void set(VariableScope scope, String name, Object value) {
		if (scope.hasVariable(name) && Objects.equals(scope.getVariable(name), value)) {
			return;
		}
		scope.setVariable(name, value);
	}

	/**
	 * Takes out what a form submitted once its step has recorded it in the case: removed in the same transaction, the
	 * values never reach the runtime tables (nor are they read back with the process's variables at every later
	 * step), and keep their history; the forms that show them later read the case record. Fields that only a side path
	 * fills in (an extension, a supervision, a report sent back) are not declared on the unit's scope, so a
	 * submission lands on the case's process instance; taken out, they can't show up in another unit's form.
	 */
	public static void removeRecorded(VariableScope scope, String... names) {
		REMOVING_RECORDED.set(Boolean.TRUE);
		try {
			scope.removeVariables(List.of(names));
		}
		finally {
			REMOVING_RECORDED.remove();
		}
	}

	/**
	 * Whether this thread is within {@link #removeRecorded}: the engine fires a removal's history event as it removes,
	 * and the history leaves out that event (operations.EngineHistoryFilter).
	 */
	public static boolean removingRecorded() {
		return REMOVING_RECORDED.get() != null;
	}

}
