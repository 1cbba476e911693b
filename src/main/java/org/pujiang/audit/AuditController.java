package org.pujiang.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.pujiang.Roles;
import org.pujiang.api.Access;
import org.pujiang.api.Problems;
import org.pujiang.audit.AuditTrail.Entry;
import org.pujiang.audit.CaseEvents.Verification;
import org.pujiang.petition.BusinessClock;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** For auditors: a case's whole trail (JSON, CSV, a page to read) and the verification of the hash chains. */
@RestController
@Tag(name = "审计", description = "案件审计轨迹与业务事件哈希链校验（审计员）")
@SecurityRequirement(name = "basic")
class AuditController {

	private static final String[] HEADINGS = { "时间", "操作人", "环节", "事项", "详情", "来源" };

	private final CaseEvents events;

	private final AuditTrail trail;

	AuditController(CaseEvents events, AuditTrail trail) {
		this.events = events;
		this.trail = trail;
	}

	@GetMapping("/api/audit/verify")
	@Operation(summary = "校验哈希链", description = "逐案重算每条业务事件的 SHA-256 并核对前后相接，报告第一个断点")
	Verification verify(Authentication authentication) {
		requireAuditor(authentication);
		return this.events.verify();
	}

	@GetMapping("/api/audit/cases/{caseNumber}")
	@Operation(summary = "案件审计轨迹", description = "引擎历史（环节、任务、变量、用户操作、故障）与业务事件合并的时间线")
	List<Entry> trail(Authentication authentication, @PathVariable String caseNumber) {
		requireAuditor(authentication);
		return entries(caseNumber);
	}

	@GetMapping(value = "/api/audit/cases/{caseNumber}/csv", produces = "text/csv")
	@Operation(summary = "案件审计轨迹（CSV）")
	ResponseEntity<byte[]> csv(Authentication authentication, @PathVariable String caseNumber) {
		requireAuditor(authentication);
		StringBuilder csv = new StringBuilder("\uFEFF").append(String.join(",", HEADINGS)).append("\r\n");
		for (Entry entry : entries(caseNumber)) {
			csv.append(String.join(",", cell(entry.time().toString()), cell(entry.actor()), cell(entry.step()),
					cell(entry.what()), cell(entry.detail()), cell(entry.source().name())))
				.append("\r\n");
		}
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + caseNumber + "-audit.csv\"")
			.body(csv.toString().getBytes(StandardCharsets.UTF_8));
	}

	@GetMapping(value = "/audit/cases/{caseNumber}", produces = MediaType.TEXT_HTML_VALUE)
	String page(Authentication authentication, @PathVariable String caseNumber) {
		requireAuditor(authentication);
		StringBuilder rows = new StringBuilder();
		for (Entry entry : entries(caseNumber)) {
			rows.append("<tr class=\"").append(entry.source().name().toLowerCase()).append("\">");
			for (String value : new String[] { BusinessClock.date(entry.time()) + " "
					+ entry.time().atZone(BusinessClock.ZONE).toLocalTime().withNano(0), entry.actor(), entry.step(),
					entry.what(), entry.detail(), entry.source() == AuditTrail.Source.BUSINESS ? "业务" : "引擎" }) {
				rows.append("<td>").append(value == null ? "" : HtmlUtils.htmlEscape(value)).append("</td>");
			}
			rows.append("</tr>\n");
		}
		String number = HtmlUtils.htmlEscape(caseNumber);
		return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>案件审计轨迹 " + number
				+ "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}"
				+ "td,th{border:1px solid #ccc;padding:4px 6px;font-size:13px;vertical-align:top;max-width:40em;overflow-wrap:anywhere}th{background:#eee}"
				+ "tr.business{background:#f3f8ff}</style></head><body><h1>案件审计轨迹 " + number + "</h1>"
				+ "<p><a href=\"/api/audit/cases/" + number + "/csv\">下载 CSV</a>（蓝色为业务事件，白色为流程引擎历史）</p><table><tr><th>"
				+ String.join("</th><th>", HEADINGS) + "</th></tr>\n" + rows + "</table></body></html>";
	}

	private List<Entry> entries(String caseNumber) {
		return this.trail.of(caseNumber).orElseThrow(() -> Problems.refuse(HttpStatus.NOT_FOUND, "没有案件 " + caseNumber));
	}

	private static void requireAuditor(Authentication authentication) {
		Access.requireAny(authentication, "仅审计员可查看", Roles.AUDITOR, Roles.ADMIN);
	}

	/** Quoted; text that a spreadsheet would take for a formula is prefixed with an apostrophe. */
	private static String cell(String value) {
		if (value == null) {
			return "";
		}
		String text = value.matches("^[=+\\-@].*") ? "'" + value : value;
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}

}
