package org.pujiang.operations;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Whether the database answers, asked on a connection of the probe's own, never one of the pool the requests use: what
 * a load balancer asks before it sends a node requests ({@code /actuator/health/readiness}). It answers within
 * {@code pujiang.health.database-timeout} (a second by default; twice that at most, the connection's wait and then
 * its check, while the database takes connections but answers nothing) whatever the pool does: while the database is
 * out of reach, instead of after the pool's wait for a connection (5 s in the {@code postgres} profile); and while
 * every connection of the pool is busy, UP, as a node whose database answers is ready to serve, however busy. A
 * readiness that borrowed from the pool would report a busy node not ready after the pool's wait, and with a database
 * shared by every node, the nodes busiest at once would leave the load balancer together.
 */
class DatabaseProbe implements HealthIndicator, DisposableBean {

	private final HikariDataSource connection;

	private final int timeoutSeconds;

	/**
	 * Connects as the application's pool (Hikari, as Spring Boot makes it) does: its URL, user, password, driver and
	 * driver properties (TLS settings, say).
	 */
	DatabaseProbe(HikariDataSource pool, Duration timeout) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("pujiang-database-probe");
		config.setJdbcUrl(pool.getJdbcUrl());
		config.setUsername(pool.getUsername());
		config.setPassword(pool.getPassword());
		if (pool.getDriverClassName() != null) {
			config.setDriverClassName(pool.getDriverClassName());
		}
		config.setDataSourceProperties(pool.getDataSourceProperties());
		// One connection, opened at the first probe rather than at start-up, kept while probes come, and opened anew
		// by the next probe once it breaks.
		config.setMaximumPoolSize(1);
		config.setMinimumIdle(0);
		config.setInitializationFailTimeout(-1);
		long millis = Math.max(timeout.toMillis(), 500);
		config.setConnectionTimeout(millis);
		config.setValidationTimeout(Math.max(millis / 2, 250));
		this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
		if (config.getJdbcUrl().startsWith("jdbc:postgresql:")) {
			// The driver's own limits, in seconds, for the probe's connection: a database host that does not answer at
			// all (no refusal) ends the attempt instead of holding it for the driver's default of 10 s, or for ever.
			config.addDataSourceProperty("connectTimeout", String.valueOf(this.timeoutSeconds));
			config.addDataSourceProperty("socketTimeout", String.valueOf(this.timeoutSeconds + 1));
		}
		this.connection = new HikariDataSource(config);
	}

	@Override
	public Health health() {
		long started = System.nanoTime();
		try (Connection probe = this.connection.getConnection()) {
			Health.Builder answer = probe.isValid(this.timeoutSeconds) ? Health.up() : Health.down();
			return answer.withDetail("database", probe.getMetaData().getDatabaseProductName())
				.withDetail("validationQuery", "isValid()")
				.withDetail("answeredInMs", (System.nanoTime() - started) / 1_000_000)
				.build();
		}
		catch (SQLException failure) {
			return Health.down()
				.withDetail("error", failure.getClass().getName() + ": " + failure.getMessage())
				.withDetail("answeredInMs", (System.nanoTime() - started) / 1_000_000)
				.build();
		}
	}

	@Override
	public void destroy() {
		this.connection.close();
	}

}
