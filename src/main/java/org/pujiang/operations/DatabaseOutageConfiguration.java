package org.pujiang.operations;

import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * A database outage answered with 503 where nothing else answers it (see {@link DatabaseOutage}); the REST APIs'
 * resources find {@link DatabaseOutageMappers} themselves; readiness asks the database on a connection of its own
 * ({@link DatabaseProbe}).
 */
@Configuration
class DatabaseOutageConfiguration {

	@Bean
	FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(ObjectMapper json) {
		FilterRegistrationBean<DatabaseOutageFilter> registration = new FilterRegistrationBean<>(
				new DatabaseOutageFilter(json));
		registration.setName("database-outage");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	/** The health component "database", which the readiness group includes. */
	@Bean
	DatabaseProbe database(DataSource application, @Value("${pujiang.health.database-timeout:1s}") Duration timeout)
			throws SQLException {
		return new DatabaseProbe(application.unwrap(HikariDataSource.class), timeout);
	}

}
