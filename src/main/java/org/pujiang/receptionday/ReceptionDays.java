package org.pujiang.receptionday;

import static org.pujiang.petition.PetitionCaseProcess.MESSAGE_DAY_CANCELLED;
import static org.pujiang.petition.PetitionCaseProcess.MESSAGE_DAY_STARTED;
import static org.pujiang.petition.PetitionCaseProcess.RECEPTION_DAY_ID;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.pujiang.notice.NoticeKind;
import org.pujiang.notice.Notices;
import org.pujiang.petition.BusinessClock;
import org.pujiang.petition.CaseStatus;
import org.pujiang.petition.InvalidInputException;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.routing.Categories;
import org.pujiang.routing.Categories.Category;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reception days: the plan and its timing rules (announced at least 10 days ahead, again 3 days ahead), the
 * announcements, the seats of the cases registered for the day, and the day's start, postponement or
 * cancellation. The diagram's timers read the day's times from here.
 */
@Service("receptionDays")
public class ReceptionDays {

	/** The announcement goes out at least this long before the day. */
	public static final Duration ANNOUNCEMENT_AHEAD = Duration.ofDays(10);

	/** The reminder announcement goes out this long before the day. */
	public static final Duration REMINDER_AHEAD = Duration.ofDays(3);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final ReceptionDayRepository days;

	private final AnnouncementRepository announcements;

	private final PetitionCaseRepository cases;

	private final Categories categories;

	private final Notices notices;

	private final RuntimeService runtime;

	private final String progressInterval;

	ReceptionDays(ReceptionDayRepository days, AnnouncementRepository announcements, PetitionCaseRepository cases,
			Categories categories, Notices notices, RuntimeService runtime,
			@Value("${pujiang.reception-days.progress-interval:P7D}") String progressInterval) {
		this.days = days;
		this.announcements = announcements;
		this.cases = cases;
		this.categories = categories;
		this.notices = notices;
		this.runtime = runtime;
		this.progressInterval = progressInterval;
	}

	// Read by the diagram's timers.

	public Date reminderAt(Long dayId) {
		return Date.from(this.days.require(dayId).getStartsAt().minus(REMINDER_AHEAD));
	}

	public Date startsAt(Long dayId) {
		return Date.from(this.days.require(dayId).getStartsAt());
	}

	public Date endsAt(Long dayId) {
		return Date.from(this.days.require(dayId).getEndsAt());
	}

	public String progressInterval() {
		return this.progressInterval;
	}

	public ReceptionDay day(Long dayId) {
		return this.days.require(dayId);
	}

	/** The days people can still register for, soonest first. */
	public List<ReceptionDay> upcoming() {
		return this.days.findByStatusInOrderByStartsAt(List.of(ReceptionDayStatus.ANNOUNCED, ReceptionDayStatus.IN_PROGRESS));
	}

	@Transactional
	public ReceptionDay plan(DayPlan plan, String plannedBy) {
		Map<String, String> errors = new LinkedHashMap<>();
		require(errors, "leaderName", plan.leaderName(), 50);
		require(errors, "county", plan.county(), 50);
		require(errors, "venue", plan.venue(), 100);
		require(errors, "departments", plan.departments(), 2000);
		Instant startsAt = time(errors, "startsAt", plan.startsAt());
		Instant endsAt = time(errors, "endsAt", plan.endsAt());
		checkTiming(errors, "startsAt", "endsAt", startsAt, endsAt);
		if (plan.channels().isEmpty()) {
			errors.put("channels", "至少选择一个公告渠道");
		}
		for (String channel : plan.channels()) {
			if (!channel.matches("NEWSPAPER|RADIO|TV|WEB")) {
				errors.put("channels", "不是可选的渠道：" + channel);
			}
		}
		List<ReceptionRoom> rooms = rooms(errors, plan.rooms());
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return this.days.save(new ReceptionDay(plan.leaderName().strip(), plan.county().strip(), plan.venue().strip(),
				startsAt, endsAt, plan.channels(), plan.departments().strip(), blankToNull(plan.lawyers()), rooms, plannedBy));
	}

	@Transactional
	public void startedAs(Long dayId, String processInstanceId) {
		this.days.require(dayId).startedAs(processInstanceId);
	}

