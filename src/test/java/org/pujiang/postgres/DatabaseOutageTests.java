package org.pujiang.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pujiang.Roles;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The public API while its PostgreSQL refuses connections (as during a restart or a failover): a petitioner is
 * answered 503 with a problem document and a time to come back, nothing is stored, the node's health says the
 * database is down, and the same registration sent again once the database is back is stored once; the outbox
 * goes on being sent, each notice once. Staff likewise get 503, in Tasklist and on the REST APIs, and go on in
 * the same Tasklist session afterwards. A timer that fell due meanwhile fires once the database is back.
 */
class DatabaseOutageTests {

	static final ObjectMapper JSON = new ObjectMapper();

	static final HttpClient HTTP = HttpClient.newHttpClient();

	static final String APPLICATION_NAME = "pujiang-outage-test";

	static PostgresDatabase database;

	static ConfigurableApplicationContext application;

	static String base;

	static GreenMail mail;

	@BeforeAll
	static void start() throws Exception {
		database = PostgresDatabase.createOrSkip();
		mail = new GreenMail(new ServerSetup(ClusterIT.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		mail.start();
		application = database.startApplication("outage",
				// The pool gives up on a connection after a second instead of thirty, to keep the test short.
				"--spring.datasource.hikari.connection-timeout=1000",
				// The outbox sent as in service, every second, to a mail server of the test's own.
				"--pujiang.notices.scheduled=true", "--spring.mail.port=" + mail.getSmtp().getPort(),
				// The job executor on, as in service, looking for due jobs at least every two seconds (instead of up to a
				// minute when idle) so that it tries, and fails, while the database is away.
				"--camunda.bpm.job-execution.enabled=true", "--camunda.bpm.job-execution.wait-time-in-millis=500",
				"--camunda.bpm.job-execution.max-wait=2000",
				// The driver's properties of the pool, which readiness's probe connects with too.
				"--spring.datasource.hikari.data-source-properties.ApplicationName=" + APPLICATION_NAME);
		base = "http://127.0.0.1:" + application.getEnvironment().getProperty("local.server.port");
	}

	@AfterAll
	static void stop() throws Exception {
		if (application != null) {
			application.close();
		}
		if (mail != null) {
			mail.stop();
		}
		if (database != null) {
			allowConnections(true);
			database.close();
		}
	}

	@Test
	void shouldAnswer503WhileTheDatabaseIsOutOfReachAndStoreTheRegistrationOnceSentAgain() throws Exception {
		JdbcTemplate jdbc = application.getBean(JdbcTemplate.class);
		// The other tests of this class may have written notices of their own, for cases or for a reception day.
		int noticesBefore = jdbc.queryForObject("select count(*) from notice where case_id is not null", Integer.class);
		Map<String, Object> first = ClusterIT.petition("outage-1", "ENVIRONMENT");
		HttpResponse<String> before = register("outage-1", first);
		assertThat(before.statusCode()).as(before.body()).isEqualTo(201);
		String caseNumber = JSON.readTree(before.body()).get("caseNumber").asText();
		String phone = (String) ((Map<?, ?>) first.get("petitioner")).get("phone");
		awaitOutboxSent(jdbc, noticesBefore + 1);

		ListAppender<ILoggingEvent> dispatcherLog = listen("org.pujiang.notice.NoticeDispatcher");
		ListAppender<ILoggingEvent> schedulerLog = listen("org.springframework.scheduling");
		allowConnections(false);
		Map<String, Object> petition = ClusterIT.petition("outage-2", "LABOUR_WAGES");
		// At once, on a connection the pool lent without checking it (used within the last half second), which breaks
		// under the request; then, a second later, when the pool checks what it lends and can open no new connection.
		for (long pause : new long[] { 0, 1_000 }) {
			Thread.sleep(pause);
			HttpResponse<String> refused = register("outage-2", petition);
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
			JsonNode problem = JSON.readTree(refused.body());
			assertThat(problem.get("status").asInt()).isEqualTo(503);
			assertThat(problem.get("detail").asText()).contains("稍后重试").contains("Idempotency-Key");
		}
		HttpResponse<String> lookup = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/petitions/" + caseNumber))
			.header("X-Phone", phone).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(503);
		// What a load balancer or an operator's monitoring asks: the node reports itself down, naming the database.
		HttpResponse<String> health = health("");
		assertThat(JSON.readTree(health.body()).at("/components/db/status").asText()).as(health.body()).isEqualTo("DOWN");
		// A load balancer's question, and an orchestrator's: not ready to serve, but alive (no reason to restart it).
		HttpResponse<String> readiness = health("/readiness");
		assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
		assertThat(JSON.readTree(readiness.body()).at("/components/database/status").asText()).isEqualTo("DOWN");
		HttpResponse<String> liveness = health("/liveness");
		assertThat(liveness.statusCode()).as(liveness.body()).isEqualTo(200);
		assertThat(JSON.readTree(liveness.body()).get("status").asText()).isEqualTo("UP");

		// Back: the client sends the same registration again, as asked, until the pool has its connections again.
		allowConnections(true);
		HttpResponse<String> again = register("outage-2", petition);
		for (int attempt = 1; again.statusCode() == 503 && attempt < 30; attempt++) {
			Thread.sleep(500);
			again = register("outage-2", petition);
		}
		assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
		HttpResponse<String> healthAgain = health("");
		assertThat(JSON.readTree(healthAgain.body()).at("/components/db/status").asText()).as(healthAgain.body())
			.isEqualTo("UP");
		HttpResponse<String> readyAgain = health("/readiness");
		assertThat(readyAgain.statusCode()).as(readyAgain.body()).isEqualTo(200);
		assertThat(jdbc.queryForObject("select count(*) from petition_case where summary = '事项 outage-2'", Integer.class))
			.as("stored once, when the database was back").isOne();
		assertThat(jdbc.queryForObject("select count(*) from petition_case", Integer.class)).isEqualTo(2);
		assertThat(jdbc.queryForObject("select count(*) from act_hi_procinst where proc_def_key_ = 'PetitionCase'",
				Integer.class)).isEqualTo(2);
		// The dispatcher, failing every second while the database was away, goes on: the second notice is sent, once.
		awaitOutboxSent(jdbc, noticesBefore + 2);
		// The operators' log: the outage said once by the dispatcher, and its return (at the end of the round that
		// sent the notice); no stack trace every round.
		Instant logged = Instant.now().plus(Duration.ofSeconds(10));
		while (!messages(dispatcherLog).contains("Notices dispatched again, the database being back")) {
			assertThat(Instant.now()).as("the dispatcher's log: %s", messages(dispatcherLog)).isBefore(logged);
			Thread.sleep(100);
		}
		unlisten("org.pujiang.notice.NoticeDispatcher", dispatcherLog);
		unlisten("org.springframework.scheduling", schedulerLog);
		assertThat(messages(dispatcherLog))
			.filteredOn((message) -> message.startsWith("Notices not dispatched while the database is out of reach"))
			.hasSize(1);
		assertThat(messages(schedulerLog)).as("errors of the scheduled dispatch").isEmpty();
		List<String> caseNotices = jdbc.queryForList("select id from notice where case_id is not null", Long.class)
			.stream()
			.map((id) -> "<notice-" + id + "@pujiang.local>")
			.toList();
		assertThat(Arrays.stream(mail.getReceivedMessages()).map(ClusterIT::messageId).filter(caseNotices::contains).toList())
			.as("each notice delivered once")
			.containsExactlyInAnyOrderElementsOf(caseNotices);
	}

	@Test
	void shouldStayReadyWhileEveryConnectionOfThePoolIsBusy() throws Exception {
		HikariDataSource pool = application.getBean(DataSource.class).unwrap(HikariDataSource.class);
		ListAppender<ILoggingEvent> dispatcherLog = listen("org.pujiang.notice.NoticeDispatcher");
		List<Connection> busy = new ArrayList<>();
		try {
			// Every connection of the pool taken, as by requests that each wait on a slow statement.
			while (busy.size() < pool.getMaximumPoolSize()) {
				busy.add(pool.getConnection());
			}
			// A load balancer's question: the database answers, so the node is ready (asked through the pool, it would
			// wait for a connection, get none and say DOWN).
			HttpResponse<String> readiness = health("/readiness");
			assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
			assertThat(JSON.readTree(readiness.body()).at("/components/database/status").asText()).isEqualTo("UP");
			// The probe's connection is one more, made as the pool makes its own (the same driver properties).
			try (Connection admin = DriverManager.getConnection(PostgresDatabase.SERVER + "postgres", "postgres", "");
					Statement statement = admin.createStatement();
					ResultSet connections = statement.executeQuery("select application_name, count(*) from pg_stat_activity"
							+ " where datname = '" + database.name + "' group by application_name")) {
				Map<String, Integer> byName = new HashMap<>();
				while (connections.next()) {
					byName.put(connections.getString(1), connections.getInt(2));
				}
				assertThat(byName.keySet()).as("the connections' application names").containsExactly(APPLICATION_NAME);
				assertThat(byName.get(APPLICATION_NAME)).as("the pool's connections and the probe's")
					.isGreaterThanOrEqualTo(pool.getMaximumPoolSize() + 1);
			}
			// The pool's own check, which an operator sees: it waited for a connection and got none.
			HttpResponse<String> health = health("");
			assertThat(JSON.readTree(health.body()).at("/components/db/status").asText()).as(health.body())
				.isEqualTo("DOWN");
			assertThat(JSON.readTree(health.body()).at("/components/database/status").asText()).isEqualTo("UP");
		}
		finally {
			for (Connection connection : busy) {
				connection.close();
			}
		}
		assertThat(JSON.readTree(health("").body()).at("/components/db/status").asText()).isEqualTo("UP");
		// The dispatcher may have found no connection meanwhile: its return waited for, so that it is not taken for
		// another test's.
		Instant until = Instant.now().plus(Duration.ofSeconds(10));
		while (messages(dispatcherLog).stream().anyMatch((message) -> message.startsWith("Notices not dispatched"))
				&& !messages(dispatcherLog).contains("Notices dispatched again, the database being back")) {
			assertThat(Instant.now()).as("the dispatcher's log: %s", messages(dispatcherLog)).isBefore(until);
			Thread.sleep(100);
		}
		unlisten("org.pujiang.notice.NoticeDispatcher", dispatcherLog);
	}

	@Test
	void shouldAnswerStaff503InTasklistAndOnTheRestApisWhileTheDatabaseIsOutOfReach() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String tasklist = base + "/camunda/app/tasklist/outage/";
		String tasksInTasklist = base + "/camunda/api/engine/engine/outage/task/count";
		assertThat(page(browser, tasklist).statusCode()).isEqualTo(200);
		HttpResponse<String> login = browser.send(HttpRequest
			.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/outage/login/tasklist"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-XSRF-TOKEN", xsrf(browser))
			.POST(HttpRequest.BodyPublishers.ofString("username=leader&password=demo"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		assertThat(get(browser, tasksInTasklist, null).statusCode()).isEqualTo(200);

		allowConnections(false);
		try {
			for (long pause : new long[] { 0, 1_000 }) {
				Thread.sleep(pause);
				// A member of staff opening Tasklist, or working in it: a page, and the message Tasklist shows.
				HttpResponse<String> opened = page(browser, tasklist);
				assertThat(opened.statusCode()).as(opened.body()).isEqualTo(503);
				assertThat(opened.headers().firstValue("Content-Type")).hasValueSatisfying(
						(type) -> assertThat(type).startsWith("text/html"));
				assertThat(opened.headers().firstValue("Retry-After")).hasValue("30");
				assertThat(opened.body()).contains("服务暂时不可用").contains("系统暂时无法访问数据库");
				assertOutOfReach(get(browser, tasksInTasklist, null));
				assertOutOfReach(browser.send(HttpRequest
					.newBuilder(URI.create(base + "/camunda/api/engine/engine/outage/task/" + UUID.randomUUID() + "/submit-form"))
					.header("Content-Type", "application/json")
					.header("X-XSRF-TOKEN", xsrf(browser))
					.POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{}}"))
					.build(), HttpResponse.BodyHandlers.ofString()));
				// A client of the engine's REST API, its password checked in the database.
				assertOutOfReach(get(HTTP, base + "/engine-rest/engine/outage/task/count", "leader"));
				// A client of the staff API, likewise: not told its password is wrong.
				HttpResponse<String> staff = get(HTTP, base + "/api/staff/cases", "leader");
				assertThat(staff.statusCode()).as(staff.body()).isEqualTo(503);
				assertThat(staff.headers().firstValue("Retry-After")).hasValue("30");
				assertThat(JSON.readTree(staff.body()).get("detail").asText()).contains("稍后重试");
			}
		}
		finally {
			allowConnections(true);
		}
		// Back: the same session goes on in Tasklist, and the REST APIs answer again.
		HttpResponse<String> again = get(browser, tasksInTasklist, null);
		for (int attempt = 1; again.statusCode() == 503 && attempt < 30; attempt++) {
			Thread.sleep(500);
			again = get(browser, tasksInTasklist, null);
		}
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		assertThat(page(browser, tasklist).statusCode()).isEqualTo(200);
		assertThat(get(HTTP, base + "/engine-rest/engine/outage/task/count", "leader").statusCode()).isEqualTo(200);
		assertThat(get(HTTP, base + "/api/staff/cases", "leader").statusCode()).isEqualTo(200);
	}

	@Test
	void shouldRunAJobThatFellDueDuringTheOutageOnceTheDatabaseIsBack() throws Exception {
		// A reception day planned by the bureau's manager, its reminder announcement (three days before) the first
		// timer.
		ZonedDateTime startsAt = ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).plusDays(15).truncatedTo(ChronoUnit.HOURS);
		DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
		Map<String, Object> plan = Map.of("leaderName", "县长", "county", "浦江县", "venue", "浦江中学", "startsAt",
				time.format(startsAt), "endsAt", time.format(startsAt.plusHours(8)), "channels", List.of("NEWSPAPER"),
				"departments", "县级部门");
		HttpResponse<String> planned = HTTP.send(HttpRequest
			.newBuilder(URI.create(base + "/engine-rest/engine/outage/process-definition/key/ReceptionDay/submit-form"))
			.header("Content-Type", "application/json")
			.header("Authorization", Node.basic(Roles.MANAGER))
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(ClusterIT.variables(plan))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(planned.statusCode()).as(planned.body()).isEqualTo(200);
		String day = JSON.readTree(planned.body()).get("id").asText();
		ManagementService management = application.getBean(ProcessEngine.class).getManagementService();
		Job reminderAnnouncement = management.createJobQuery()
			.processInstanceId(day)
			.activityId("TimerEvent_ReminderDue")
			.singleResult();
		assertThat(reminderAnnouncement).isNotNull();

		// Due in a moment, and the database gone before it is: the job executor's acquisitions fail meanwhile.
		ListAppender<ILoggingEvent> failures = listen("org.camunda.bpm.engine.jobexecutor");
		try {
			management.setJobDuedate(reminderAnnouncement.getId(), Date.from(Instant.now().plusMillis(1_500)));
			allowConnections(false);
			try {
				Thread.sleep(5_000);
			}
			finally {
				allowConnections(true);
			}
			assertThat(logged(failures).stream().filter((event) -> event.getLevel().isGreaterOrEqual(Level.WARN)))
				.as("the job executor failed to acquire jobs during the outage")
				.isNotEmpty();
		}
		finally {
			unlisten("org.camunda.bpm.engine.jobexecutor", failures);
		}

		// Back: the job executor goes on by itself; the reminder announcement goes out once and the day waits for its
		// start.
		awaitReady();
		Instant until = Instant.now().plus(Duration.ofSeconds(60));
		while (management.createJobQuery().processInstanceId(day).activityId("TimerEvent_DayStarts").count() == 0) {
			assertThat(Instant.now()).as("the reminder announcement sent after the outage").isBefore(until);
			Thread.sleep(500);
		}
		JdbcTemplate jdbc = application.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForObject("select count(*) from act_hi_job_log where job_id_ = ? and job_state_ = 2",
				Integer.class, reminderAnnouncement.getId())).as("the reminder announcement run once").isOne();
		assertThat(management.createJobQuery().processInstanceId(day).activityId("TimerEvent_ReminderDue").count())
			.isZero();
		assertThat(application.getBean(ProcessEngine.class).getRuntimeService().createIncidentQuery().count())
			.as("incidents")
			.isZero();
	}

	/** The engine's REST APIs' answer to an outage: 503, a time to come back, the message in their error shape. */
	static void assertOutOfReach(HttpResponse<String> answer) throws Exception {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Retry-After")).hasValue("30");
		JsonNode error = JSON.readTree(answer.body());
		assertThat(error.get("type").asText()).isEqualTo("DatabaseOutOfReach");
		assertThat(error.get("message").asText()).isEqualTo("系统暂时无法访问数据库，本次操作未能完成，请稍后重试");
	}

	/** Keeps what the logger (and those under it) logs from now on. */
	static ListAppender<ILoggingEvent> listen(String logger) {
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		events.start();
		((Logger) LoggerFactory.getLogger(logger)).addAppender(events);
		return events;
	}

	/** What was logged so far (read under the appender's lock, as its logger's threads append). */
	static List<ILoggingEvent> logged(ListAppender<ILoggingEvent> events) {
		synchronized (events) {
			return List.copyOf(events.list);
		}
	}

	static List<String> messages(ListAppender<ILoggingEvent> events) {
		return logged(events).stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	static void unlisten(String logger, ListAppender<ILoggingEvent> events) {
		((Logger) LoggerFactory.getLogger(logger)).detachAppender(events);
	}

	/** The webapps' token against cross-site requests, as the browser holds it (it changes at login). */
	static String xsrf(HttpClient browser) {
		return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.findFirst()
			.orElseThrow()
			.getValue();
	}

	static HttpResponse<String> page(HttpClient browser, String url) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** A GET, as the user (password demo) if one is named. */
	static HttpResponse<String> get(HttpClient client, String url, String user) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
		if (user != null) {
			request.header("Authorization", Node.basic(user));
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Waits until the outbox holds the given number of notices to petitioners about their cases, every one sent. */
	static void awaitOutboxSent(JdbcTemplate jdbc, int notices) throws Exception {
		Instant until = Instant.now().plus(Duration.ofSeconds(30));
		String sent = "select count(*) from notice where case_id is not null and sent_at is not null";
		while (jdbc.queryForObject(sent, Integer.class) < notices || jdbc
			.queryForObject("select count(*) from notice where case_id is not null", Integer.class) > notices) {
			assertThat(Instant.now()).as("notices sent: %d of %d", jdbc.queryForObject(sent, Integer.class), notices)
				.isBefore(until);
			Thread.sleep(200);
		}
	}

	/**
	 * Waits until the node is ready again, as a load balancer does, and its pool has connections again (which
	 * readiness, asking on a connection of its own, does not wait for).
	 */
	static void awaitReady() throws Exception {
		Instant until = Instant.now().plus(Duration.ofSeconds(30));
		while (health("/readiness").statusCode() != 200
				|| !JSON.readTree(health("").body()).at("/components/db/status").asText().equals("UP")) {
			assertThat(Instant.now()).as("ready again").isBefore(until);
			Thread.sleep(200);
		}
	}

	/** The node's health, or one of its groups ("/readiness", "/liveness"). */
	static HttpResponse<String> health(String group) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health" + group)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> register(String key, Map<String, Object> petition) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/petitions"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(petition)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** As PostgreSQL does while it shuts down: new connections refused, the open ones ended. */
	static void allowConnections(boolean allowed) throws Exception {
		try (Connection admin = DriverManager.getConnection(PostgresDatabase.SERVER + "postgres", "postgres", "");
				Statement statement = admin.createStatement()) {
			statement.execute("alter database " + database.name + " allow_connections " + allowed);
			if (!allowed) {
				statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database.name
						+ "'");
			}
		}
	}

}
