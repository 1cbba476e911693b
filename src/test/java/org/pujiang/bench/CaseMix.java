package org.pujiang.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.pujiang.petition.Outcome;

/**
 * The first Pujiang day's outcomes, 91 solved on the spot, 324 assigned and 21 definitive answers of 436 batches,
 * scaled to any number of cases and shuffled the same way each time.
 */
final class CaseMix {

	static final Map<Outcome, Integer> FIRST_DAY = Map.of(Outcome.SOLVED_ON_THE_SPOT, 91, Outcome.ASSIGNED, 324,
			Outcome.DEFINITIVE_ANSWER, 21);

	static final int FIRST_DAY_BATCHES = 436;

	private CaseMix() {
	}

	static List<Outcome> of(int cases) {
		int onTheSpot = scaled(Outcome.SOLVED_ON_THE_SPOT, cases);
		int answers = scaled(Outcome.DEFINITIVE_ANSWER, cases);
		List<Outcome> mix = new ArrayList<>(cases);
		mix.addAll(Collections.nCopies(onTheSpot, Outcome.SOLVED_ON_THE_SPOT));
		mix.addAll(Collections.nCopies(answers, Outcome.DEFINITIVE_ANSWER));
		mix.addAll(Collections.nCopies(cases - onTheSpot - answers, Outcome.ASSIGNED));
		Collections.shuffle(mix, new Random(20030918));
		return mix;
	}

	/** A path's share of the first day. */
	static double share(Outcome path) {
		return FIRST_DAY.get(path) / (double) FIRST_DAY_BATCHES;
	}

	static long count(List<Outcome> mix, Outcome path) {
		return mix.stream().filter(path::equals).count();
	}

	private static int scaled(Outcome path, int cases) {
		return (int) Math.round(cases * share(path));
	}

}
