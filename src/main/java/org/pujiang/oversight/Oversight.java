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

import org.pujiang.handling.Assignment;
import org.pujiang.handling.Handling;
import org.pujiang.oversight.CaseRates.Group;
import org.pujiang.oversight.CaseRates.Rates;
import org.pujiang.oversight.CaseRates.Selection;
import org.pujiang.petition.BusinessClock;
import org.pujiang.petition.InvalidInputException;
import org.pujiang.routing.Categories;
import org.pujiang.routing.Categories.Category;
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

	Oversight(Handling handling, CaseRates rates, Categories categories) {
		this.handling = handling;
		this.rates = rates;
		this.categories = categories;
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
		Selection selection = new Selection(from == null ? null : from.atStartOfDay(BusinessClock.ZONE).toInstant(),
				to == null ? null : to.atStartOfDay(BusinessClock.ZONE).toInstant(), receptionDay);
		Rates total = this.rates.of(selection);
		Map<String, Rates> groups = new TreeMap<>();
		if (by != By.TOTAL) {
			Map<String, String> names = new LinkedHashMap<>();
			this.categories.all().forEach((Category c) -> names.put(c.code(), c.name()));
			this.rates.by(by, selection).forEach((key, rates) -> groups.put(label(by, key, names), rates));
		}
		List<Row> rows = groups.entrySet().stream().map((e) -> new Row(e.getKey(), e.getValue())).toList();
		return new Figures(by, from, to, total, rows);
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

	private static String label(By by, Object key, Map<String, String> categoryNames) {
		return switch (by) {
			case DAY -> key == Group.NONE ? "日常接访" : "RD-" + key;
			case CATEGORY -> categoryNames.getOrDefault((String) key, (String) key);
			case UNIT -> key == Group.NONE ? "（未交办）" : (String) key;
			case MONTH -> (String) key;
			case TOTAL -> "合计";
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
