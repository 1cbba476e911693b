package org.pujiang.oversight;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;

import org.pujiang.handling.Assignment;
import org.pujiang.handling.AssignmentFacts;
import org.pujiang.handling.Handling;
import org.pujiang.oversight.CaseRates.CaseFacts;
import org.pujiang.oversight.CaseRates.Facts;
import org.pujiang.oversight.CaseRates.Rates;
import org.pujiang.petition.BusinessClock;
import org.pujiang.petition.InvalidInputException;
import org.pujiang.petition.PetitionCase;
import org.pujiang.routing.Categories;
import org.pujiang.routing.Categories.Category;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The oversight figures: the rates by reception day, unit, category or month, and the overdue and supervised cases. */
@Service
public class Oversight {

	/** How figures are grouped. */
	public enum By {

		TOTAL, DAY, UNIT, CATEGORY, MONTH

	}

	private final Handling handling;

	private final CaseRates rates;

	private final Categories categories;

	private final EntityManager entities;

	Oversight(Handling handling, CaseRates rates, Categories categories, EntityManager entities) {
		this.handling = handling;
		this.rates = rates;
		this.categories = categories;
		this.entities = entities;
	}

	/** The figures of the cases registered in [from, to), grouped; dates are Beijing time, both optional. */
	@Transactional(readOnly = true)
	public Figures figures(By by, LocalDate from, LocalDate to) {
		return figures(by, from, to, null);
	}

	/** As above, of one reception day's cases only when {@code receptionDay} is given. */
	@Transactional(readOnly = true)
	public Figures figures(By by, LocalDate from, LocalDate to, Long receptionDay) {
		if (from != null && to != null && !to.isAfter(from)) {
			throw new InvalidInputException("to", "应晚于 from");
		}
		Specification<PetitionCase> period = (root, query, cb) -> cb.and(
				from == null ? cb.conjunction()
						: cb.greaterThanOrEqualTo(root.get("registeredAt"), from.atStartOfDay(BusinessClock.ZONE).toInstant()),
				to == null ? cb.conjunction() : cb.lessThan(root.get("registeredAt"), to.atStartOfDay(BusinessClock.ZONE).toInstant()),
				receptionDay == null ? cb.conjunction() : cb.equal(root.get("receptionDayId"), receptionDay));
		List<CaseFacts> selected = select(period);
		Facts facts = this.rates.facts(selected);
		Map<String, List<CaseFacts>> groups = new TreeMap<>();
		if (by != By.TOTAL) {
			Map<String, String> names = new LinkedHashMap<>();
			this.categories.all().forEach((Category c) -> names.put(c.code(), c.name()));
			for (CaseFacts c : selected) {
				for (String key : keys(by, c, names, facts.assignments(c))) {
					groups.computeIfAbsent(key, (k) -> new ArrayList<>()).add(c);
				}
			}
		}
		List<Row> rows = groups.entrySet()
			.stream()
			.map((e) -> new Row(e.getKey(), this.rates.of(e.getValue(), facts)))
			.toList();
		return new Figures(by, from, to, this.rates.of(selected, facts), rows);
	}

	/** Open assignments past their deadline or under supervision, most overdue first. */
	@Transactional(readOnly = true)
	public List<Overdue> overdue() {
		Instant now = BusinessClock.now();
		List<Overdue> overdue = new ArrayList<>();
		for (Assignment a : this.handling.openAssignments()) {
			if (a.isSupervised() || a.getDeadline().isBefore(now)) {
				overdue.add(new Overdue(a.getPetitionCase().getCaseNumber(), a.getUnit().getName(), a.getDeadline(),
						Math.max(0, ChronoUnit.DAYS.between(a.getDeadline(), now)), a.isSupervised(), a.getStatus().name()));
			}
		}
		overdue.sort(Comparator.comparing(Overdue::deadline));
		return overdue;
	}

	/** The selected cases' facts, read as a few columns rather than as whole cases. */
	private List<CaseFacts> select(Specification<PetitionCase> selection) {
		CriteriaBuilder cb = this.entities.getCriteriaBuilder();
		CriteriaQuery<CaseFacts> query = cb.createQuery(CaseFacts.class);
		Root<PetitionCase> c = query.from(PetitionCase.class);
		query.select(cb.construct(CaseFacts.class, c.get("id"), c.get("status"), c.get("outcome"), c.get("registeredAt"),
				c.get("closedAt"), c.get("repeatCount"), c.get("category"), c.get("receptionDayId")))
			.where(selection.toPredicate(c, query, cb));
		return this.entities.createQuery(query).getResultList();
	}

	private static List<String> keys(By by, CaseFacts c, Map<String, String> categoryNames,
			List<AssignmentFacts> assignments) {
		return switch (by) {
			case DAY -> List.of(c.receptionDayId() == null ? "日常接访" : "RD-" + c.receptionDayId());
			case CATEGORY -> List.of(categoryNames.getOrDefault(c.category(), c.category()));
			case MONTH -> List.of(BusinessClock.date(c.registeredAt()).substring(0, 7));
			case UNIT -> {
				List<String> units = assignments.stream().map(AssignmentFacts::unitName).toList();
				yield units.isEmpty() ? List.of("（未交办）") : units;
			}
			case TOTAL -> List.of("合计");
		};
	}

	public record Figures(By by, LocalDate from, LocalDate to, Rates total, List<Row> groups) {
	}

	public record Row(String group, Rates rates) {
	}

	public record Overdue(String caseNumber, String unit, Instant deadline, long daysOverdue, boolean supervised,
			String status) {
	}

}
