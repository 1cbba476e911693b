package org.pujiang.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pujiang.registration.ResidentIdValidator;

/**
 * The queries of the scale benchmark, timed over HTTP against a running node on a database loaded by
 * {@link ScaleLoader}: first it opens some cases (waiting for the leader, and assigned to units) so that there are
 * tasks to find, then it runs each query {@code runs} times with varying parameters and prints p50/p99 as a
 * Markdown table.
 * <p>
 * {@code java … org.pujiang.bench.ScaleQueries http://127.0.0.1:8080 jdbc:postgresql://…/db 300 100}
 */
public final class ScaleQueries {

	static final ObjectMapper JSON = new ObjectMapper();

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	static final List<String> UNITS = List.of("unit-land", "unit-housing", "unit-social", "unit-transport",
			"unit-environment", "unit-agriculture");

	static final Map<String, String> CATEGORY_OF_UNIT = Map.of("unit-land", "LAND_REQUISITION", "unit-housing",
			"URBAN_CONSTRUCTION", "unit-social", "LABOUR_WAGES", "unit-transport", "ROADS_TRANSPORT", "unit-environment",
			"ENVIRONMENT", "unit-agriculture", "RURAL_AFFAIRS");

	private final String base;

	private ScaleQueries(String base) {
		this.base = base;
	}

