package org.pujiang.oversight;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.pujiang.Roles;
import org.pujiang.api.Access;
import org.pujiang.oversight.CaseRates.Rates;
import org.pujiang.oversight.Oversight.By;
import org.pujiang.oversight.Oversight.Figures;
import org.pujiang.oversight.Oversight.Overdue;
import org.pujiang.oversight.Oversight.Row;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Oversight figures for auditors and managers: JSON, CSV and the dashboard page at /oversight/. */
@RestController
@Tag(name = "督查统计", description = "办结率、按期办结率、满意率、当场解决率、重复信访率、办理时长（审计员、管理员）")
@SecurityRequirement(name = "basic")
class OversightController {

	private final Oversight oversight;

	private final CaseFactsCheck factsCheck;

	OversightController(Oversight oversight, CaseFactsCheck factsCheck) {
		this.oversight = oversight;
		this.factsCheck = factsCheck;
	}

	@GetMapping("/api/oversight/figures")
	@Operation(summary = "统计", description = "by = TOTAL | DAY | UNIT | CATEGORY | MONTH；from、to 为登记日期（北京时间，含 from 不含 to）；"
			+ "receptionDay 为接访日编号（只统计该接访日的案件）")
	Figures figures(Authentication authentication, @RequestParam(defaultValue = "TOTAL") By by,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Long receptionDay) {
		requireReader(authentication);
		return this.oversight.figures(by, from, to, receptionDay);
	}

	@GetMapping(value = "/api/oversight/figures/csv", produces = "text/csv")
	@Operation(summary = "统计（CSV）")
	ResponseEntity<byte[]> csv(Authentication authentication, @RequestParam(defaultValue = "TOTAL") By by,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		requireReader(authentication);
		Figures figures = this.oversight.figures(by, from, to);
		StringBuilder csv = new StringBuilder("\uFEFF分组,受理,办结,按期办结,回访,满意及基本满意,当场解决,督办,延期,重复信访,"
				+ "办结率,按期办结率,满意率,当场解决率,重复信访率,平均办理天数,90%办理天数\r\n");
		csv.append(line("合计", figures.total()));
		for (Row row : figures.groups()) {
			csv.append(line(row.group(), row.rates()));
		}
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"oversight-" + by.name().toLowerCase() + ".csv\"")
			.body(csv.toString().getBytes(StandardCharsets.UTF_8));
	}

	@GetMapping("/api/oversight/overdue")
	@Operation(summary = "逾期和督办中的案件")
	List<Overdue> overdue(Authentication authentication) {
		requireReader(authentication);
		return this.oversight.overdue();
	}

	@GetMapping("/api/oversight/facts/check")
	@Operation(summary = "核对统计依据", description = "逐案核对案件上保存的回访次数、满意次数、督办、延期、按期办结与其交办和回访记录是否一致，"
			+ "报告不一致的案件数和前 20 件")
	CaseFactsCheck.Result checkFacts(Authentication authentication) {
		requireReader(authentication);
		return this.factsCheck.check();
	}

	/** The dashboard: a static page that reads the figures above and draws them with Chart.js. */
	@GetMapping(value = "/oversight/", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<byte[]> dashboard(Authentication authentication) throws java.io.IOException {
		requireReader(authentication);
		try (var page = getClass().getResourceAsStream("/oversight/dashboard.html")) {
			return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8)).body(page.readAllBytes());
		}
	}

	private static String line(String group, Rates r) {
		return String.format(Locale.ROOT, "\"%s\",%d,%d,%d,%d,%d,%d,%d,%d,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.1f,%.1f\r\n",
				group.replace("\"", "\"\""), r.received(), r.closed(), r.closedOnTime(), r.returnVisits(), r.satisfiedVisits(),
				r.solvedOnTheSpot(), r.supervised(), r.extended(), r.repeatPetitions(), r.closureRate(), r.onTimeRate(),
				r.satisfactionRate(), r.onTheSpotRate(), r.repeatRate(), r.averageHandlingDays(), r.p90HandlingDays());
	}

	private static void requireReader(Authentication authentication) {
		Access.requireAny(authentication, "仅审计员和管理员可查看统计", Roles.AUDITOR, Roles.MANAGER, Roles.ADMIN);
	}

}
