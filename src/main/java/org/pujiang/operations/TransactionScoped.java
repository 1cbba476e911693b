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
	 * transaction made anew on every call.
	 */
	@SuppressWarnings("unchecked")
	public static <T> T get(Object key, Supplier<T> supplier) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return supplier.get();
		}
		T value = (T) TransactionSynchronizationManager.getResource(key);
		if (value == null) {
			value = supplier.get();
			TransactionSynchronizationManager.bindResource(key, value);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(key);
				}
			});
		}
		return value;
	}

}
