package org.pujiang.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.pujiang.PujiangApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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

	/**
	 * The application (profiles test and postgres) on this database, on a free port, under an engine name of its
	 * own: closing it must not unregister the engine of the other test contexts. {@code more} adds arguments.
	 */
	ConfigurableApplicationContext startApplication(String engineName, String... more) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--camunda.bpm.process-engine-name=" + engineName,
				"--spring.datasource.url=" + url(), "--spring.datasource.username=postgres", "--spring.datasource.password="));
		arguments.addAll(List.of(more));
		return new SpringApplicationBuilder(PujiangApplication.class).profiles("test", "postgres")
			.run(arguments.toArray(String[]::new));
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
