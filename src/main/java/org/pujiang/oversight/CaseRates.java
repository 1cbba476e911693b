package org.pujiang.oversight;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.pujiang.handling.AssignmentFacts;
import org.pujiang.handling.Handling;
import org.pujiang.petition.CaseStatus;
import org.pujiang.petition.Outcome;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.Satisfaction;
import org.pujiang.returnvisit.ReturnVisitRepository;
import org.pujiang.returnvisit.ReturnVisitRepository.VisitSatisfaction;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rates of a set of cases, as GLOSSARY.md defines them, counted from the stored cases, assignments and return
 * visits. A case is closed on time when every unit's report was accepted by its deadline (assigned cases) or when
 * it closed within the legal 60 days of registration (the others). Handling time runs from registration to
 * closure.
 */
@Component
public class CaseRates {

	private static final Duration LEGAL_TERM = Duration.ofDays(60);

	private final Handling handling;

	private final ReturnVisitRepository returnVisits;

	CaseRates(Handling handling, ReturnVisitRepository returnVisits) {
		this.handling = handling;
		this.returnVisits = returnVisits;
	}

	@Transactional(readOnly = true)
	public Rates of(List<PetitionCase> received) {
		List<CaseFacts> cases = received.stream().map(CaseFacts::of).toList();
		return of(cases, facts(cases));
	}

	/** The assignments and return visits of the cases, read in a few queries whatever their number. */
	Facts facts(List<CaseFacts> cases) {
		List<Long> ids = cases.stream().map(CaseFacts::id).distinct().toList();
		Map<Long, List<Satisfaction>> visits = new HashMap<>();
		for (int from = 0; from < ids.size(); from += Handling.IN_LIST_SIZE) {
			for (VisitSatisfaction visit : this.returnVisits
				.findSatisfactionByCaseIds(ids.subList(from, Math.min(ids.size(), from + Handling.IN_LIST_SIZE)))) {
				visits.computeIfAbsent(visit.getCaseId(), (id) -> new ArrayList<>()).add(visit.getSatisfaction());
			}
		}
		return new Facts(this.handling.assignmentFacts(ids), visits);
	}

	/** The rates of the cases, from their facts (which may hold more cases than these). */
	Rates of(List<CaseFacts> received, Facts facts) {
		List<CaseFacts> closed = received.stream().filter((c) -> c.status() == CaseStatus.CLOSED).toList();
		long onTime = closed.stream().filter((c) -> closedOnTime(c, facts.assignments(c))).count();
		List<Satisfaction> visits = received.stream().flatMap((c) -> facts.visits(c).stream()).toList();
		long satisfied = visits.stream().filter((v) -> v != Satisfaction.DISSATISFIED).count();
		long onTheSpot = received.stream().filter((c) -> c.outcome() == Outcome.SOLVED_ON_THE_SPOT).count();
		long supervised = received.stream()
			.filter((c) -> facts.assignments(c).stream().anyMatch(AssignmentFacts::supervised))
			.count();
		long extended = received.stream()
			.filter((c) -> facts.assignments(c).stream().anyMatch((a) -> "APPROVED".equals(a.extensionStatus())))
			.count();
		long repeats = received.stream().mapToLong(CaseFacts::repeatCount).sum();
		double[] days = closed.stream()
			.mapToDouble((c) -> Duration.between(c.registeredAt(), c.closedAt()).toMinutes() / 1440.0)
			.sorted()
			.toArray();
		return new Rates(received.size(), closed.size(), onTime, visits.size(), satisfied, onTheSpot, supervised, extended,
				repeats, ratio(closed.size(), received.size()), ratio(onTime, closed.size()),
				ratio(satisfied, visits.size()), ratio(onTheSpot, received.size()),
				ratio(repeats, received.size() + repeats), round(average(days)), round(percentile(days, 0.9)));
	}

	private static boolean closedOnTime(CaseFacts petitionCase, List<AssignmentFacts> assignments) {
		if (petitionCase.outcome() == Outcome.ASSIGNED) {
			return assignments.stream()
				.allMatch((a) -> a.acceptedAt() != null && !a.acceptedAt().isAfter(a.deadline()));
		}
		Instant limit = petitionCase.registeredAt().plus(LEGAL_TERM);
		return petitionCase.closedAt() != null && !petitionCase.closedAt().isAfter(limit);
	}

	private static double ratio(long part, long whole) {
		return whole == 0 ? 0 : (double) part / whole;
	}

	private static double average(double[] values) {
		return values.length == 0 ? 0 : java.util.Arrays.stream(values).average().orElse(0);
	}

	/** Nearest-rank percentile of sorted values. */
	static double percentile(double[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	/**
	 * What the rates and their groups read of a case: a few columns, so that figures over many cases need not load
	 * them whole.
	 */
	public record CaseFacts(Long id, CaseStatus status, Outcome outcome, Instant registeredAt, Instant closedAt,
			int repeatCount, String category, Long receptionDayId) {

		static CaseFacts of(PetitionCase c) {
			return new CaseFacts(c.getId(), c.getStatus(), c.getOutcome(), c.getRegisteredAt(), c.getClosedAt(),
					c.getRepeatCount(), c.getCategory(), c.getReceptionDayId());
		}

	}

	/** The assignments (in id order) and the return visits' satisfaction of cases, by case id. */
	record Facts(Map<Long, List<AssignmentFacts>> assignmentsByCase, Map<Long, List<Satisfaction>> visitsByCase) {

		List<AssignmentFacts> assignments(CaseFacts petitionCase) {
			return this.assignmentsByCase.getOrDefault(petitionCase.id(), List.of());
		}

		List<Satisfaction> visits(CaseFacts petitionCase) {
			return this.visitsByCase.getOrDefault(petitionCase.id(), List.of());
		}

	}

	/**
	 * Counts and rates of a set of cases: closure rate = closed / received; on-time rate = closed on time / closed;
	 * satisfaction rate = (satisfied + basically satisfied) / return visits; on-the-spot rate = solved on the spot /
	 * received; repeat-petition rate = repeat registrations / all registrations; handling time in days.
	 */
	public record Rates(long received, long closed, long closedOnTime, long returnVisits, long satisfiedVisits,
			long solvedOnTheSpot, long supervised, long extended, long repeatPetitions, double closureRate,
			double onTimeRate, double satisfactionRate, double onTheSpotRate, double repeatRate,
			double averageHandlingDays, double p90HandlingDays) {
	}

}
