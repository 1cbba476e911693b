package org.pujiang.audit;

import org.pujiang.audit.CaseEvents.Verification;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The command-line form of the verification: {@code java -jar pujiang.jar --verify-audit-chains} checks every
 * chain, prints the result and exits with 0 when intact, 1 at the first broken link.
 */
@Component
class VerifyChainsCommand implements ApplicationRunner {

	static final String OPTION = "verify-audit-chains";

	private final CaseEvents events;

	private final ConfigurableApplicationContext context;

	VerifyChainsCommand(CaseEvents events, ConfigurableApplicationContext context) {
		this.events = events;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!args.containsOption(OPTION)) {
			return;
		}
		Verification verification = this.events.verify();
		System.out.println(describe(verification));
		int code = verification.intact() ? 0 : 1;
		System.exit(SpringApplication.exit(this.context, (ExitCodeGenerator) () -> code));
	}

	static String describe(Verification verification) {
		String checked = "checked " + verification.events() + " events of " + verification.cases() + " cases: ";
		return verification.intact() ? checked + "all chains intact"
				: checked + "first broken link at case " + verification.firstBrokenLink().caseId() + ", event "
						+ verification.firstBrokenLink().sequence() + " (" + verification.firstBrokenLink().problem() + ")";
	}

}
