package org.pujiang.receptionday;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.pujiang.Roles;
import org.pujiang.api.Access;
import org.pujiang.api.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Reception days for petitioners (the announced ones) and for the bureau (announcements and reports). */
@RestController
@Tag(name = "接访日", description = "领导下访接待日")
class ReceptionDayController {

	private final ReceptionDays days;

	private final DayReports reports;

	private final AnnouncementRepository announcements;

	private final ObjectMapper json;

	ReceptionDayController(ReceptionDays days, DayReports reports, AnnouncementRepository announcements,
			ObjectMapper json) {
		this.days = days;
		this.reports = reports;
		this.announcements = announcements;
		this.json = json;
	}

	@GetMapping("/api/reception-days")
	@Operation(summary = "近期接访日", description = "已公告、可预登记的领导接访日（无需登录）")
	List<UpcomingDay> upcoming() {
		return this.days.upcoming()
			.stream()
			.map((d) -> new UpcomingDay(d.getId(), d.getLeaderName(), d.getCounty(), d.getVenue(), d.getStartsAt(),
					d.getEndsAt(), d.getStatus().label(), d.getRooms().stream().map(ReceptionRoom::name).toList()))
			.toList();
	}

	@GetMapping("/api/staff/reception-days/{id}")
	@Operation(summary = "接访日全貌", description = "计划、公告记录、当日统计、进展报告与终结报告")
	@SecurityRequirement(name = "basic")
	DayRecord record(Authentication authentication, @PathVariable Long id) {
		Access.requireAny(authentication, "无权查看接访日", Roles.MANAGER, Roles.AUDITOR, Roles.REGISTRAR, Roles.LEADER,
				Roles.SUPERVISOR, Roles.ADMIN);
		ReceptionDay day;
		try {
			day = this.days.day(id);
		}
		catch (IllegalStateException ex) {
			throw Problems.refuse(HttpStatus.NOT_FOUND, "没有接访日 " + id);
		}
		return new DayRecord(day.getId(), day.name(), day.getStatus(), day.getStartsAt(), day.getEndsAt(), day.getRooms(),
				this.announcements.findByReceptionDayIdOrderById(id)
					.stream()
					.map((a) -> new Published(a.getKind().name(), a.getChannel(), a.getText(), a.getPublishedBy(),
							a.getPublishedAt()))
					.toList(),
				this.reports.reports(id).stream().map(this::report).toList());
	}

	private Report report(DayReport report) {
		try {
			return new Report(report.getKind().name(), report.getCreatedAt(), this.json.readTree(report.getPayload()));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record UpcomingDay(Long id, String leader, String county, String venue, Instant startsAt, Instant endsAt, String status,
			List<String> rooms) {
	}

	record DayRecord(Long id, String name, ReceptionDayStatus status, Instant startsAt, Instant endsAt,
			List<ReceptionRoom> rooms, List<Published> announcements, List<Report> reports) {
	}

	record Published(String kind, String channel, String text, String publishedBy, Instant publishedAt) {
	}

	record Report(String kind, Instant createdAt, JsonNode figures) {
	}

}
