package org.pujiang.operations;

import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A value kept for the rest of the current transaction and forgotten when it ends. */
public final class TransactionScoped {

	private TransactionScoped() {
	}

	/**
	 * The value kept under {@code key} in the current transaction, made by {@code supplier} the first time; outside a
	 * transaction made anew on every call. A transaction started while this one is suspended keeps values of its own.
	 */
	@SuppressWarnings("unchecked")
	public static <T> T get(Object key, Supplier<T> supplier) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return supplier.get();
		}
		T value = (T) TransactionSynchronizationManager.getResource(key);
		if (value == null) {
			T made = supplier.get();
			TransactionSynchronizationManager.bindResource(key, made);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				// A transaction suspended for a new one (REQUIRES_NEW, NOT_SUPPORTED) takes its value along: the new
				// transaction sees nothing of the suspended one's work, so it must not see what was kept about it.
				@Override
				public void suspend() {
					TransactionSynchronizationManager.unbindResourceIfPossible(key);
				}

				@Override
				public void resume() {
					TransactionSynchronizationManager.bindResource(key, made);
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(key);
				}

			});
			value = made;
		}
		return value;
	}

}
