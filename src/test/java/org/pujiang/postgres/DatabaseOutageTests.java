package org.pujiang.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The public API while its PostgreSQL refuses connections (as during a restart or a failover): a petitioner is
 * answered 503 with a problem document and a time to come back, nothing is stored, the node's health says the
 * database is down, and the same registration sent again once the database is back is stored once; the outbox
 * goes on being sent, each notice once.
 */
class DatabaseOutageTests {

	static final ObjectMapper JSON = new ObjectMapper();

	static final HttpClient HTTP = HttpClient.newHttpClient();

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
				"--pujiang.notices.scheduled=true", "--spring.mail.port=" + mail.getSmtp().getPort());
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
		Map<String, Object> first = ClusterIT.petition("outage-1", "ENVIRONMENT");
		HttpResponse<String> before = register("outage-1", first);
		assertThat(before.statusCode()).as(before.body()).isEqualTo(201);
		String caseNumber = JSON.readTree(before.body()).get("caseNumber").asText();
		String phone = (String) ((Map<?, ?>) first.get("petitioner")).get("phone");
		JdbcTemplate jdbc = application.getBean(JdbcTemplate.class);
		awaitOutboxSent(jdbc, 1);

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
		HttpResponse<String> health = health();
		assertThat(JSON.readTree(health.body()).at("/components/db/status").asText()).as(health.body()).isEqualTo("DOWN");

		// Back: the client sends the same registration again, as asked, until the pool has its connections again.
		allowConnections(true);
		HttpResponse<String> again = register("outage-2", petition);
		for (int attempt = 1; again.statusCode() == 503 && attempt < 30; attempt++) {
			Thread.sleep(500);
			again = register("outage-2", petition);
		}
		assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
		HttpResponse<String> healthAgain = health();
		assertThat(JSON.readTree(healthAgain.body()).at("/components/db/status").asText()).as(healthAgain.body())
			.isEqualTo("UP");
		assertThat(jdbc.queryForObject("select count(*) from petition_case where summary = '事项 outage-2'", Integer.class))
			.as("stored once, when the database was back").isOne();
		assertThat(jdbc.queryForObject("select count(*) from petition_case", Integer.class)).isEqualTo(2);
		assertThat(jdbc.queryForObject("select count(*) from act_hi_procinst", Integer.class)).isEqualTo(2);
		// The dispatcher, failing every second while the database was away, goes on: the second notice is sent, once.
		awaitOutboxSent(jdbc, 2);
		assertThat(Arrays.stream(mail.getReceivedMessages()).map(ClusterIT::messageId).toList())
			.as("each notice delivered once")
			.containsExactlyInAnyOrderElementsOf(jdbc.queryForList("select id from notice", Long.class)
				.stream()
				.map((id) -> "<notice-" + id + "@pujiang.local>")
				.toList());
	}

	/** Waits until the outbox holds the given number of notices, every one sent. */
	static void awaitOutboxSent(JdbcTemplate jdbc, int notices) throws Exception {
		Instant until = Instant.now().plus(Duration.ofSeconds(30));
		String sent = "select count(*) from notice where sent_at is not null";
		while (jdbc.queryForObject(sent, Integer.class) < notices
				|| jdbc.queryForObject("select count(*) from notice", Integer.class) > notices) {
			assertThat(Instant.now()).as("notices sent: %d of %d", jdbc.queryForObject(sent, Integer.class), notices)
				.isBefore(until);
			Thread.sleep(200);
		}
	}

	static HttpResponse<String> health() throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
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
