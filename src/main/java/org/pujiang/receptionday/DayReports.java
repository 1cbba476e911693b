package org.pujiang.receptionday;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pujiang.oversight.CaseRates;
import org.pujiang.oversight.CaseRates.Rates;
import org.pujiang.oversight.CaseRates.Selection;
import org.pujiang.petition.CaseStatus;
import org.pujiang.petition.Outcome;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.routing.Categories;
import org.pujiang.routing.Categories.Category;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A reception day's reports, counted from the stored cases, assignments and return visits — never typed in; the
 * rates are {@link CaseRates}'.
 */
@Service
public class DayReports {

	private static final Logger log = LoggerFactory.getLogger(DayReports.class);

	private final PetitionCaseRepository cases;

	private final CaseRates rates;

	private final Categories categories;

	private final DayReportRepository reports;

	private final ObjectMapper json;

	DayReports(PetitionCaseRepository cases, CaseRates rates, Categories categories, DayReportRepository reports,
			ObjectMapper json) {
		this.cases = cases;
		this.rates = rates;
		this.categories = categories;
		this.reports = reports;
		this.json = json;
	}

	/** Batches, person-visits and the three outcomes: overall, by room and by category. */
	@Transactional(readOnly = true)
	public DayFigures dayFigures(Long dayId) {
		return dayFigures(this.cases.findByReceptionDayId(dayId));
	}

	private DayFigures dayFigures(List<PetitionCase> received) {
		Map<String, String> names = this.categories.all().stream().collect(Collectors.toMap(Category::code, Category::name));
		return new DayFigures(Figures.of(received), grouped(received, PetitionCase::getRoom),
				grouped(received, (c) -> names.getOrDefault(c.getCategory(), c.getCategory())));
	}

	/** The follow-up's rates: closure, on-time, satisfaction, on-the-spot. */
	public Rates rates(Long dayId) {
		return this.rates.of(Selection.receptionDay(dayId));
	}

	@Transactional(readOnly = true)
	public boolean allClosed(Long dayId) {
		return !this.cases.existsByReceptionDayIdAndStatusNot(dayId, CaseStatus.CLOSED);
	}

	/** Stores the report as it stands now and writes it to the log. */
	@Transactional
	public DayReport record(ReceptionDay day, DayReport.Kind kind) {
		List<PetitionCase> received = this.cases.findByReceptionDayId(day.getId());
		DayFigures figures = dayFigures(received);
		Rates rates = kind == DayReport.Kind.DAY ? null : this.rates.of(Selection.receptionDay(day.getId()));
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("receptionDay", day.name());
		payload.put("day", figures);
		if (rates != null) {
			payload.put("rates", rates);
		}
		try {
			DayReport report = this.reports.save(new DayReport(day.getId(), kind, this.json.writeValueAsString(payload)));
			log.info("{} report of {}:\n{}", kind, day.name(), describe(figures, rates));
			return report;
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public List<DayReport> reports(Long dayId) {
		return this.reports.findByReceptionDayIdOrderById(dayId);
	}

	/** The report as a table for people. */
	@Transactional(readOnly = true)
	public String describe(Long dayId, DayReport.Kind kind) {
		List<PetitionCase> received = this.cases.findByReceptionDayId(dayId);
		return describe(dayFigures(received), kind == DayReport.Kind.DAY ? null : this.rates.of(Selection.receptionDay(dayId)));
	}

	private static String describe(DayFigures day, Rates rates) {
		StringBuilder out = new StringBuilder();
		out.append(String.format("%-24s %8s %8s %8s %8s %8s%n", "", "批次", "人次", "当场解决", "交办", "定性处理"));
		out.append(row("合计", day.overall()));
		day.byRoom().forEach((room, figures) -> out.append(row(room, figures)));
		out.append(String.format("-- 按类别%n"));
		day.byCategory().forEach((category, figures) -> out.append(row(category, figures)));
		if (rates != null) {
			out.append(String.format("办结率 %.1f%%（%d/%d）  按期办结率 %.1f%%（%d/%d）  满意率 %.1f%%（%d/%d）  当场解决率 %.1f%%（%d/%d）%n",
					rates.closureRate() * 100, rates.closed(), rates.received(), rates.onTimeRate() * 100, rates.closedOnTime(),
					rates.closed(), rates.satisfactionRate() * 100, rates.satisfiedVisits(), rates.returnVisits(),
					rates.onTheSpotRate() * 100, rates.solvedOnTheSpot(), rates.received()));
			out.append(String.format("督办 %d 件，延期 %d 件%n", rates.supervised(), rates.extended()));
		}
		return out.toString();
	}

	private static String row(String label, Figures f) {
		return String.format("%-24s %8d %8d %8d %8d %8d%n", label, f.batches(), f.personVisits(), f.solvedOnTheSpot(),
				f.assigned(), f.definitiveAnswers());
	}

	private static Map<String, Figures> grouped(List<PetitionCase> cases, Function<PetitionCase, String> key) {
		return cases.stream()
			.filter((c) -> key.apply(c) != null)
			.collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()))
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.comparing(DayReports::roomOrder)))
			.collect(Collectors.toMap(Map.Entry::getKey, (e) -> Figures.of(e.getValue()), (a, b) -> a, LinkedHashMap::new));
	}

	/** 第2接待室 before 第10接待室. */
	private static String roomOrder(String name) {
		String digits = name.replaceAll("\\D", "");
		return digits.isEmpty() ? name : String.format("%04d", Integer.parseInt(digits.length() > 4 ? digits.substring(0, 4) : digits)) + name;
	}

	/** Batches (one case each), person-visits, and the outcomes at the table. */
	public record Figures(long batches, long personVisits, long solvedOnTheSpot, long assigned, long definitiveAnswers) {

		static Figures of(List<PetitionCase> cases) {
			return new Figures(cases.size(), cases.stream().mapToLong(PetitionCase::getPersonsCount).sum(),
					count(cases, Outcome.SOLVED_ON_THE_SPOT), count(cases, Outcome.ASSIGNED),
					count(cases, Outcome.DEFINITIVE_ANSWER));
		}

		private static long count(List<PetitionCase> cases, Outcome outcome) {
			return cases.stream().map(PetitionCase::getOutcome).filter((o) -> Objects.equals(o, outcome)).count();
		}

	}

	public record DayFigures(Figures overall, Map<String, Figures> byRoom, Map<String, Figures> byCategory) {
	}

}
