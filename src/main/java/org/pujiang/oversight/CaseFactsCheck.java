package org.pujiang.oversight;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.pujiang.handling.Handling;
import org.pujiang.petition.CaseStatus;
import org.pujiang.petition.Outcome;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compares what each case keeps for the rates (return visits, satisfied visits, supervised, extended, closed on time)
 * with what its assignments and return visits say, by the rule the steps follow and V8 followed for the cases stored
 * before it. The rates are counted from the kept facts alone, so a case whose facts drifted from its records (a row
 * changed by hand, a path that bypassed the steps) counts wrongly without this check showing it.
 */
@Component
public class CaseFactsCheck {

	/** The differing cases named in a result; the count covers them all. */
	static final int NAMED = 20;

	/** Each fact as the case keeps it and as its records give it, for the cases where any pair differs. */
	private static final String DIFFERING = """
			select * from (
			  select c.id, c.case_number,
			         c.return_visit_rounds as kept_visits, coalesce(v.visits, 0) as visits,
			         c.satisfied_visits as kept_satisfied, coalesce(v.satisfied, 0) as satisfied,
			         case when c.supervised then 1 else 0 end as kept_supervised, coalesce(a.supervised, 0) as supervised,
			         case when c.extended then 1 else 0 end as kept_extended, coalesce(a.extended, 0) as extended,
			         case when c.closed_on_time then 1 else 0 end as kept_on_time,
			         case when c.status = '%1$s'
			               and ((c.outcome = '%2$s' and coalesce(a.late, 0) = 0)
			                    or (coalesce(c.outcome, '') <> '%2$s' and c.closed_at <= c.registered_at + interval '%3$d' day))
			              then 1 else 0 end as on_time
			  from petition_case c
			  left join (select case_id, count(*) as visits,
			                    sum(case when satisfaction <> 'DISSATISFIED' then 1 else 0 end) as satisfied
			             from return_visit group by case_id) v on v.case_id = c.id
			  left join (select case_id, max(case when supervised then 1 else 0 end) as supervised,
			                    max(case when extension_status = 'APPROVED' then 1 else 0 end) as extended,
			                    sum(case when accepted_at is null or accepted_at > deadline then 1 else 0 end) as late
			             from assignment group by case_id) a on a.case_id = c.id
			) f
			where kept_visits <> visits or kept_satisfied <> satisfied or kept_supervised <> supervised
			   or kept_extended <> extended or kept_on_time <> on_time
			order by id
			""".formatted(CaseStatus.CLOSED.name(), Outcome.ASSIGNED.name(), Handling.LEGAL_MAXIMUM_DAYS);

	private static final String[] FACTS = { "return_visit_rounds", "satisfied_visits", "supervised", "extended",
			"closed_on_time" };

	private final EntityManager entities;

	CaseFactsCheck(EntityManager entities) {
		this.entities = entities;
	}

	@Transactional(readOnly = true)
	public Result check() {
		long cases = ((Number) this.entities.createNativeQuery("select count(*) from petition_case").getSingleResult())
			.longValue();
		long differing = 0;
		List<Difference> named = new ArrayList<>();
		try (var rows = this.entities.createNativeQuery(DIFFERING).getResultStream()) {
			for (Object row : (Iterable<?>) rows::iterator) {
				differing++;
				if (named.size() < NAMED) {
					named.add(difference((Object[]) row));
				}
			}
		}
		return new Result(cases, differing, named);
	}

	private static Difference difference(Object[] row) {
		List<String> facts = new ArrayList<>();
		for (int i = 0; i < FACTS.length; i++) {
			long kept = ((Number) row[2 + 2 * i]).longValue();
			long recorded = ((Number) row[3 + 2 * i]).longValue();
			if (kept != recorded) {
				facts.add(FACTS[i] + ": kept " + kept + ", records " + recorded);
			}
		}
		return new Difference(((Number) row[0]).longValue(), (String) row[1], facts);
	}

	/** How many cases were compared, how many differ, and the first of them ({@value #NAMED} at most), by id. */
	public record Result(long cases, long differing, List<Difference> first) {

		public boolean agree() {
			return this.differing == 0;
		}

		public String describe() {
			String checked = "checked the rate facts of " + this.cases + " cases: ";
			if (agree()) {
				return checked + "all agree with their assignments and return visits";
			}
			StringBuilder text = new StringBuilder(checked + this.differing + " differ from their records");
			for (Difference difference : this.first) {
				text.append("\n  case ").append(difference.caseNumber()).append(" (id ").append(difference.caseId())
					.append("): ").append(String.join("; ", difference.facts()));
			}
			if (this.differing > this.first.size()) {
				text.append("\n  … and ").append(this.differing - this.first.size()).append(" more");
			}
			return text.toString();
		}

	}

	/** A case whose kept facts differ from its records, and which facts (1 for true, 0 for false). */
	public record Difference(Long caseId, String caseNumber, List<String> facts) {
	}

}
