package org.pujiang.oversight;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.pujiang.oversight.Oversight.By;
import org.pujiang.petition.BusinessClock;
import org.pujiang.petition.CaseStatus;
import org.pujiang.petition.Outcome;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rates of a set of cases, as GLOSSARY.md defines them, counted in the database from the stored cases, so that a
 * month of a province's cases is one grouped count over their rows rather than the rows themselves. The case keeps
 * what the rates read of its assignments and return visits: supervised, extended, satisfied visits, and whether it
 * closed on time (every unit's report accepted by its deadline for assigned cases, closure within the legal 60 days
 * of registration for the others; see {@code PetitionCase#close}). Handling time runs from registration to closure,
 * in whole minutes.
 */
@Component
public class CaseRates {

	/**
	 * The counts of each group, from the cases alone: what the rates read of a case's assignments and return visits is
	 * kept on the case (V8). The placeholders are the group's key, the joins it needs, the selection, the status and
	 * the outcome counted and the grouping.
	 */
	private static final String COUNTS = """
			select %1$s as group_key, count(*),
			       sum(case when f.status = '%4$s' then 1 else 0 end),
			       sum(case when f.status = '%4$s' and f.closed_on_time then 1 else 0 end),
			       sum(f.return_visit_rounds), sum(f.satisfied_visits),
			       sum(case when f.outcome = '%5$s' then 1 else 0 end),
			       sum(case when f.supervised then 1 else 0 end), sum(case when f.extended then 1 else 0 end),
			       sum(f.repeat_count), sum(%6$s), percentile_disc(0.9) within group (order by %6$s)
			from petition_case f%2$s
			where %3$s%7$s
			""";

	/** A closed case's handling time in whole minutes, from registration to closure; null while open. */
	private static final String HANDLING_MINUTES = "case when f.status = '%s' then floor((extract(epoch from f.closed_at)"
			+ " - extract(epoch from f.registered_at)) / 60) end";

	private final EntityManager entities;

	CaseRates(EntityManager entities) {
		this.entities = entities;
	}

	/** The rates of the selected cases. */
	@Transactional(readOnly = true)
	public Rates of(Selection selection) {
		return by(By.TOTAL, selection).getOrDefault(Group.TOTAL, Rates.NONE);
	}

	/**
	 * The rates of the selected cases by group, keyed by the group's value: the reception day's id, the category's
	 * code, the month ({@code yyyy-MM}, Beijing time) or the unit's name; {@link Group#NONE} for the cases without a
	 * reception day or without an assignment, {@link Group#TOTAL} when not grouped. A case assigned to several units is
	 * counted in each of their groups. Groups without cases are left out.
	 */
	@Transactional(readOnly = true)
	public Map<Object, Rates> by(By by, Selection selection) {
		String key = switch (by) {
			case TOTAL -> "0";
			case DAY -> "f.reception_day_id";
			case CATEGORY -> "f.category";
			case MONTH -> "extract(year from f.registered_at at time zone '%1$s') * 100 + extract(month from f.registered_at at time zone '%1$s')"
				.formatted(BusinessClock.ZONE.getId());
			case UNIT -> "u.name";
		};
		String joins = by == By.UNIT
				? " left join assignment g on g.case_id = f.id left join responsible_unit u on u.code = g.unit_code" : "";
		String grouping = by == By.TOTAL ? "" : "\ngroup by " + key;
		Map<Object, Rates> rates = new LinkedHashMap<>();
		String closed = CaseStatus.CLOSED.name();
		for (Object[] row : rows(selection, COUNTS.formatted(key, joins, selection.condition("f"), closed,
				Outcome.SOLVED_ON_THE_SPOT.name(), HANDLING_MINUTES.formatted(closed), grouping))) {
			rates.put(group(by, row[0]), Rates.of(count(row[1]), count(row[2]), count(row[3]), count(row[4]),
					count(row[5]), count(row[6]), count(row[7]), count(row[8]), count(row[9]), count(row[10]),
					count(row[11])));
		}
		return rates;
	}

	@SuppressWarnings("unchecked")
	private List<Object[]> rows(Selection selection, String sql) {
		Query query = this.entities.createNativeQuery(sql);
		selection.bind(query);
		return new ArrayList<>(query.getResultList());
	}

	private static Object group(By by, Object key) {
		if (key == null) {
			return Group.NONE;
		}
		return switch (by) {
			case TOTAL -> Group.TOTAL;
			case DAY -> ((Number) key).longValue();
			case MONTH -> {
				long month = ((Number) key).longValue();
				yield "%d-%02d".formatted(month / 100, month % 100);
			}
			case CATEGORY, UNIT -> key;
		};
	}

	private static long count(Object value) {
		return value == null ? 0 : ((Number) value).longValue();
	}

	/** The keys of the groups that are not a value of the cases. */
	public enum Group {

		/** All the selected cases, when they are not grouped. */
		TOTAL,
		/** The cases without a reception day, or without an assignment. */
		NONE

	}

	/** Which cases: those registered in [from, to) and those of one reception day, each when given. */
	public record Selection(Instant from, Instant to, Long receptionDay) {

		public static Selection receptionDay(Long dayId) {
			return new Selection(null, null, dayId);
		}

		String condition(String alias) {
			List<String> conditions = new ArrayList<>();
			conditions.add("1 = 1");
			if (this.from != null) {
				conditions.add(alias + ".registered_at >= :from");
			}
			if (this.to != null) {
				conditions.add(alias + ".registered_at < :to");
			}
			if (this.receptionDay != null) {
				conditions.add(alias + ".reception_day_id = :receptionDay");
			}
			return String.join(" and ", conditions);
		}

		void bind(Query query) {
			if (this.from != null) {
				query.setParameter("from", this.from);
			}
			if (this.to != null) {
				query.setParameter("to", this.to);
			}
			if (this.receptionDay != null) {
				query.setParameter("receptionDay", this.receptionDay);
			}
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

		static final Rates NONE = of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

		/** The rates from the counts, and the closed cases' handling minutes: their sum and 90th percentile. */
		static Rates of(long received, long closed, long onTime, long visits, long satisfied, long onTheSpot,
				long supervised, long extended, long repeats, long handlingMinutes, long p90HandlingMinutes) {
			return new Rates(received, closed, onTime, visits, satisfied, onTheSpot, supervised, extended, repeats,
					ratio(closed, received), ratio(onTime, closed), ratio(satisfied, visits), ratio(onTheSpot, received),
					ratio(repeats, received + repeats), round(closed == 0 ? 0 : handlingMinutes / 1440.0 / closed),
					round(p90HandlingMinutes / 1440.0));
		}

		private static double ratio(long part, long whole) {
			return whole == 0 ? 0 : (double) part / whole;
		}

		private static double round(double value) {
			return Math.round(value * 10) / 10.0;
		}

	}

}
