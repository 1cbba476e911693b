package org.pujiang.audit;

import org.pujiang.audit.CaseEvents.Verification;
import org.pujiang.operations.CommandLineCheck;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The command-line form of the verification: {@code java -jar pujiang.jar --verify-audit-chains} checks every
 * chain, prints the result and exits with 0 when intact, 1 at the first broken link.
 */
@Component
class VerifyChainsCommand extends CommandLineCheck {

	static final String OPTION = "verify-audit-chains";

	private final CaseEvents events;

	VerifyChainsCommand(CaseEvents events, ConfigurableApplicationContext context) {
		super(OPTION, context);
		this.events = events;
	}

	@Override
	protected Outcome check() {
		Verification verification = this.events.verify();
		return new Outcome(verification.intact(), describe(verification));
	}

	static String describe(Verification verification) {
		String checked = "checked " + verification.events() + " events of " + verification.cases() + " cases: ";
		return verification.intact() ? checked + "all chains intact"
				: checked + "first broken link at case " + verification.firstBrokenLink().caseId() + ", event "
						+ verification.firstBrokenLink().sequence() + " (" + verification.firstBrokenLink().problem() + ")";
	}

}
