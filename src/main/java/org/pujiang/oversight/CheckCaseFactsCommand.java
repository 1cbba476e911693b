package org.pujiang.oversight;

import org.pujiang.operations.CommandLineCheck;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The command-line form of the facts check: {@code java -jar pujiang.jar --check-case-facts} compares every case's
 * kept rate facts with its records, prints the result and exits with 0 when they all agree, 1 otherwise.
 */
@Component
class CheckCaseFactsCommand extends CommandLineCheck {

	static final String OPTION = "check-case-facts";

	private final CaseFactsCheck check;

	CheckCaseFactsCommand(CaseFactsCheck check, ConfigurableApplicationContext context) {
		super(OPTION, context);
		this.check = check;
	}

	@Override
	protected Outcome check() {
		CaseFactsCheck.Result result = this.check.check();
		return new Outcome(result.agree(), result.describe());
	}

}