	/**
	 * Publishes the day on each chosen channel (an announcement record and an outbox notice each), in the name of
	 * the manager who acted, or of the day's planner when a timer publishes it.
	 */
	@Transactional
	public void announce(Long dayId, Announcement.Kind kind, String by) {
		ReceptionDay day = this.days.require(dayId);
		String text = switch (kind) {
			case ANNOUNCEMENT -> (day.getPostponements() > 0 ? "【改期公告】" : "【公告】") + day.getLeaderName() + "将于"
					+ TIME.withZone(BusinessClock.ZONE).format(day.getStartsAt()) + "在" + day.getCounty() + day.getVenue()
					+ "接待来访群众。即日起可预登记，现场来访同样接待。";
			case REMINDER -> "【再次公告】" + day.getLeaderName() + "接待日将于三天后（"
					+ TIME.withZone(BusinessClock.ZONE).format(day.getStartsAt()) + "）在" + day.getVenue() + "举行。";
			case CANCELLATION -> "【取消公告】原定" + TIME.withZone(BusinessClock.ZONE).format(day.getStartsAt()) + "在"
					+ day.getVenue() + "的领导接访日取消，已登记的信访事项转入日常接访办理。";
		};
		for (String channel : day.getChannels()) {
			this.announcements.save(new Announcement(dayId, kind, channel, text, by != null ? by : day.getPlannedBy()));
			this.notices.toAnnouncementDesk(dayId, channel, "接访日 RD-" + dayId + " " + kind.name(), text);
		}
		day.announced();
	}

	@Transactional
	public void investigated(Long dayId, String notes, int knownCases) {
		this.days.require(dayId).investigated(notes, knownCases);
	}

	/** Refuses a change of date that breaks the timing rules; answers the parsed times. */
	public Instant[] checkPostponement(String startsAt, String endsAt) {
		Map<String, String> errors = new LinkedHashMap<>();
		Instant start = time(errors, "newStartsAt", startsAt);
		Instant end = time(errors, "newEndsAt", endsAt);
		checkTiming(errors, "newStartsAt", "newEndsAt", start, end);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return new Instant[] { start, end };
	}

	@Transactional
	public void postpone(Long dayId, String startsAt, String endsAt, String reason) {
		Instant[] times = checkPostponement(startsAt, endsAt);
		ReceptionDay day = this.days.require(dayId);
		day.postpone(times[0], times[1]);
		for (PetitionCase petitionCase : registeredFor(dayId)) {
			this.notices.toPetitioner(petitionCase, NoticeKind.RECEPTION_DAY, "接访日改期：" + petitionCase.getCaseNumber(),
					"您登记参加的领导接访日改为 " + TIME.withZone(BusinessClock.ZONE).format(times[0]) + "，地点"
							+ day.getVenue() + "。原因：" + reason);
		}
	}

	@Transactional
	public void cancel(Long dayId, String reason, String by) {
		announce(dayId, Announcement.Kind.CANCELLATION, by);
		ReceptionDay day = this.days.require(dayId);
		day.cancel();
		for (PetitionCase petitionCase : registeredFor(dayId)) {
			this.notices.toPetitioner(petitionCase, NoticeKind.RECEPTION_DAY, "接访日取消：" + petitionCase.getCaseNumber(),
					"您登记参加的领导接访日取消，原因：" + reason + "。您的信访事项 " + petitionCase.getCaseNumber() + " 转入日常接访办理。");
		}
		this.runtime.createMessageCorrelation(MESSAGE_DAY_CANCELLED)
			.processInstanceVariableEquals(RECEPTION_DAY_ID, dayId)
			.correlateAllWithResult();
	}

	/**
	 * The day begins: every case waiting for it goes on to its reception, each in a transaction of its own that the
	 * job executor takes (the diagram's asynchronous continuation after the message), so that the day's start stays
	 * one short transaction however many cases are registered, the nodes share the cases, and a case that fails
	 * waits as an incident of its own instead of holding up the day and the others. Answers how many cases were
	 * waiting.
	 */
	@Transactional
	public int open(Long dayId) {
		this.days.require(dayId).open();
		return this.runtime.createMessageCorrelation(MESSAGE_DAY_STARTED)
			.processInstanceVariableEquals(RECEPTION_DAY_ID, dayId)
			.correlateAllWithResult()
			.size();
	}

	@Transactional
	public void followUp(Long dayId) {
		this.days.require(dayId).followUp();
	}

