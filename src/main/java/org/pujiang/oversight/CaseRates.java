package org.pujiang.oversight;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.pujiang.handling.Handling;
import org.pujiang.oversight.Oversight.By;
import org.pujiang.petition.BusinessClock;
import org.pujiang.petition.CaseStatus;
import org.pujiang.petition.Outcome;
import org.pujiang.petition.Satisfaction;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rates of a set of cases, as GLOSSARY.md defines them, counted in the database from the stored cases,
 * assignments and return visits, so that a month of a province's cases is a few grouped counts rather than its rows.
 * A case is closed on time when every unit's report was accepted by its deadline (assigned cases) or when it closed
 * within the legal 60 days of registration (the others). Handling time runs from registration to closure, in whole
 * minutes.
 */
@Component
public class CaseRates {

	/**
	 * Each selected case once, with what the rates read of its assignments. Its placeholder is the selection's
	 * condition on the case {@code c}.
	 */
	private static final String CASE_FACTS = """
			select c.id, c.status, c.outcome, c.repeat_count, c.category, c.reception_day_id, c.registered_at,
			       case when c.status = '%2$s' then floor((extract(epoch from c.closed_at) - extract(epoch from c.registered_at)) / 60) end as handling_minutes,
			       case when c.closed_at <= c.registered_at + interval '%3$d' day then 1 else 0 end as within_legal_term,
			       count(a.id) as assignments,
			       sum(case when a.accepted_at <= a.deadline then 1 else 0 end) as accepted_in_time,
			       max(case when a.supervised then 1 else 0 end) as supervised,
			       max(case when a.extension_status = 'APPROVED' then 1 else 0 end) as extended
			from petition_case c left join assignment a on a.case_id = c.id
			where %1$s
			group by c.id, c.status, c.outcome, c.repeat_count, c.category, c.reception_day_id, c.registered_at, c.closed_at
			""";

	/**
	 * The case counts of each group: the placeholders are the group's key, the joins it needs, the case facts, the
	 * statuses and outcomes counted and the grouping.
	 */
	private static final String CASE_COUNTS = """
			select %1$s as group_key, count(*),
			       sum(case when f.status = '%4$s' then 1 else 0 end),
			       sum(case when f.status = '%4$s' and ((f.outcome = '%5$s' and f.assignments = f.accepted_in_time)
			                or (coalesce(f.outcome, '') <> '%5$s' and f.within_legal_term = 1)) then 1 else 0 end),
			       sum(case when f.outcome = '%6$s' then 1 else 0 end),
			       sum(f.supervised), sum(f.extended), sum(f.repeat_count),
			       sum(f.handling_minutes), percentile_disc(0.9) within group (order by f.handling_minutes)
			from (%3$s) f%2$s%7$s
			""";

	/**
	 * The return visits of each group: the placeholders are the group's key, its joins, the selection, the
	 * satisfaction not counted as satisfied and the grouping.
	 */
	private static final String VISIT_COUNTS = """
			select %1$s as group_key, count(*), sum(case when v.satisfaction <> '%4$s' then 1 else 0 end)
			from petition_case f join return_visit v on v.case_id = f.id%2$s
			where %3$s%5$s
			""";

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
		String condition = selection.condition("c");
		Map<Object, long[]> visits = new HashMap<>();
		for (Object[] row : rows(selection, VISIT_COUNTS.formatted(key, joins, selection.condition("f"),
				Satisfaction.DISSATISFIED.name(), grouping))) {
			visits.put(group(by, row[0]), new long[] { count(row[1]), count(row[2]) });
		}
		Map<Object, Rates> rates = new LinkedHashMap<>();
		String caseFacts = CASE_FACTS.formatted(condition, CaseStatus.CLOSED.name(), Handling.LEGAL_MAXIMUM_DAYS);
		for (Object[] row : rows(selection, CASE_COUNTS.formatted(key, joins, caseFacts, CaseStatus.CLOSED.name(),
				Outcome.ASSIGNED.name(), Outcome.SOLVED_ON_THE_SPOT.name(), grouping))) {
			Object group = group(by, row[0]);
			long[] visited = visits.getOrDefault(group, new long[2]);
			rates.put(group, Rates.of(count(row[1]), count(row[2]), count(row[3]), visited[0], visited[1], count(row[4]),
					count(row[5]), count(row[6]), count(row[7]), count(row[8]), row[9] == null ? 0 : count(row[9])));
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
