package org.pujiang.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * A database outage answered with 503 where nothing else answers it (see {@link DatabaseOutage}); the REST APIs'
 * resources find {@link DatabaseOutageMappers} themselves.
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

}
