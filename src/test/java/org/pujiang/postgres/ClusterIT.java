package org.pujiang.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.pujiang.postgres.Node.Answer;
import org.pujiang.registration.ResidentIdValidator;

/**
 * Two nodes, one PostgreSQL: the packaged jar started twice (separate JVMs, job executor and notice dispatcher on
 * both) against a database of its own, with an SMTP server here that counts what the nodes send. In order:
 * <ol>
 * <li>two leaders complete the same reception at once, one on each node: one wins, the other is told plainly;</li>
 * <li>under a steady load of registrations and receptions, one node is killed with SIGKILL and started again:
 * every acknowledged registration is there once, every case stands at its step, every notice went out once;</li>
 * <li>both nodes are restarted days later (a clock offset): the deadlines, reminders and the reception days'
 * announcements fall due while both run; every timer fires once, on one node or the other;</li>
 * <li>four desks register cases for a reception day at once on both nodes: each takes a seat of its own; the day's
 * start, brought forward, sends every case on (to its reception, or first to the lawyer) in a job of its own,
 * run once.</li>
 * </ol>
 * Everything is counted from the database and the mail server afterwards. Skipped when no PostgreSQL answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

	static final String LEADER = "leader";

	static final String SECOND_LEADER = "leader2";

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	static PostgresDatabase database;

	static GreenMail mail;

	static Path jar;

	static Path logs;

	static Node a;

	static Node b;

	/** Cases assigned in the first test: their deadlines and reminders fall due in the third. */
	static final List<String> assignedCases = new ArrayList<>();

	static final List<Long> receptionDays = new ArrayList<>();

	@BeforeAll
	static void startCluster() throws Exception {
		database = PostgresDatabase.createOrSkip();
		jar = Path.of(System.getProperty("pujiang.jar", "target/pujiang-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
		assertThat(jar).as("the packaged application (mvn verify packages it before the ITs)").exists();
		logs = Files.createDirectories(Path.of("target", "cluster-it"));
		try (var files = Files.list(logs)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		mail.start();
		a = new Node("node-a", freePort(), logs);
		b = new Node("node-b", freePort(), logs);
		// The first node creates the schema and the demo users; the second joins it.
		a.start(jar, database.url(), mail.getSmtp().getPort(), Duration.ZERO).awaitUp();
		b.start(jar, database.url(), mail.getSmtp().getPort(), Duration.ZERO).awaitUp();
		Answer created = a.post("/engine-rest/user/create", "admin", Map.of("profile",
				Map.of("id", SECOND_LEADER, "firstName", "副", "lastName", "县长", "email", "leader2@pujiang.local"),
				"credentials", Map.of("password", "demo")));
		assertThat(created.status()).as(created.body()).isEqualTo(204);
		assertThat(a.call("PUT", "/engine-rest/group/leader/members/" + SECOND_LEADER, "admin", null, Map.of()).status())
			.isEqualTo(204);
	}

	@AfterAll
	static void stopCluster() throws Exception {
		for (Node node : new Node[] { a, b }) {
			if (node != null) {
				node.stop();
			}
		}
		if (mail != null) {
			mail.stop();
		}
		if (database != null) {
			database.close();
		}
	}

	@Test
	@Order(1)
	void twoLeadersOnTwoNodesCompleteTheSameReceptionAndOneIsToldItWasTaken() throws Exception {
		int rounds = 16;
		ExecutorService staff = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < rounds; round++) {
				String key = "cluster-" + round;
				String caseNumber = register(round % 2 == 0 ? a : b, key, petition(key, "ENVIRONMENT")).json()
					.get("caseNumber")
					.asText();
				String taskId = taskId(a, LEADER, caseNumber, "Task_ReceivePetitioner");
				Map<String, Object> form = variables(Map.of("receptionNotes", "接访记录", "outcome", "ASSIGNED",
						"decision", "交环保分局办理", "assignedUnits", List.of("unit-environment"), "responsiblePerson", "分局长",
						"deadlineDays", 7));
				CyclicBarrier together = new CyclicBarrier(2);
				Future<Answer> first = staff.submit(() -> {
					together.await();
					return a.post("/engine-rest/task/" + taskId + "/submit-form", LEADER, form);
				});
				Future<Answer> second = staff.submit(() -> {
					together.await();
					return b.post("/engine-rest/task/" + taskId + "/submit-form", SECOND_LEADER, form);
				});
				List<Answer> answers = List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));
				assertThat(answers).extracting(Answer::status).as(answers.toString()).containsExactlyInAnyOrder(204, 409);
				Answer conflict = answers.stream().filter((answer) -> answer.status() == 409).findFirst().orElseThrow();
				assertThat(conflict.json().get("message").asText()).contains("他人");
				assignedCases.add(caseNumber);
			}
		}
		finally {
			staff.shutdownNow();
		}

		try (Connection db = connect()) {
			for (String caseNumber : assignedCases) {
				assertThat(count(db, "select count(*) from act_hi_taskinst t join act_hi_procinst p on p.id_ = t.proc_inst_id_"
						+ " where p.business_key_ = ? and t.task_def_key_ = 'Task_ReceivePetitioner'", caseNumber))
					.as("one reception of " + caseNumber)
					.isEqualTo(1);
				assertThat(count(db, "select count(*) from assignment a join petition_case c on c.id = a.case_id"
						+ " where c.case_number = ?", caseNumber)).as("one assignment of " + caseNumber).isEqualTo(1);
				assertThat(count(db, "select count(*) from case_event e join petition_case c on c.id = e.case_id"
						+ " where c.case_number = ? and e.type = 'RECEIVED'", caseNumber))
					.as("one reception event of " + caseNumber)
					.isEqualTo(1);
				assertThat(openTasks(db, caseNumber)).containsExactly("Task_HandleCase");
			}
		}
		assertChainsIntact();

		// Two reception days, announced now, as early as the rules allow: their reminders (3 days before) fall due in
		// the third test, shortly after the deadlines of the cases above.
		ZonedDateTime startsAt = ZonedDateTime.now(java.time.ZoneId.of("Asia/Shanghai"))
			.plusDays(10)
			.plusSeconds(65)
			.truncatedTo(ChronoUnit.MINUTES);
		DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
		for (Node node : List.of(a, b)) {
			Map<String, Object> plan = Map.of("leaderName", "县长", "county", "浦江县", "venue", "浦江中学",
					"startsAt", time.format(startsAt), "endsAt", time.format(startsAt.plusHours(8)), "channels",
					List.of("NEWSPAPER", "TV"), "departments", "县级部门");
			Answer planned = node.post("/engine-rest/process-definition/key/ReceptionDay/submit-form", "manager",
					variables(plan));
			assertThat(planned.status()).as(planned.body()).isEqualTo(200);
			receptionDays.add(Long.parseLong(planned.json().get("businessKey").asText().substring("RD-".length())));
		}
	}

	@Test
	@Order(2)
	void aNodeKilledUnderLoadLosesNothingAndDuplicatesNothing() throws Exception {
		Map<String, String> acknowledged = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<String> toReceive = new ConcurrentLinkedQueue<>();
		Set<String> received = ConcurrentHashMap.newKeySet();
		AtomicBoolean loading = new AtomicBoolean(true);
		AtomicInteger retriedElsewhere = new AtomicInteger();
		ExecutorService load = Executors.newFixedThreadPool(3);
		List<Future<?>> workers = new ArrayList<>();
		for (int worker = 0; worker < 2; worker++) {
			int first = worker;
			workers.add(load.submit(() -> {
				for (int n = first; loading.get(); n += 2) {
					String key = "crash-" + n;
					// A retry sends the same body again: the same key with another body is refused, as it should be.
					Map<String, Object> petition = petition(key, "LABOUR_WAGES");
					Answer answer = onAnyNode(n, retriedElsewhere, (node) -> register(node, key, petition));
					assertThat(answer.status()).as(answer.body()).isEqualTo(201);
					acknowledged.put(key, answer.json().get("caseNumber").asText());
					if (n % 3 != 0) {
						toReceive.add(answer.json().get("caseNumber").asText());
					}
					Thread.sleep(150);
				}
				return null;
			}));
		}
		workers.add(load.submit(() -> {
			int n = 0;
			while (loading.get() || !toReceive.isEmpty()) {
				String caseNumber = toReceive.poll();
				if (caseNumber == null) {
					Thread.sleep(100);
					continue;
				}
				onAnyNode(n++, retriedElsewhere, (node) -> solveOnTheSpot(node, caseNumber));
				received.add(caseNumber);
			}
			return null;
		}));

		Thread.sleep(8_000);
		b.kill();
		int acknowledgedAtKill = acknowledged.size();
		Thread.sleep(3_000);
		b.start(jar, database.url(), mail.getSmtp().getPort(), Duration.ZERO).awaitUp();
		Thread.sleep(6_000);
		loading.set(false);
		for (Future<?> worker : workers) {
			worker.get(2, TimeUnit.MINUTES);
		}
		load.shutdown();
		System.out.printf("crash: %d registrations acknowledged (%d when node-b was killed), %d solved on the spot,"
				+ " %d calls retried on the other node%n", acknowledged.size(), acknowledgedAtKill, received.size(),
				retriedElsewhere.get());
		assertThat(acknowledged.size()).isGreaterThan(acknowledgedAtKill).isGreaterThan(20);
		assertThat(retriedElsewhere.get()).as("calls that met the dead node").isPositive();

		awaitNoticesSent();
		try (Connection db = connect()) {
			assertThat(count(db, "select count(*) from petition_case where summary like '事项 crash-%'"))
				.as("no registration lost, none stored twice")
				.isEqualTo(acknowledged.size());
			assertThat(Set.copyOf(acknowledged.values())).hasSize(acknowledged.size());
			for (Map.Entry<String, String> registration : acknowledged.entrySet()) {
				String caseNumber = registration.getValue();
				assertThat(count(db, "select count(*) from petition_case where case_number = ? and summary = ?", caseNumber,
						"事项 " + registration.getKey())).as(registration.getKey()).isEqualTo(1);
				assertThat(count(db, "select count(*) from act_hi_procinst where business_key_ = ?", caseNumber))
					.as("one process for " + caseNumber)
					.isEqualTo(1);
				assertThat(openTasks(db, caseNumber)).as("the step " + caseNumber + " stands at")
					.containsExactly(received.contains(caseNumber) ? "Task_ReturnVisit" : "Task_ReceivePetitioner");
			}
			assertThat(count(db, "select count(*) from act_ru_incident")).as("incidents").isZero();
		}
		assertChainsIntact();
		assertEveryNoticeDelivered(1);
	}

	@Test
	@Order(3)
	void daysLaterEveryTimerFiresOnceOnOneNodeOrTheOther() throws Exception {
		Instant firstDeadline;
		try (Connection db = connect(); Statement statement = db.createStatement();
				ResultSet due = statement.executeQuery("select min(a.deadline) from assignment a")) {
			due.next();
			firstDeadline = due.getTimestamp(1).toInstant();
		}
		a.stop();
		b.stop();
		// Restarted so that the first deadline is 90 s away: the reminders are overdue at once, the deadlines and the
		// reception days' reminders fall due over the next minutes, once both nodes run (a node starts in 25-65 s here).
		Duration offset = Duration.between(Instant.now(), firstDeadline).minusSeconds(90);
		Instant dueBy = dueAfter(offset);
		a.start(jar, database.url(), mail.getSmtp().getPort(), offset);
		b.start(jar, database.url(), mail.getSmtp().getPort(), offset);
		a.awaitUp();
		b.awaitUp();

		Instant until = Instant.now().plus(Duration.ofMinutes(6));
		try (Connection db = connect()) {
			while (true) {
				long remindersLeft = count(db, "select count(*) from act_ru_job where handler_type_ like 'timer%' and duedate_ <= ?",
						Timestamp.from(dueBy));
				long supervised = count(db, "select count(*) from supervision");
				long announced = count(db, "select count(*) from notice where kind = 'ANNOUNCEMENT'");
				if (remindersLeft == 0 && supervised >= assignedCases.size()
						&& announced >= 2L * 2 * receptionDays.size()) {
					break;
				}
				assertThat(Instant.now()).as("timers still due: %d, supervisions %d, announcements %d", remindersLeft,
						supervised, announced).isBefore(until);
				Thread.sleep(1_000);
			}
		}
		awaitNoticesSent();
		try (Connection db = connect()) {
			for (String caseNumber : assignedCases) {
				assertThat(noticeKinds(db, caseNumber)).as("notices of " + caseNumber)
					.containsEntry("REMINDER", 2L)
					.containsEntry("SUPERVISION", 3L);
				assertThat(count(db, "select count(*) from supervision s join assignment a on a.id = s.assignment_id"
						+ " join petition_case c on c.id = a.case_id where c.case_number = ?", caseNumber))
					.as("one supervision of " + caseNumber)
					.isEqualTo(1);
				assertThat(openTasks(db, caseNumber)).as("the unit keeps " + caseNumber + ", supervised")
					.containsExactlyInAnyOrder("Task_HandleCase", "Task_Supervise");
			}
			for (Long day : receptionDays) {
				assertThat(count(db, "select count(*) from notice where reception_day_id = ? and kind = 'ANNOUNCEMENT'", day))
					.as("announced and reminded on two channels, day " + day)
					.isEqualTo(4);
			}
			// Every timer job that ran succeeded once and only once, whichever node ran it.
			Map<String, Long> byNode = new TreeMap<>();
			long duplicated = 0;
			long timers = 0;
			try (Statement statement = db.createStatement();
					ResultSet log = statement.executeQuery("select job_id_, hostname_, count(*) from act_hi_job_log"
							+ " where job_def_type_ like 'timer%' and job_state_ = 2 group by job_id_, hostname_")) {
				Map<String, Long> perJob = new HashMap<>();
				while (log.next()) {
					perJob.merge(log.getString(1), log.getLong(3), Long::sum);
					byNode.merge(log.getString(2), log.getLong(3), Long::sum);
				}
				timers = perJob.size();
				duplicated = perJob.values().stream().filter((runs) -> runs > 1).count();
			}
			System.out.printf("timers: %d fired, by node %s, %d fired more than once%n", timers, byNode, duplicated);
			assertThat(duplicated).isZero();
			assertThat(timers).isGreaterThanOrEqualTo(2L * assignedCases.size() + receptionDays.size());
			assertThat(byNode.keySet()).as("both nodes ran timers").contains("node-a", "node-b");
			assertThat(count(db, "select count(*) from act_ru_incident")).as("incidents").isZero();
		}
		assertChainsIntact();
		assertEveryNoticeDelivered(1);
	}

	@Test
	@Order(4)
	void aReceptionDaysCasesAreSeatedOnceAcrossNodesAndEachGoesOnOnceTheDayStarts() throws Exception {
		long day = receptionDays.get(0);
		int registrations = 60;
		String[] categories = { "LAND_REQUISITION", "ENVIRONMENT", "LABOUR_WAGES", "SOCIAL_SECURITY" };
		// Four desks register for the same day at once, on both nodes, four cases of one room after four of the next:
		// each case takes the next seat in its room.
		ExecutorService desks = Executors.newFixedThreadPool(4);
		List<String> caseNumbers = new ArrayList<>();
		try {
			List<Future<Answer>> answers = new ArrayList<>();
			for (int n = 0; n < registrations; n++) {
				String key = "day-" + n;
				Map<String, Object> petition = new HashMap<>(petition(key, categories[n / 4 % categories.length]));
				petition.put("receptionDay", day);
				Node node = n % 2 == 0 ? a : b;
				answers.add(desks.submit(() -> register(node, key, petition)));
			}
			for (Future<Answer> answer : answers) {
				Answer registered = answer.get(2, TimeUnit.MINUTES);
				assertThat(registered.status()).as(registered.body()).isEqualTo(201);
				caseNumbers.add(registered.json().get("caseNumber").asText());
			}
		}
		finally {
			desks.shutdownNow();
		}
		try (Connection db = connect()) {
			assertThat(count(db, "select count(*) from petition_case where reception_day_id = ?", day)).isEqualTo(registrations);
			try (var statement = db.prepareStatement("select room, count(*), count(distinct queue_number), min(queue_number),"
					+ " max(queue_number) from petition_case where reception_day_id = ? group by room")) {
				statement.setLong(1, day);
				try (ResultSet rooms = statement.executeQuery()) {
					int seated = 0;
					while (rooms.next()) {
						int inRoom = rooms.getInt(2);
						assertThat(List.of(rooms.getInt(3), rooms.getInt(4), rooms.getInt(5)))
							.as("queue numbers in %s: each once, 1 to %d", rooms.getString(1), inRoom)
							.containsExactly(inRoom, 1, inRoom);
						seated += inRoom;
					}
					assertThat(seated).as("cases seated in a room").isEqualTo(registrations);
				}
			}
			for (String caseNumber : caseNumbers) {
				assertThat(openTasks(db, caseNumber)).as(caseNumber + " waits for the day").isEmpty();
			}
			assertThat(count(db, "select count(*) from act_ru_event_subscr s join act_ru_execution e on e.id_ = s.proc_inst_id_"
					+ " join petition_case c on c.case_number = e.business_key_ where c.reception_day_id = ?"
					+ " and s.event_name_ = 'ReceptionDayStarted'", day)).as("cases waiting for the day's start")
				.isEqualTo(registrations);
		}

		// The day's start brought forward, as an operator changes a timer's due date in Cockpit: the job executor of
		// one node or the other fires it, and each case goes on in a job of its own.
		Answer dayProcess = a.get("/engine-rest/process-instance?processDefinitionKey=ReceptionDay&businessKey=RD-" + day,
				"admin");
		assertThat(dayProcess.json()).as(dayProcess.body()).hasSize(1);
		String dayInstance = dayProcess.json().get(0).get("id").asText();
		if (timerOf(dayInstance, "TimerEvent_ReminderDue") != null) {
			bringForward(timerOf(dayInstance, "TimerEvent_ReminderDue"));
		}
		Instant reminded = Instant.now().plus(Duration.ofMinutes(2));
		while (timerOf(dayInstance, "TimerEvent_DayStarts") == null) {
			assertThat(Instant.now()).as("the day's start is the next timer").isBefore(reminded);
			Thread.sleep(500);
		}
		bringForward(timerOf(dayInstance, "TimerEvent_DayStarts"));

		Instant until = Instant.now().plus(Duration.ofMinutes(4));
		try (Connection db = connect()) {
			// Land requisition cases first get the lawyer's opinion (the routing table), the others go straight to
			// their reception.
			String atTheirStep = "select count(distinct c.id) from act_ru_task t join act_ru_execution e"
					+ " on e.id_ = t.proc_inst_id_ join petition_case c on c.case_number = e.business_key_"
					+ " where c.reception_day_id = ?";
			while (count(db, atTheirStep, day) < registrations) {
				if (Instant.now().isAfter(until)) {
					dump(db, "select c.case_number, c.category, e.act_id_, j.id_, j.retries_, j.duedate_, j.lock_owner_,"
							+ " j.exception_msg_ from petition_case c join act_ru_execution e on e.business_key_ = c.case_number"
							+ " left join act_ru_job j on j.process_instance_id_ = e.id_ where c.reception_day_id = " + day);
				}
				assertThat(Instant.now()).as("cases at their next step: %d of %d", count(db, atTheirStep, day),
						registrations).isBefore(until);
				Thread.sleep(500);
			}
			for (int n = 0; n < registrations; n++) {
				assertThat(openTasks(db, caseNumbers.get(n))).as(caseNumbers.get(n) + " at its next step")
					.containsExactly(categories[n / 4 % categories.length].equals("LAND_REQUISITION") ? "Task_GiveLegalOpinion"
							: "Task_ReceivePetitioner");
			}
			String continuations = " from act_hi_job_log where act_id_ = 'MessageEvent_ReceptionDayStarted'"
					+ " and job_def_type_ = 'async-continuation'";
			Map<String, Long> byNode = new TreeMap<>();
			Map<String, Long> perJob = new HashMap<>();
			try (Statement statement = db.createStatement();
					ResultSet log = statement.executeQuery("select job_id_, hostname_" + continuations + " and job_state_ = 2")) {
				while (log.next()) {
					perJob.merge(log.getString(1), 1L, Long::sum);
					byNode.merge(log.getString(2), 1L, Long::sum);
				}
			}
			long failedAttempts = count(db, "select count(*)" + continuations + " and job_state_ = 1");
			Timestamp started;
			Timestamp lastReceived;
			try (Statement statement = db.createStatement();
					ResultSet times = statement.executeQuery("select (select max(timestamp_) from act_hi_job_log"
							+ " where act_id_ = 'TimerEvent_DayStarts' and job_state_ = 2), (select max(timestamp_)" + continuations
							+ " and job_state_ = 2)")) {
				times.next();
				started = times.getTimestamp(1);
				lastReceived = times.getTimestamp(2);
			}
			System.out.printf("reception day: %d cases registered on two nodes; its start fired on %s; every case at its"
					+ " next step %d ms after the start; continuations by node %s, %d attempts failed and run again%n",
					registrations, hostOfDayStart(db), lastReceived.getTime() - started.getTime(), byNode, failedAttempts);
			assertThat(perJob).as("one continuation a case").hasSize(registrations);
			assertThat(perJob.values()).as("each continuation succeeded once").containsOnly(1L);
			assertThat(count(db, "select count(*) from act_ru_incident")).as("incidents").isZero();
		}
		assertChainsIntact();
		awaitNoticesSent();
		assertEveryNoticeDelivered(1);
	}

	/** The id of the timer job waiting at the activity in the process instance, if any (as Cockpit shows it). */
	static String timerOf(String processInstance, String activity) throws Exception {
		Answer jobs = a.get("/engine-rest/job?activityId=" + activity + "&processInstanceId=" + processInstance, "admin");
		assertThat(jobs.status()).as(jobs.body()).isEqualTo(200);
		return jobs.json().isEmpty() ? null : jobs.json().get(0).get("id").asText();
	}

	/** Makes a timer due now, as an operator does in Cockpit: the job executor of one node or the other fires it. */
	static void bringForward(String job) throws Exception {
		Answer brought = a.call("PUT", "/engine-rest/job/" + job + "/duedate", "admin", Map.of("duedate",
				DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").format(ZonedDateTime.now(java.time.ZoneOffset.UTC))),
				Map.of());
		assertThat(brought.status()).as(brought.body()).isEqualTo(204);
	}

	static void dump(Connection db, String sql) throws SQLException {
		try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
					row.append(rows.getString(i)).append(' ');
				}
				System.out.println(row);
			}
		}
	}

	static String hostOfDayStart(Connection db) throws SQLException {
		try (Statement statement = db.createStatement(); ResultSet host = statement.executeQuery("select hostname_ from"
				+ " act_hi_job_log where act_id_ = 'TimerEvent_DayStarts' and job_state_ = 2")) {
			return host.next() ? host.getString(1) : "no node";
		}
	}

	// --- steps -------------------------------------------------------------------------------------------------

	static Answer register(Node node, String key, Map<String, Object> petition) throws IOException, InterruptedException {
		return node.call("POST", "/api/petitions", null, petition, Map.of("Idempotency-Key", key));
	}

	/** A petition of its own petitioner, its summary naming the key it is sent with. */
	static Map<String, Object> petition(String key, String category) {
		int n = SEQUENCE.incrementAndGet();
		String first17 = String.format("330726%04d0202%03d", 1940 + n % 60, n % 1000);
		Map<String, Object> petition = Map.of("petitioner",
				Map.of("name", "集群" + n, "residentId", first17 + ResidentIdValidator.checkCharacter(first17), "phone",
						String.format("137%08d", n), "email", "petitioner" + n + "@example.test"),
				"personsCount", 1, "category", category, "summary", "事项 " + key, "request", "诉求 " + key);
		return petition;
	}

	/** Receives the case and solves it on the spot; a case found already received counts as done. */
	static Answer solveOnTheSpot(Node node, String caseNumber) throws IOException, InterruptedException {
		Answer tasks = node.get("/engine-rest/task?processInstanceBusinessKey=" + caseNumber
				+ "&taskDefinitionKey=Task_ReceivePetitioner", LEADER);
		assertThat(tasks.status()).isEqualTo(200);
		if (tasks.json().isEmpty()) {
			return tasks;
		}
		Answer done = node.post("/engine-rest/task/" + tasks.json().get(0).get("id").asText() + "/submit-form", LEADER,
				variables(Map.of("receptionNotes", "当场答复", "outcome", "SOLVED_ON_THE_SPOT", "decision", "当场解决")));
		assertThat(done.status()).as(done.body()).isIn(204, 404, 409);
		return done;
	}

	interface Call {

		Answer on(Node node) throws IOException, InterruptedException;

	}

	/** Calls one node (alternating); where it does not answer, the same call goes to the other one. */
	static Answer onAnyNode(int n, AtomicInteger retried, Call call) throws Exception {
		Node preferred = n % 2 == 0 ? a : b;
		Node other = preferred == a ? b : a;
		for (int attempt = 0; attempt < 20; attempt++) {
			try {
				return call.on(attempt % 2 == 0 ? preferred : other);
			}
			catch (IOException ex) {
				retried.incrementAndGet();
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("no node answered");
	}

	// --- counting ----------------------------------------------------------------------------------------------

	static String taskId(Node node, String user, String caseNumber, String taskKey) throws Exception {
		Answer tasks = node.get("/engine-rest/task?processInstanceBusinessKey=" + caseNumber + "&taskDefinitionKey="
				+ taskKey, user);
		assertThat(tasks.json()).as(tasks.body()).hasSize(1);
		return tasks.json().get(0).get("id").asText();
	}

	static void assertChainsIntact() throws Exception {
		Answer verified = a.get("/api/audit/verify", "auditor");
		assertThat(verified.status()).isEqualTo(200);
		assertThat(verified.json().get("firstBrokenLink").isNull()).as(verified.body()).isTrue();
	}

	static void awaitNoticesSent() throws Exception {
		Instant until = Instant.now().plus(Duration.ofMinutes(2));
		try (Connection db = connect()) {
			while (count(db, "select count(*) from notice where sent_at is null") > 0) {
				assertThat(Instant.now()).as("notices still unsent").isBefore(until);
				Thread.sleep(500);
			}
			assertThat(count(db, "select count(*) from notice where attempts <> 1")).as("notices sent at a second attempt")
				.isZero();
		}
	}

	/**
	 * Every notice in the outbox reached the mail server, under its own Message-ID, once — a second copy of the
	 * same Message-ID is tolerated only up to {@code inFlightAtKill} (a node killed between the mail server's
	 * acceptance and its own commit).
	 */
	static void assertEveryNoticeDelivered(int inFlightAtKill) throws Exception {
		Map<String, Integer> copies = new HashMap<>();
		for (MimeMessage message : mail.getReceivedMessages()) {
			copies.merge(messageId(message), 1, Integer::sum);
		}
		try (Connection db = connect(); Statement statement = db.createStatement();
				ResultSet notices = statement.executeQuery("select id from notice")) {
			List<String> missing = new ArrayList<>();
			long notices_ = 0;
			while (notices.next()) {
				notices_++;
				if (!copies.containsKey("<notice-" + notices.getLong(1) + "@pujiang.local>")) {
					missing.add(String.valueOf(notices.getLong(1)));
				}
			}
			long resent = copies.values().stream().filter((n) -> n > 1).count();
			System.out.printf("notices: %d in the outbox, %d messages received, %d sent twice%n", notices_,
					mail.getReceivedMessages().length, resent);
			assertThat(missing).as("notices never delivered").isEmpty();
			assertThat(copies).as("messages that are no notice").hasSize((int) notices_);
			assertThat(resent).as("notices delivered twice").isLessThanOrEqualTo(inFlightAtKill);
		}
	}

	static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<String> openTasks(Connection db, String caseNumber) throws SQLException {
		List<String> tasks = new ArrayList<>();
		try (var statement = db.prepareStatement("select t.task_def_key_ from act_ru_task t join act_ru_execution e"
				+ " on e.id_ = t.proc_inst_id_ where e.business_key_ = ? order by t.task_def_key_")) {
			statement.setString(1, caseNumber);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					tasks.add(rows.getString(1));
				}
			}
		}
		return tasks;
	}

	static Map<String, Long> noticeKinds(Connection db, String caseNumber) throws SQLException {
		Map<String, Long> kinds = new LinkedHashMap<>();
		try (var statement = db.prepareStatement("select n.kind, count(*) from notice n join petition_case c"
				+ " on c.id = n.case_id where c.case_number = ? group by n.kind")) {
			statement.setString(1, caseNumber);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					kinds.put(rows.getString(1), rows.getLong(2));
				}
			}
		}
		return kinds;
	}

	static long count(Connection db, String sql, Object... parameters) throws SQLException {
		try (var statement = db.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	static Connection connect() throws SQLException {
		return DriverManager.getConnection(database.url(), "postgres", "");
	}

	/** The business time by which the restarted nodes must have fired what is due: now plus the offset, plus a bit. */
	static Instant dueAfter(Duration offset) {
		return Instant.now().plus(offset).plus(Duration.ofMinutes(4));
	}

	/** The body Tasklist sends: each value with its type; lists go as JSON. */
	static Map<String, Object> variables(Map<String, Object> form) {
		Map<String, Object> variables = new LinkedHashMap<>();
		form.forEach((name, value) -> variables.put(name, value instanceof List<?> list
				? Map.of("value", list.stream().map((item) -> "\"" + item + "\"").collect(Collectors.joining(",", "[", "]")),
						"type", "Json")
				: Map.of("value", value, "type", value instanceof Integer ? "Integer" : "String")));
		return Map.of("variables", variables);
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
