package org.pujiang.demo;

import static org.pujiang.petition.PetitionCaseProcess.*;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.pujiang.Roles;
import org.pujiang.handling.Assignment;
import org.pujiang.handling.Handling;
import org.pujiang.petition.BusinessClock;
import org.pujiang.petition.Outcome;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.receptionday.DayReport;
import org.pujiang.receptionday.DayReports;
import org.pujiang.receptionday.ReceptionDays;
import org.pujiang.registration.ResidentIdValidator;
import org.pujiang.routing.Categories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Replays the first Pujiang reception day, 18 September 2003, on the engine with simulated time: announced 10
 * days ahead and again 3 days ahead, 429 pre-registered batches and 7 walk-ins (436 batches, 667 person-visits) in
 * 14 rooms, 91 solved on the spot, 324 assigned and 21 definitive answers; then the follow-up day by day —
 * reports in time and late, supervision, extensions, reports sent back, return visits with a satisfaction mix —
 * until every case is closed and the final report is made. Every figure it prints is counted from what it stored.
 */
@Component
@Profile("replay")
@Order(3)
class FirstPujiangDay implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstPujiangDay.class);

	static final int YEAR = 2003;

	static final ZonedDateTime DAY = day(YEAR);

	static final int PRE_REGISTERED = 429;

	static final int WALK_INS = 7;

	static final int PERSON_VISITS = 667;

	static final int SOLVED_ON_THE_SPOT = 91;

	static final int ASSIGNED = 324;

	static final int DEFINITIVE_ANSWERS = 21;

	/** How often each category came, roughly as the seeds report: land, demolition and restructuring first. */
	private static final Map<String, Integer> WEIGHTS = Map.ofEntries(Map.entry("LAND_REQUISITION", 14),
			Map.entry("DEMOLITION", 10), Map.entry("ENTERPRISE_RESTRUCTURING", 8), Map.entry("LABOUR_WAGES", 8),
			Map.entry("SOCIAL_SECURITY", 7), Map.entry("ROADS_TRANSPORT", 6), Map.entry("WATER_RESERVOIRS", 5),
			Map.entry("ENVIRONMENT", 6), Map.entry("RURAL_AFFAIRS", 7), Map.entry("URBAN_CONSTRUCTION", 6),
			Map.entry("EDUCATION_HEALTH", 5), Map.entry("CIVIL_AFFAIRS", 5), Map.entry("LAW_RELATED", 6),
			Map.entry("ACCUSATION", 3));

	private static final String[] SURNAMES = { "张", "王", "李", "赵", "陈", "刘", "杨", "黄", "吴", "周", "徐", "孙", "朱", "胡",
			"郑", "何", "楼", "傅", "蒋", "方" };

	private static final String[] GIVEN = { "建国", "秀英", "国华", "美兰", "志强", "桂芳", "卫东", "丽娟", "海明", "春花", "永福",
			"小平", "金龙", "雪梅", "根土", "菊仙" };

	private final Desk desk;

	private final ReceptionDays days;

	private final DayReports reports;

	private final PetitionCaseRepository cases;

	private final Handling handling;

	private final Categories categories;

	private final TaskService tasks;

	private final HistoryService history;

	private final ConfigurableApplicationContext context;

	/** {@code pujiang.replay.exit-when-done}: close the application after the final report (for timing it). */
	private final boolean exitWhenDone;

	/**
	 * {@code pujiang.replay.rehearsals}: how many times the same day is replayed first, a year earlier each, in the
	 * same JVM (default none): the timed replay then runs on a JVM whose JIT compiler has seen the work, as a server
	 * that has been in service would. Only the replay of 2003 is timed and reported.
	 */
	private final int rehearsals;

	/** Per case (by process instance): its place in the day, and what happens to it afterwards. */
	private final Map<String, Integer> index = new ConcurrentHashMap<>();

	private final Map<String, Instant> answeredAt = new ConcurrentHashMap<>();

	private final Set<String> sentBack = ConcurrentHashMap.newKeySet();

	private final Set<String> extensionRequested = ConcurrentHashMap.newKeySet();

	private final Set<String> visitedOnce = ConcurrentHashMap.newKeySet();

	/** Per open handling task (by task id): what its unit will do, and when. */
	private final Map<String, Handled> handlingPlans = new ConcurrentHashMap<>();

	/**
	 * {@code pujiang.replay.workers}: how many staff work side by side (default: one for each of the machine's cores):
	 * registrars at their desks, the rooms receiving at once, units and the bureau on their follow-up tasks. Each works
	 * on their own clock; the figures are the same however many they are.
	 */
	private final int workers;

	private final ReplayClock clock = new ReplayClock();

	private final List<Thread> staffThreads = new CopyOnWriteArrayList<>();

	/** The wall time the replaying thread has spent waiting for staff working side by side. */
	private long sideBySideNanos;

	/** Category names by code, read once a replay. */
	private Map<String, String> categoryNames;

	private List<Outcome> outcomes;

	FirstPujiangDay(Desk desk, ReceptionDays days, DayReports reports, PetitionCaseRepository cases, Handling handling,
			Categories categories, TaskService tasks, HistoryService history, ConfigurableApplicationContext context,
			@Value("${pujiang.replay.exit-when-done:false}") boolean exitWhenDone,
			@Value("${pujiang.replay.rehearsals:0}") int rehearsals,
			@Value("${pujiang.replay.workers:#{T(java.lang.Runtime).getRuntime().availableProcessors()}}") int workers) {
		this.desk = desk;
		this.days = days;
		this.reports = reports;
		this.cases = cases;
		this.handling = handling;
		this.categories = categories;
		this.tasks = tasks;
		this.history = history;
		this.context = context;
		this.exitWhenDone = exitWhenDone;
		this.rehearsals = rehearsals;
		if (workers < 1) {
			throw new IllegalArgumentException("pujiang.replay.workers must be at least 1, not " + workers);
		}
		this.workers = workers;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean replayed = this.history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKeyLike("RD-%")
			.startedBefore(Date.from(DAY.plusDays(1).toInstant()))
			.count() > 0;
		if (replayed) {
			log.info("The first Pujiang day was replayed before; not again.");
		}
		else {
			replayAndReport();
		}
		if (this.exitWhenDone) {
			System.exit(SpringApplication.exit(this.context, (ExitCodeGenerator) () -> 0));
		}
	}

	private void replayAndReport() {
		ExecutorService staff = Executors.newFixedThreadPool(this.workers, (work) -> {
			Thread thread = new Thread(work, "replay-staff-" + (this.staffThreads.size() + 1));
			thread.setDaemon(true);
			this.staffThreads.add(thread);
			return thread;
		});
		try {
			this.clock.install();
			replayAndReport(staff);
		}
		finally {
			staff.shutdownNow();
			ClockUtil.reset();
		}
	}

	private void replayAndReport(ExecutorService staff) {
		for (int year = YEAR - this.rehearsals; year < YEAR; year++) {
			long rehearsed = System.nanoTime();
			replay(year, staff);
			log.info("replay: rehearsal of {}-09-18 in {} s", year,
					String.format("%.1f", (System.nanoTime() - rehearsed) / 1e9));
		}
		long started = System.nanoTime();
		long cpuStarted = replayCpu();
		Long dayId = replay(YEAR, staff);
		String report = "\n== 2003-09-18 浦江县领导下访接待日：当日统计 ==\n" + this.reports.describe(dayId, DayReport.Kind.DAY)
				+ "\n== 终结报告 ==\n" + this.reports.describe(dayId, DayReport.Kind.FINAL);
		double seconds = (System.nanoTime() - started) / 1e9;
		double cpuSeconds = (replayCpu() - cpuStarted) / 1e9;
		System.out.println(report + String.format("重放用时 %.1f 秒%n", seconds));
		// The replay's own CPU time tells its cost apart from waiting for a busy machine (or for the other worker).
		log.info("replay: announcement to final report in {} s ({} s CPU in the replaying threads, {} worker(s))",
				String.format("%.1f", seconds), String.format("%.1f", cpuSeconds), this.workers);
	}

	/** CPU time of the whole JVM (the JIT compilers and the garbage collector too), in nanoseconds. */
	private static long jvmCpu() {
		return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
				? os.getProcessCpuTime() : 0;
	}

	/** CPU time of the threads that replay, in nanoseconds: this one and the staff's. */
	private long replayCpu() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long cpu = threads.getCurrentThreadCpuTime();
		for (Thread worker : this.staffThreads) {
			cpu += Math.max(0, threads.getThreadCpuTime(worker.getId()));
		}
		return cpu;
	}

	/** The reception day of 18 September of that year, at 9. */
	static ZonedDateTime day(int year) {
		return ZonedDateTime.of(year, 9, 18, 9, 0, 0, 0, BusinessClock.ZONE);
	}

	/** The first day's replay, dated in the year given (2003 but for rehearsals); answers the reception day's id. */
	Long replay(int year, ExecutorService staff) {
		ZonedDateTime planned = ZonedDateTime.of(year, 9, 8, 8, 30, 0, 0, BusinessClock.ZONE);
		ZonedDateTime day = day(year);
		this.index.clear();
		this.answeredAt.clear();
		this.sentBack.clear();
		this.extensionRequested.clear();
		this.visitedOnce.clear();
		this.handlingPlans.clear();
		this.categoryNames = this.categories.all()
			.stream()
			.collect(Collectors.toMap(Categories.Category::code, Categories.Category::name));
		clock(planned.toInstant());
		ProcessInstance receptionDay = this.desk.start("ReceptionDay", Roles.MANAGER, plan(day));
		Long dayId = (Long) this.desk.variable(receptionDay.getId(), "receptionDayId");
		List<Integer> persons = persons();
		List<String> categories = categories();
		this.outcomes = outcomes();

		Phases phases = new Phases(year);
		// Ten days of pre-registration; the reminder announcement goes out on the way.
		Duration registrationWindow = Duration.between(planned, day.minusHours(15));
		// Registrars work side by side in rounds; the due jobs run between rounds.
		int round = this.workers == 1 ? 1 : 4 * this.workers;
		for (int first = 0; first < PRE_REGISTERED; first += round) {
			List<Runnable> registrations = new ArrayList<>();
			for (int i = first; i < Math.min(first + round, PRE_REGISTERED); i++) {
				Instant at = planned.toInstant().plusSeconds(60)
					.plus(registrationWindow.multipliedBy(i).dividedBy(PRE_REGISTERED));
				if (i == first) {
					clock(at);
					runDueJobs(staff);
				}
				if (i == 40) {
					this.desk.complete(receptionDay.getId(), "Task_PreVisitInvestigation", Roles.LOCALITY,
							Map.of("investigationNotes", "全县逐村摸排，已知信访案件逐件建档", "knownCases", 120));
				}
				int n = i;
				registrations.add(() -> this.clock.at(at,
						() -> register(n, dayId, persons.get(n), categories.get(n), "PRE_REGISTRATION")));
			}
			sideBySide(staff, registrations);
		}

		phases.done("pre-registration");
		// The day: it opens at 9, walk-ins are registered at the venue, every batch is received.
		clock(day.toInstant());
		runDueJobs(staff);
		for (int i = PRE_REGISTERED; i < PRE_REGISTERED + WALK_INS; i++) {
			clock(day.toInstant().plus(Duration.ofMinutes(5L * (i - PRE_REGISTERED))));
			register(i, dayId, persons.get(i), categories.get(i), "WALK_IN");
		}
		List<String> received = new ArrayList<>(this.index.keySet());
		received.sort((a, b) -> this.index.get(a) - this.index.get(b));
		// The rooms receive side by side, each batch at its own time.
		List<Runnable> receptions = new ArrayList<>();
		for (String instance : received) {
			int i = this.index.get(instance);
			Instant at = day.toInstant().plus(Duration.ofMinutes(40)).plus(Duration.ofSeconds(60L * i));
			receptions.add(() -> this.clock.at(at, () -> receive(instance, i)));
		}
		sideBySide(staff, receptions);
		clock(day.plusHours(9).toInstant());
		runDueJobs(staff);

		phases.done("the reception day");
		// Follow-up, day by day, until every case is closed and the final report is made.
		ZonedDateTime today = day.plusDays(1).withHour(10);
		for (int n = 0; n < 400 && this.desk.isActive(receptionDay.getId()); n++, today = today.plusDays(1)) {
			clock(today.toInstant());
			runDueJobs(staff);
			followUp(today.toInstant(), staff);
		}
		phases.done("follow-up to the final report");
		return dayId;
	}

	/** Logs how long each part of a replay took: wall time, CPU time of the replaying threads and of the JVM. */
	private final class Phases {

		private final int year;

		private long wall = System.nanoTime();

		private long cpu = replayCpu();

		private long jvm = jvmCpu();

		private long sideBySide = FirstPujiangDay.this.sideBySideNanos;

		private int jobs = FirstPujiangDay.this.desk.jobsRun();

		private int jobsAgain = FirstPujiangDay.this.desk.jobsRunAgain();

		Phases(int year) {
			this.year = year;
		}

		void done(String phase) {
			long wallNow = System.nanoTime();
			long cpuNow = replayCpu();
			long jvmNow = jvmCpu();
			long sideBySideNow = FirstPujiangDay.this.sideBySideNanos;
			int jobsNow = FirstPujiangDay.this.desk.jobsRun();
			int jobsAgainNow = FirstPujiangDay.this.desk.jobsRunAgain();
			// With several staff, what the replaying thread does alone (each day's task list, the walk-ins) leaves
			// the other cores to the JIT compiler or idle.
			log.info("replay of {}: {} in {} s ({} s CPU in the replaying threads, {} s in the whole JVM; {} s with staff "
					+ "side by side, {} s on the replaying thread alone, {} due jobs run, {} of them again after the "
					+ "engine's optimistic locking)", this.year, phase,
					String.format("%.1f", (wallNow - this.wall) / 1e9), String.format("%.1f", (cpuNow - this.cpu) / 1e9),
					String.format("%.1f", (jvmNow - this.jvm) / 1e9),
					String.format("%.1f", (sideBySideNow - this.sideBySide) / 1e9),
					String.format("%.1f", (wallNow - this.wall - (sideBySideNow - this.sideBySide)) / 1e9),
					jobsNow - this.jobs, jobsAgainNow - this.jobsAgain);
			this.wall = wallNow;
			this.cpu = cpuNow;
			this.jvm = jvmNow;
			this.sideBySide = sideBySideNow;
			this.jobs = jobsNow;
			this.jobsAgain = jobsAgainNow;
		}

	}

	private void register(int i, Long dayId, int persons, String category, String channel) {
		String first17 = String.format("330726%04d%02d%02d%03d", 1930 + i % 55, 1 + i % 12, 1 + i % 28, i % 1000);
		Map<String, Object> form = new HashMap<>();
		form.put(PETITIONER_NAME, SURNAMES[i % SURNAMES.length] + GIVEN[(i / SURNAMES.length) % GIVEN.length]);
		form.put(RESIDENT_ID, first17 + ResidentIdValidator.checkCharacter(first17));
		form.put(PHONE, String.format("138%08d", 20030000 + i));
		form.put(PERSONS_COUNT, persons);
		form.put(CATEGORY, category);
		form.put(CHANNEL, channel);
		form.put(SUMMARY, "第" + (i + 1) + "批：" + name(category) + "问题");
		form.put(REQUEST, "请求领导协调解决" + name(category) + "问题");
		form.put(RECEPTION_DAY_ID, dayId);
		ProcessInstance instance = this.desk.register(Roles.REGISTRAR, form);
		this.index.put(instance.getId(), i);
	}

	private void receive(String instance, int i) {
		if (this.desk.has(instance, GIVE_LEGAL_OPINION, Roles.LAWYER)) {
			this.desk.complete(instance, GIVE_LEGAL_OPINION, Roles.LAWYER, Map.of(LEGAL_OPINION, "依法依规提出处理意见"));
		}
		PetitionCase petitionCase = caseOf(instance);
		Outcome outcome = this.outcomes.get(i);
		Map<String, Object> form = new HashMap<>();
		form.put(RECEPTION_NOTES, "听取" + petitionCase.getPersonsCount() + "人反映" + name(petitionCase.getCategory()) + "问题");
		form.put(OUTCOME, outcome.name());
		if (outcome == Outcome.SOLVED_ON_THE_SPOT) {
			form.put(DECISION, "当场拍板解决");
		}
		if (outcome == Outcome.ASSIGNED) {
			List<String> candidates = petitionCase.unitCandidateCodes();
			form.put(ASSIGNED_UNITS, i % 9 == 0 && candidates.size() > 1 ? candidates : candidates.subList(0, 1));
			form.put(RESPONSIBLE_PERSON, "责任单位主要负责人");
		}
		this.desk.complete(instance, RECEIVE_PETITIONER, Roles.LEADER, form);
	}

	/**
	 * Everything staff do on one day of the follow-up: the day's open tasks, a case's tasks one after the other (the
	 * units of a case assigned to several report to the same case), different cases side by side.
	 */
	private void followUp(Instant today, ExecutorService staff) {
		Map<String, List<Task>> byCase = new LinkedHashMap<>();
		for (Task task : this.tasks.createTaskQuery().processDefinitionKey(PROCESS_ID).active().list()) {
			if (this.index.containsKey(task.getProcessInstanceId())) {
				byCase.computeIfAbsent(task.getProcessInstanceId(), (k) -> new ArrayList<>()).add(task);
			}
		}
		List<Runnable> work = new ArrayList<>();
		byCase.forEach((instance, open) -> work
			.add(() -> this.clock.at(today, () -> open.forEach((task) -> work(task, today)))));
		sideBySide(staff, work);
	}

	/** One open task of a case, worked on one day of the follow-up (or left for a later day). */
	private void work(Task task, Instant today) {
		String instance = task.getProcessInstanceId();
		int i = this.index.get(instance);
		Random plan = new Random(2003L * 1000 + i);
		switch (task.getTaskDefinitionKey()) {
			case HANDLE_CASE -> handle(task, instance, plan, today);
			case REVIEW_EXTENSION -> this.desk.complete(task, Roles.SUPERVISOR,
					Map.of(EXTENSION_DECISION, "APPROVED", EXTENSION_COMMENT, "情况复杂，同意延期"));
			case SUPERVISE -> this.desk.complete(task, Roles.SUPERVISOR,
					Map.of(SUPERVISION_MEASURE, "URGE", SUPERVISION_NOTES, "已督促责任单位限期报结"));
			case VERIFY_REPORT -> verify(task, instance, i);
			case DRAFT_ANSWER -> this.desk.complete(task, caseOf(instance).isLawyerRequired()
					? Roles.LAWYER : Roles.REGISTRAR, Map.of(ANSWER_FORM, "EXPLAINED", ANSWER_TEXT,
							"诉求虽有一定合理性，但缺乏政策依据，已向信访人解释清楚", ANSWER_BASIS, "《信访条例》及相关政策规定"));
			case APPROVE_ANSWER -> this.desk.complete(task, Roles.LEADER,
					Map.of(ANSWER_APPROVAL, "APPROVED"));
			case RETURN_VISIT -> visit(task, instance, i, plan, today);
			case RECEIVE_PETITIONER -> receive(instance, i);
			default -> {
			}
		}
	}

	/**
	 * Most units report well within the term; some late (supervised), some after an extension. What a unit does with
	 * a handling task, and when, is settled when the task is first seen: its assignment is read once, not every day.
	 */
	private void handle(Task task, String instance, Random plan, Instant today) {
		Handled handled = this.handlingPlans.computeIfAbsent(task.getId(), (id) -> plan(task, instance, plan));
		if (today.isBefore(handled.at())) {
			return;
		}
		this.handlingPlans.remove(task.getId());
		if (handled.extension()) {
			this.extensionRequested.add(instance + handled.unit());
			this.desk.complete(task, handled.unit(), Map.of(HANDLING_ACTION, "EXTENSION", EXTENSION_DAYS, 15,
					EXTENSION_REASON, "涉及多个部门，需联合会商"));
			return;
		}
		this.desk.complete(task, handled.unit(), Map.of(HANDLING_ACTION, "REPORT", HANDLING_REPORT,
				"已调查核实并依法依规处理，处理结果已书面答复信访人"));
	}

	private Handled plan(Task task, String instance, Random plan) {
		String unit = (String) this.tasks.getVariable(task.getId(), UNIT);
		Assignment assignment = this.handling.assignment(caseOf(instance).getId(), unit);
		Duration term = Duration.between(assignment.getAssignedAt(), assignment.getDeadline());
		int kind = plan.nextInt(100);
		Instant reportAt;
		if (kind < 5 && assignment.getHandlingRound() == 1) {
			if (!this.extensionRequested.contains(instance + unit)) {
				return new Handled(unit, true, assignment.getDeadline().minus(Duration.ofDays(5)));
			}
			reportAt = assignment.getDeadline().minus(Duration.ofDays(3));
		}
		else if (kind < 15) {
			reportAt = assignment.getDeadline().plus(Duration.ofDays(2 + plan.nextInt(7)));
		}
		else {
			reportAt = assignment.getAssignedAt().plus(term.multipliedBy(20 + plan.nextInt(60)).dividedBy(100));
		}
		if (assignment.getSentBackReason() != null) {
			reportAt = assignment.getReportedAt().plus(Duration.ofDays(5));
		}
		return new Handled(unit, false, reportAt);
	}

	/** A unit's handling task: from when on it acts, and whether it asks for an extension or reports. */
	private record Handled(String unit, boolean extension, Instant at) {
	}

	private void verify(Task task, String instance, int i) {
		if (i % 25 == 3 && this.sentBack.add(instance)) {
			this.desk.complete(task, Roles.REGISTRAR,
					Map.of(VERIFICATION, "SENT_BACK", SENT_BACK_REASON, "答复未说明政策依据，请补充"));
			return;
		}
		this.desk.complete(task, Roles.REGISTRAR, Map.of(VERIFICATION, "ACCEPTED"));
	}

	/** Three days after the answer; most are satisfied, a few are not the first time. */
	private void visit(Task task, String instance, int i, Random plan, Instant today) {
		Instant answered = this.answeredAt.computeIfAbsent(instance, (k) -> today);
		if (today.isBefore(answered.plus(Duration.ofDays(3)))) {
			return;
		}
		int mood = plan.nextInt(100);
		boolean first = this.visitedOnce.add(instance);
		String satisfaction = first && mood < 6 ? "DISSATISFIED" : mood % 7 == 0 ? "BASICALLY_SATISFIED" : "SATISFIED";
		this.desk.complete(task, Roles.RETURN_VISIT, Map.of(RETURN_VISIT_METHOD, i % 4 == 0 ? "VISIT" : "PHONE",
				SATISFACTION, satisfaction, RETURN_VISIT_COMMENT, "DISSATISFIED".equals(satisfaction) ? "问题没有彻底解决" : "对处理结果认可"));
		this.answeredAt.remove(instance);
	}

	private Map<String, Object> plan(ZonedDateTime day) {
		Map<String, Object> plan = new HashMap<>();
		plan.put("leaderName", "省委主要领导");
		plan.put("county", "浦江县");
		plan.put("venue", "浦江中学");
		plan.put("startsAt", day.toLocalDate() + " 09:00");
		plan.put("endsAt", day.toLocalDate() + " 18:00");
		plan.put("channels", List.of("NEWSPAPER", "RADIO", "TV"));
		plan.put("rooms", "");
		plan.put("departments", "省级15个部门，金华市、浦江县领导");
		plan.put("lawyers", "陪访律师4名");
		return plan;
	}

	/** 436 batches whose head count adds up to 667, a few of them collective visits. */
	static List<Integer> persons() {
		int batches = PRE_REGISTERED + WALK_INS;
		List<Integer> persons = new ArrayList<>(Collections.nCopies(batches, 1));
		int extra = PERSON_VISITS - batches;
		for (int i = 0; extra > 0; i = (i + 7) % batches) {
			int add = i % 35 == 0 ? Math.min(6, extra) : 1;
			persons.set(i, persons.get(i) + add);
			extra -= add;
		}
		return persons;
	}

	static List<Outcome> outcomes() {
		List<Outcome> outcomes = new ArrayList<>();
		outcomes.addAll(Collections.nCopies(SOLVED_ON_THE_SPOT, Outcome.SOLVED_ON_THE_SPOT));
		outcomes.addAll(Collections.nCopies(ASSIGNED, Outcome.ASSIGNED));
		outcomes.addAll(Collections.nCopies(DEFINITIVE_ANSWERS, Outcome.DEFINITIVE_ANSWER));
		Collections.shuffle(outcomes, new Random(20030918L));
		return outcomes;
	}

	private List<String> categories() {
		List<String> pool = new ArrayList<>();
		WEIGHTS.entrySet().stream().sorted(Map.Entry.comparingByKey())
			.forEach((e) -> pool.addAll(Collections.nCopies(e.getValue(), e.getKey())));
		Collections.shuffle(pool, new Random(2003L));
		List<String> categories = new ArrayList<>();
		for (int i = 0; i < PRE_REGISTERED + WALK_INS; i++) {
			categories.add(pool.get(i % pool.size()));
		}
		return categories;
	}

	private String name(String category) {
		return this.categoryNames.getOrDefault(category, category);
	}

	private PetitionCase caseOf(String instance) {
		return this.cases.findByProcessInstanceId(instance).orElseThrow();
	}

	/**
	 * Executes every job that is due at the engine's current time, including those that executing creates, as the job
	 * executor's threads would: a process instance's jobs one after the other, different instances' side by side (the
	 * cases that the day's start releases, each going on in its own transaction).
	 */
	private void runDueJobs(ExecutorService staff) {
		List<Job> due;
		while (!(due = this.desk.dueJobs()).isEmpty()) {
			Map<String, List<Job>> byInstance = new LinkedHashMap<>();
			for (Job job : due) {
				byInstance.computeIfAbsent(job.getProcessInstanceId() == null ? job.getId() : job.getProcessInstanceId(),
						(instance) -> new ArrayList<>())
					.add(job);
			}
			List<Runnable> work = new ArrayList<>();
			byInstance.values().forEach((jobs) -> work.add(() -> jobs.forEach(this.desk::run)));
			sideBySide(staff, work);
		}
	}

	/** Moves the clock that the engine and everyone without a time of their own see. */
	private void clock(Instant instant) {
		this.clock.set(instant);
	}

	/** Does the work on the staff's threads, one piece after another with one worker, and waits for all of it. */
	private void sideBySide(ExecutorService staff, List<Runnable> work) {
		long started = System.nanoTime();
		try {
			sideBySideNow(staff, work);
		}
		finally {
			this.sideBySideNanos += System.nanoTime() - started;
		}
	}

	private void sideBySideNow(ExecutorService staff, List<Runnable> work) {
		if (this.workers == 1) {
			work.forEach(Runnable::run);
			return;
		}
		List<Future<?>> done = work.stream().<Future<?>>map(staff::submit).toList();
		try {
			for (Future<?> piece : done) {
				piece.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("replay interrupted", ex);
		}
		catch (ExecutionException ex) {
			done.forEach((piece) -> piece.cancel(true));
			throw ex.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex.getCause());
		}
	}


}
