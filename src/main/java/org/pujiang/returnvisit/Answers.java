package org.pujiang.returnvisit;

import java.util.stream.Collectors;

import org.pujiang.handling.Handling;
import org.pujiang.petition.PetitionCase;
import org.springframework.stereotype.Component;

/** The answer a petitioner is given, whichever way it was reached: the one wording for notices, forms and lookups. */
@Component
public class Answers {

	private final Handling handling;

	Answers(Handling handling) {
		this.handling = handling;
	}

	public String of(PetitionCase petitionCase) {
		return switch (petitionCase.getOutcome()) {
			case SOLVED_ON_THE_SPOT -> "当场解决：" + petitionCase.getDecision();
			case ASSIGNED -> this.handling.assignments(petitionCase.getId())
				.stream()
				.map((a) -> a.getUnit().getName() + "：" + a.getReport())
				.collect(Collectors.joining("\n"));
			case DEFINITIVE_ANSWER -> petitionCase.getAnswerText() + "\n依据：" + petitionCase.getAnswerBasis();
		};
	}

}