	public static void main(String[] args) throws Exception {
		ScaleQueries bench = new ScaleQueries(args[0]);
		String url = args[1];
		int open = Integer.parseInt(args[2]);
		int runs = Integer.parseInt(args[3]);
		try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
			bench.openCases(open, db);
			// The planner's statistics as autovacuum keeps them in service (it analyzes a table after a tenth of it
			// changed, within a minute): the open tasks were registered a moment ago into a table the load left empty,
			// and a plan made for an empty act_ru_task joins a few hundred tasks by scanning (37 ms instead of 0.3 ms).
			try (Statement statement = db.createStatement()) {
				statement.execute("analyze");
			}
			bench.measure(db, runs);
		}
	}

	/**
	 * Registers cases through the public API; two in three are received and assigned to a unit by the leader. Every
	 * 100 cases, the tables autovacuum would have analyzed by then are analyzed (this machine's PostgreSQL runs
	 * without it): planned on the statistics of a table the load left empty, opening 5,000 cases slowed from 27 to 2
	 * a second, each leader's task lookup taking a second.
	 */
	void openCases(int count, Connection db) throws Exception {
		long started = System.nanoTime();
		for (int n = 0; n < count; n++) {
			if (n % 100 == 0) {
				analyzeChanged(db);
			}
			String unit = UNITS.get(n % UNITS.size());
			String first17 = String.format("3101%02d%04d0101%03d", n % 100, 1950 + n % 50, n / 100 % 1000);
			Map<String, Object> petition = Map.of("petitioner",
					Map.of("name", "规模" + n, "residentId", first17 + ResidentIdValidator.checkCharacter(first17), "phone",
							String.format("136%08d", n)),
					"personsCount", 1, "category", CATEGORY_OF_UNIT.get(unit), "summary", "规模测试 " + n, "request", "诉求 " + n);
			JsonNode registered = call("POST", "/api/petitions", null, petition);
			String caseNumber = registered.get("caseNumber").asText();
			if (n % 3 == 0) {
				continue;
			}
			JsonNode tasks = call("GET", "/engine-rest/task?processInstanceBusinessKey=" + caseNumber, "leader", null);
			if (tasks.isEmpty() || !tasks.get(0).get("taskDefinitionKey").asText().equals("Task_ReceivePetitioner")) {
				continue; // a category received with a lawyer: it waits for the lawyer's opinion
			}
			call("POST", "/engine-rest/task/" + tasks.get(0).get("id").asText() + "/submit-form", "leader",
					Map.of("variables", Map.of("receptionNotes", text("接访记录"), "outcome", text("ASSIGNED"), "assignedUnits",
							Map.of("value", "[\"" + unit + "\"]", "type", "Json"), "responsiblePerson", text("局长"),
							"deadlineDays", Map.of("value", 5 + n % 20, "type", "Integer"))));
		}
		System.err.printf("opened %d cases in %.0f s%n", count, (System.nanoTime() - started) / 1e9);
	}

	/** Analyzes the tables changed by more than 50 rows and a tenth of their rows since last analyzed, as autovacuum. */
	static void analyzeChanged(Connection db) throws SQLException {
		List<String> tables = column(db, "select s.relname::text from pg_stat_user_tables s join pg_class c on c.oid = s.relid"
				+ " where s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)", String.class);
		try (Statement statement = db.createStatement()) {
			for (String table : tables) {
				statement.execute("analyze " + table);
			}
		}
	}

	void measure(Connection db, int runs) throws Exception {
		List<String> cases = column(db,
				"select case_number from petition_case where status = 'CLOSED' order by random() limit 1000", String.class);
		List<Long> days = column(db, "select id from reception_day order by random() limit 200", Long.class);
		LocalDate newest = LocalDate.ofInstant(
				((java.sql.Timestamp) single(db, "select max(registered_at) from petition_case where status = 'CLOSED'"))
					.toInstant(), ZoneId.of("Asia/Shanghai"));
		String myTasks = filterId("我的任务");
		String groupTasks = filterId("本组/本单位待办");

		List<Row> rows = new ArrayList<>();
		rows.add(time("a unit's open tasks (engine REST task query, 50 by due date)", 100, runs, (i) -> {
			String unit = UNITS.get(i % UNITS.size());
			return request("GET", "/engine-rest/task?candidateGroup=" + unit
					+ "&sortBy=dueDate&sortOrder=asc&firstResult=0&maxResults=50", unit, null);
		}));
		rows.add(time("Tasklist default filter 我的任务 (list 15 + count)", 100, runs,
				(i) -> tasklistPage(myTasks, UNITS.get(i % UNITS.size()))));
		rows.add(time("Tasklist filter 本组/本单位待办 (list 15 + count)", 100, runs,
				(i) -> tasklistPage(groupTasks, UNITS.get(i % UNITS.size()))));
		// The receiving leader's own list: every case opened above that still waits for the decision at the table
		// (the summary below prints how many), where a unit's list holds the cases assigned to it.
		rows.add(time("Tasklist filter 本组/本单位待办 for the receiving leader (list 15 + count)", 100, runs,
				(i) -> tasklistPage(groupTasks, "leader")));
		rows.add(time("one case's audit trail (GET /api/audit/cases/{n})", 100, runs,
				(i) -> request("GET", "/api/audit/cases/" + cases.get(i % cases.size()), "auditor", null)));
		rows.add(time("a reception day's rates (GET /api/oversight/figures?receptionDay=)", 200, runs,
				(i) -> request("GET", "/api/oversight/figures?receptionDay=" + days.get(i % days.size()), "auditor", null)));
		rows.add(time("a month's rates for the province (GET /api/oversight/figures?from=&to=)", 200, runs, (i) -> {
			LocalDate month = newest.withDayOfMonth(1).minusMonths(i % 24);
			return request("GET", "/api/oversight/figures?from=" + month + "&to=" + month.plusMonths(1), "auditor", null);
		}));

		long cases_ = (Long) single(db, "select count(*) from petition_case");
		long activities = (Long) single(db, "select count(*) from act_hi_actinst");
		long tasks = (Long) single(db, "select count(*) from act_ru_task");
		long leaderTasks = call("POST", "/engine-rest/filter/" + groupTasks + "/count", "leader", Map.of()).get("count")
			.asLong();
		long authorizations = (Long) single(db, "select count(*) from act_ru_authorization");
		String size = (String) single(db, "select pg_size_pretty(pg_database_size(current_database()))");
		System.out.printf(
				"%n%d cases (%d open tasks, %d of them in the receiving leader's list, %d history activity rows, %d"
						+ " authorizations; database %s)%n%n",
				cases_, tasks, leaderTasks, activities, authorizations, size);
		System.out.println("| query | runs | p50 ms | p99 ms | max ms | target | |");
		System.out.println("| --- | ---: | ---: | ---: | ---: | --- | --- |");
		for (Row row : rows) {
			System.out.printf("| %s | %d | %.1f | %.1f | %.1f | < %d ms | %s |%n", row.name, row.runs, row.p50, row.p99,
					row.max, row.target, row.p99 < row.target ? "met" : "missed");
		}
		factsCheck();
		diskUse(db, cases_);
	}

	/**
	 * The operations check of what every case keeps for the rates against its assignments and return visits, three
	 * times: the copies keep their base's facts, so any case that differs is a fault of the load or of the check.
	 */
	private void factsCheck() throws Exception {
		List<String> millis = new ArrayList<>();
		JsonNode result = null;
		for (int i = 0; i < 3; i++) {
			long started = System.nanoTime();
			HttpResponse<String> response = request("GET", "/api/oversight/facts/check", "auditor", null);
			millis.add(String.format("%.0f", (System.nanoTime() - started) / 1e6));
			check("facts check", response);
			result = JSON.readTree(response.body());
		}
		if (result.get("differing").asLong() != 0) {
			throw new IllegalStateException("the rate facts of some cases differ from their records: " + result);
		}
		System.out.printf("%nThe rate facts of all %d cases checked against their assignments and return visits"
				+ " (GET /api/oversight/facts/check, an operations check): %s ms, no case differs.%n",
				result.get("cases").asLong(), String.join(", ", millis));
	}

	/** The largest tables with their indexes and TOAST, per case: what a larger M takes on disk. */
	private static void diskUse(Connection db, long cases) throws SQLException {
		System.out.printf("%nThe largest tables (rows, indexes and TOAST together):%n%n");
		System.out.println("| table | size | per case | share |");
		System.out.println("| --- | ---: | ---: | ---: |");
		long total = (Long) single(db, "select pg_database_size(current_database())");
		try (Statement statement = db.createStatement();
				ResultSet rows = statement.executeQuery("select relname, pg_total_relation_size(oid) from pg_class"
						+ " where relkind = 'r' and relnamespace = 'public'::regnamespace order by 2 desc limit 8")) {
			while (rows.next()) {
				long bytes = rows.getLong(2);
				System.out.printf("| %s | %.2f GB | %.1f KB | %.0f%% |%n", rows.getString(1), bytes / 1e9,
						bytes / 1e3 / cases, 100.0 * bytes / total);
			}
		}
		System.out.printf("| the whole database | %.2f GB | %.1f KB | 100%% |%n", total / 1e9, total / 1e3 / cases);
	}

	interface Query {

		HttpResponse<String> run(int i) throws Exception;

	}

	Row time(String name, int target, int runs, Query query) throws Exception {
		for (int i = 0; i < Math.min(10, runs); i++) {
			check(name, query.run(i));
		}
		double[] millis = new double[runs];
		for (int i = 0; i < runs; i++) {
			long started = System.nanoTime();
			HttpResponse<String> response = query.run(i + 10);
			millis[i] = (System.nanoTime() - started) / 1e6;
			check(name, response);
		}
		Arrays.sort(millis);
		return new Row(name, runs, percentile(millis, 50), percentile(millis, 99), millis[runs - 1], target);
	}

	static double percentile(double[] sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	static void check(String name, HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			throw new IllegalStateException(name + ": HTTP " + response.statusCode() + " " + response.body());
		}
	}

	record Row(String name, int runs, double p50, double p99, double max, int target) {
	}

	/** What Tasklist asks when a user opens a filter: its count, then its first page of 15, newest first. */
	HttpResponse<String> tasklistPage(String filterId, String user) throws Exception {
		request("POST", "/engine-rest/filter/" + filterId + "/count", user, Map.of());
		return request("POST", "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15", user,
				Map.of("sorting", List.of(Map.of("sortBy", "created", "sortOrder", "desc"))));
	}

	String filterId(String name) throws Exception {
		JsonNode filters = call("GET", "/engine-rest/filter?resourceType=Task", "admin", null);
		for (JsonNode filter : filters) {
			if (filter.get("name").asText().equals(name)) {
				return filter.get("id").asText();
			}
		}
		throw new IllegalStateException("no filter " + name + " (the demo profile creates them)");
	}

	JsonNode call(String method, String path, String user, Object body) throws Exception {
		HttpResponse<String> response = request(method, path, user, body);
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
		}
		return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
	}

	HttpResponse<String> request(String method, String path, String user, Object body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofMinutes(2));
		if (user != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
		}
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static Map<String, Object> text(String value) {
		return Map.of("value", value, "type", "String");
	}

	static Object single(Connection db, String sql) throws SQLException {
		try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getObject(1);
		}
	}

	/** The first column of every row, as the given type. */
	static <T> List<T> column(Connection db, String sql, Class<T> type) throws SQLException {
		List<T> values = new ArrayList<>();
		try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				values.add(rows.getObject(1, type));
			}
		}
		return values;
	}

}
