package org.pujiang.operations;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An operations check run from the command line ({@code java -jar pujiang.jar --OPTION}): when the option is given,
 * the check runs once the application has started, its result is printed, and the application exits with 0 when the
 * check passed, 1 otherwise.
 */
public abstract class CommandLineCheck implements ApplicationRunner {

	private final String option;

	private final ConfigurableApplicationContext context;

	protected CommandLineCheck(String option, ConfigurableApplicationContext context) {
		this.option = option;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!args.containsOption(this.option)) {
			return;
		}
		Outcome outcome = check();
		System.out.println(outcome.text());
		int code = outcome.passed() ? 0 : 1;
		System.exit(SpringApplication.exit(this.context, (ExitCodeGenerator) () -> code));
	}

	/** Runs the check. */
	protected abstract Outcome check();

	/** Whether the check passed, and what to print. */
	public record Outcome(boolean passed, String text) {
	}

}