	@Transactional
	public void accountedFor(Long dayId) {
		this.days.require(dayId).accountedFor();
	}

	/** The day a petition registers for must be announced and not yet over; answers it. */
	public ReceptionDay openForRegistration(Long dayId, String field) {
		ReceptionDay day = this.days.findById(dayId)
			.orElseThrow(() -> new InvalidInputException(field, "没有这个接访日：" + dayId));
		if (!day.isOpenForRegistration() || BusinessClock.now().isAfter(day.getEndsAt())) {
			throw new InvalidInputException(field, "接访日 RD-" + dayId + " 不在登记期（" + day.getStatus().label() + "）");
		}
		return day;
	}

	/**
	 * Seats a case registered for a day: the day's room for its category (else the table's) and the room's next
	 * queue number. Registrations for the same day arrive at once (registrars' desks, the public API), so the day is
	 * locked until the registration commits: the next one counts this case's number in, instead of taking it too.
	 */
	@Transactional
	public boolean seat(PetitionCase petitionCase, String tableRoom) {
		ReceptionDay day = this.days.lock(petitionCase.getReceptionDayId());
		String room = day.roomFor(petitionCase.getCategory()).map(ReceptionRoom::name).orElse(tableRoom);
		int queue = this.cases.maxQueueNumber(day.getId(), room) + 1;
		petitionCase.seated(room, queue);
		return day.getStatus() == ReceptionDayStatus.ANNOUNCED;
	}

	List<PetitionCase> registeredFor(Long dayId) {
		return this.cases.findByReceptionDayIdAndStatusNot(dayId, CaseStatus.CLOSED);
	}

	private List<ReceptionRoom> rooms(Map<String, String> errors, String text) {
		List<ReceptionRoom> rooms = new ArrayList<>();
		List<Category> known = this.categories.all();
		if (text == null || text.isBlank()) {
			for (int i = 0; i < known.size(); i++) {
				rooms.add(new ReceptionRoom("第" + (i + 1) + "接待室（" + known.get(i).name() + "）", known.get(i).code()));
			}
			return rooms;
		}
		List<String> codes = known.stream().map(Category::code).toList();
		for (String line : text.split("\\R")) {
			if (line.isBlank()) {
				continue;
			}
			String[] parts = line.split("[:：]", 2);
			if (parts.length < 2 || parts[0].isBlank()) {
				errors.put("rooms", "每行应为“接待室：类别代码,类别代码”：" + line.strip());
				continue;
			}
			List<String> categories = new ArrayList<>();
			for (String code : parts[1].split("[,，、\\s]+")) {
				if (code.isBlank()) {
					continue;
				}
				if (!codes.contains(code.strip())) {
					errors.put("rooms", "没有这个信访类别：" + code.strip());
				}
				categories.add(code.strip());
			}
			rooms.add(new ReceptionRoom(parts[0].strip(), String.join(",", categories)));
		}
		return rooms;
	}

	private static void checkTiming(Map<String, String> errors, String startField, String endField, Instant startsAt,
			Instant endsAt) {
		if (startsAt != null) {
			Instant earliest = BusinessClock.now().plus(ANNOUNCEMENT_AHEAD);
			if (startsAt.isBefore(earliest)) {
				errors.put(startField, "须至少提前10天公告：最早 " + TIME.withZone(BusinessClock.ZONE).format(earliest));
			}
		}
		if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
			errors.put(endField, "应晚于开始时间");
		}
	}

	private static Instant time(Map<String, String> errors, String field, String text) {
		if (text == null || text.isBlank()) {
			errors.put(field, "必填");
			return null;
		}
		try {
			return LocalDateTime.parse(text.strip().replace('T', ' '), TIME).atZone(BusinessClock.ZONE).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.put(field, "格式应为 2026-12-10 09:00");
			return null;
		}
	}

	private static void require(Map<String, String> errors, String field, String value, int maxLength) {
		if (value == null || value.isBlank()) {
			errors.put(field, "必填");
		}
		else if (value.length() > maxLength) {
			errors.put(field, "不能超过 " + maxLength + " 个字");
		}
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	/** What a manager plans: the form's fields. */
	public record DayPlan(String leaderName, String county, String venue, String startsAt, String endsAt,
			List<String> channels, String rooms, String departments, String lawyers) {
	}

}
