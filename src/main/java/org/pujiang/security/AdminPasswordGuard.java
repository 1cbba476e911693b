package org.pujiang.security;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start without an administrator password from the environment, before the engine could create an
 * administrator with a guessable one. Only the demo profile brings its own.
 */
public class AdminPasswordGuard implements EnvironmentPostProcessor {

	static final String PASSWORD = "camunda.bpm.admin-user.password";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (Arrays.asList(environment.getActiveProfiles()).contains("demo")) {
			return;
		}
		String password = environment.getProperty(PASSWORD);
		if (password == null || password.isBlank()) {
			throw new IllegalStateException("No administrator password: set the environment variable "
					+ "PUJIANG_ADMIN_PASSWORD (and PUJIANG_ADMIN_USER, default admin), or run the demo with "
					+ "the profile demo. Pujiang has no default password outside the demo.");
		}
	}

}
