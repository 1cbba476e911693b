package org.pujiang.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway database on the PostgreSQL at 127.0.0.1:5432 (trust authentication, superuser postgres): created
 * for one test run and dropped after it. Where no PostgreSQL answers, the tests that need one are skipped with a
 * message saying so (CI makes sure one answers).
 */
final class PostgresDatabase implements AutoCloseable {

	static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

	final String name = "pujiang_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private PostgresDatabase() throws SQLException {
		execute("create database " + this.name);
	}

	static PostgresDatabase createOrSkip() {
		try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
			connection.isValid(2);
		}
		catch (SQLException ex) {
			Assumptions.abort("No PostgreSQL reachable at 127.0.0.1:5432 (" + ex.getMessage()
					+ "): the PostgreSQL tests are skipped. .ci/run starts it.");
		}
		try {
			return new PostgresDatabase();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create a test database", ex);
		}
	}

	String url() {
		return SERVER + this.name;
	}

	@Override
	public void close() throws SQLException {
		execute("drop database if exists " + this.name + " with (force)");
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
