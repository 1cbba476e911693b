package org.pujiang;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Several people doing something at the same moment: desks or clients, each task released together. */
public final class AtOnce {

	private AtOnce() {
	}

	/**
	 * Runs {@code count} tasks on {@code threads} threads, all waiting for one start signal; answers each task's
	 * result in task order, or throws the first task's failure.
	 */
	public static <T> List<T> run(int threads, int count, IntFunction<T> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int n = i;
				futures.add(pool.submit((Callable<T>) () -> {
					start.await();
					return task.apply(n);
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
