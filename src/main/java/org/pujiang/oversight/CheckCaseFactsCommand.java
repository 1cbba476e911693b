package org.pujiang.oversight;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The command-line form of the facts check: {@code java -jar pujiang.jar --check-case-facts} compares every case's
 * kept rate facts with its records, prints the result and exits with 0 when they all agree, 1 otherwise.
 */
@Component
class CheckCaseFactsCommand implements ApplicationRunner {

	static final String OPTION = "check-case-facts";

	private final CaseFactsCheck check;

	private final ConfigurableApplicationContext context;

	CheckCaseFactsCommand(CaseFactsCheck check, ConfigurableApplicationContext context) {
		this.check = check;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!args.containsOption(OPTION)) {
			return;
		}
		CaseFactsCheck.Result result = this.check.check();
		System.out.println(result.describe());
		int code = result.agree() ? 0 : 1;
		System.exit(SpringApplication.exit(this.context, (ExitCodeGenerator) () -> code));
	}

}
