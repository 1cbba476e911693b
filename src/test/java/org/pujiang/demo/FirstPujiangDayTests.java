package org.pujiang.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pujiang.petition.Outcome;
import org.pujiang.petition.PetitionCase;

/** The replay's batches add up to the reference figures before anything is registered. */
class FirstPujiangDayTests {

	@Test
	void shouldMake436BatchesOf667PersonVisitsWithSomeCollectiveVisits() {
		List<Integer> persons = FirstPujiangDay.persons();
		assertThat(persons).hasSize(436).allSatisfy((p) -> assertThat(p).isPositive());
		assertThat(persons.stream().mapToInt(Integer::intValue).sum()).isEqualTo(667);
		assertThat(persons.stream().filter((p) -> p >= PetitionCase.COLLECTIVE_VISIT_PERSONS).count()).isBetween(5L, 20L);
	}

	@Test
	void shouldDecide91OnTheSpot324AssignedAnd21DefinitiveAnswers() {
		List<Outcome> outcomes = FirstPujiangDay.outcomes();
		assertThat(outcomes).hasSize(436);
		assertThat(outcomes.stream().filter((o) -> o == Outcome.SOLVED_ON_THE_SPOT).count()).isEqualTo(91);
		assertThat(outcomes.stream().filter((o) -> o == Outcome.ASSIGNED).count()).isEqualTo(324);
		assertThat(outcomes.stream().filter((o) -> o == Outcome.DEFINITIVE_ANSWER).count()).isEqualTo(21);
	}

}
