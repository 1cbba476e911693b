package org.pujiang.operations;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The database out of reach (down, restarting, its connections ended, or every connection taken for longer than the
 * pool waits), as every entry point of the application recognises it: the public API, the engine's REST API, and
 * the webapps staff work in. Each answers it with 503 and a time to come back instead of a bare 500.
 */
public final class DatabaseOutage {

	/** What a client is asked to wait before it tries again. */
	public static final int RETRY_AFTER_SECONDS = 30;

	/** The answer's title: the page's and the problem document's. */
	public static final String TITLE = "服务暂时不可用";

	/** What staff read in Tasklist, Cockpit or Admin, and what a REST client gets as the error's message. */
	public static final String MESSAGE = "系统暂时无法访问数据库，本次操作未能完成，请稍后重试";

	private DatabaseOutage() {
	}

	/**
	 * Whether the failure is the database connection's: the pool found none in time; the driver reports a connection
	 * exception (SQLSTATE class 08) or an operator's intervention (57P: shutdown, restart, a connection ended by an
	 * administrator); or the transaction could not even be ended on its connection, which the pool had already closed
	 * as broken (then the rollback's failure is what reaches the caller, the first failure only in the log).
	 */
	public static boolean outOfReach(Throwable failure) {
		int depth = 0;
		for (Throwable cause = failure; cause != null && depth < 20; cause = cause.getCause(), depth++) {
			if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				return true;
			}
			if (cause instanceof org.hibernate.TransactionException && cause.getCause() instanceof SQLException sql
					&& sql.getSQLState() == null) {
				return true;
			}
		}
		return false;
	}

}
