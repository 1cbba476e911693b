package org.pujiang.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bulk path of the scale benchmark: multiplies a database that holds real closed cases (the first Pujiang day,
 * replayed through the engine) until it holds M cases. Every copy repeats the base rows — the engine's history
 * (act_hi_*), the per-instance authorizations and the business tables — with fresh ids and its timestamps moved so
 * that the copies spread over ten years, as a province's archive would. The rows are the ones the engine and the
 * application wrote; only ids, case numbers, resident ID numbers (synthetic in the copies) and times differ.
 * <p>
 * Not a product feature: the copies share the base's variable payloads (act_ge_bytearray) and their audit chains do
 * not verify (the hash covers the original ids). It is for read benchmarks only.
 * <p>
 * {@code java … org.pujiang.bench.ScaleLoader jdbc:postgresql://127.0.0.1:5432/db 100000}
 */
public final class ScaleLoader {

	/** Business ids of copy k are the base id plus k times this. */
	static final long STRIDE = 10_000_000L;

	/** The business tables, parents first. */
	static final List<String> BUSINESS = List.of("petitioner", "reception_day", "reception_room", "announcement",
			"day_report", "petition_case", "repeat_registration", "assignment", "supervision", "return_visit", "notice",
			"case_event");

	/** Engine columns that hold the id of an instance-level row (remapped per copy); others (definitions) are shared. */
	static final Set<String> INSTANCE_IDS = Set.of("id_", "proc_inst_id_", "root_proc_inst_id_", "execution_id_",
			"act_inst_id_", "parent_act_inst_id_", "task_id_", "call_proc_inst_id_", "super_process_instance_id_",
			"super_exec_", "parent_id_", "job_id_", "dec_inst_id_", "root_dec_inst_id_", "operation_id_", "var_inst_id_",
			"process_instance_id_", "cause_incident_id_", "root_cause_incident_id_", "parent_task_id_",
			"activity_instance_id_", "case_inst_id_", "case_execution_id_", "super_case_instance_id_", "batch_id_",
			"external_task_id_");

	/** Copies per statement: keeps transactions to a few million rows. */
	static final int CHUNK = 25;

	private ScaleLoader() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		long target = Long.parseLong(args[1]);
		try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
			long base = single(db, "select count(*) from petition_case where status = 'CLOSED' and id < " + STRIDE);
			if (base == 0) {
				throw new IllegalStateException("no closed cases to copy: load the base first (the replay)");
			}
			int copies = (int) Math.max(0, (target + base - 1) / base - 1);
			// A load that stopped half-way (each chunk of copies commits) goes on after the last copy it made.
			int done = (int) single(db, "select coalesce(max(id / " + STRIDE + "), 0) from petition_case");
			long started = System.nanoTime();
			load(db, done, copies);
			System.out.printf("loaded %d copies of %d closed cases: %d cases, %d history activity rows, in %.0f s%n", copies,
					base, single(db, "select count(*) from petition_case"),
					single(db, "select count(*) from act_hi_actinst"), (System.nanoTime() - started) / 1e9);
		}
	}

	static void load(Connection db, int done, int copies) throws SQLException {
		if (copies <= done) {
			return;
		}
		db.setAutoCommit(false);
		// The base is the replay's 2003; the copies are spread over the ten years up to now, the newest last.
		long baseStart = single(db, "select extract(epoch from min(registered_at))::bigint from petition_case");
		long now = System.currentTimeMillis() / 1000;
		long span = 10L * 365 * 24 * 3600;
		long step = span / copies;
		long firstShift = now - span - baseStart;
		List<String> engineTables = tables(db, "act_hi_%");
		for (int from = done + 1; from <= copies; from += CHUNK) {
			int to = Math.min(copies, from + CHUNK - 1);
			String shift = "make_interval(secs => " + firstShift + " + k * " + step + "::bigint)";
			for (String table : BUSINESS) {
				copy(db, table, businessColumns(db, table, shift), baseFilterBusiness(table), from, to);
			}
			for (String table : engineTables) {
				copy(db, table, engineColumns(db, table, shift), "id_ not like '%~%'", from, to);
			}
			copy(db, "act_ru_authorization", engineColumns(db, "act_ru_authorization", shift),
					"id_ not like '%~%' and resource_id_ in (select id_ from act_hi_procinst where id_ not like '%~%'"
							+ " union select id_ from act_hi_taskinst where id_ not like '%~%')",
					from, to);
			db.commit();
			System.out.printf("  copies %d-%d of %d%n", from, to, copies);
		}
		for (String table : BUSINESS) {
			if (!table.equals("reception_room")) {
				try (Statement statement = db.createStatement()) {
					statement.execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), (select max(id) from "
							+ table + "))");
				}
			}
		}
		db.commit();
		db.setAutoCommit(true);
		try (Statement statement = db.createStatement()) {
			statement.execute("vacuum analyze");
		}
	}

	private static void copy(Connection db, String table, Map<String, String> columns, String baseFilter, int from,
			int to) throws SQLException {
		String sql = "insert into " + table + " (" + String.join(", ", columns.keySet()) + ") select "
				+ String.join(", ", columns.values()) + " from " + table + ", generate_series(" + from + ", " + to
				+ ") as g(k) where " + baseFilter;
		try (Statement statement = db.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String baseFilterBusiness(String table) {
		return table.equals("reception_room") ? "reception_day_id < " + STRIDE : "id < " + STRIDE;
	}

	private static Map<String, String> businessColumns(Connection db, String table, String shift) throws SQLException {
		Map<String, String> columns = new LinkedHashMap<>();
		for (String[] column : columns(db, table)) {
			String name = column[0];
			String type = column[1];
			String expression = name;
			if (type.equals("bigint") && (name.equals("id") || name.endsWith("_id"))) {
				expression = name + " + k::bigint * " + STRIDE;
			}
			else if (name.equals("case_number")) {
				expression = caseNumber(name);
			}
			else if (name.equals("resident_id")) {
				expression = "lpad((id + k::bigint * " + STRIDE + ")::text, 17, '0') || 'X'";
			}
			else if (name.equals("process_instance_id")) {
				expression = instanceId(name);
			}
			else if (type.startsWith("timestamp")) {
				expression = name + " + " + shift;
			}
			columns.put(name, expression);
		}
		return columns;
	}

	private static Map<String, String> engineColumns(Connection db, String table, String shift) throws SQLException {
		Map<String, String> columns = new LinkedHashMap<>();
		for (String[] column : columns(db, table)) {
			String name = column[0];
			String type = column[1];
			String expression = name;
			if (INSTANCE_IDS.contains(name) || (table.equals("act_ru_authorization") && name.equals("resource_id_"))) {
				expression = instanceId(name);
			}
			else if (name.equals("business_key_")) {
				expression = caseNumber(name);
			}
			else if (type.startsWith("timestamp")) {
				expression = name + " + " + shift;
			}
			columns.put(name, expression);
		}
		return columns;
	}

	/**
	 * An engine id of copy k: its last five characters replaced by ~ and k in hex, so that it keeps its length (some
	 * ids, like activity instance ids, come close to the columns' 64 characters). The ids end in random UUID digits.
	 */
	private static String instanceId(String column) {
		return "left(" + column + ", length(" + column + ") - 5) || '~' || lpad(to_hex(k), 4, '0')";
	}

	/** PJ-2003-000123 becomes PJ-0001-2003-000123 in copy 1. */
	private static String caseNumber(String column) {
		return "case when " + column + " like 'PJ-%' then 'PJ-' || lpad(k::text, 4, '0') || '-' || substr(" + column
				+ ", 4) else " + instanceId(column) + " end";
	}

	private static List<String[]> columns(Connection db, String table) throws SQLException {
		List<String[]> columns = new ArrayList<>();
		try (var statement = db.prepareStatement("select column_name, data_type from information_schema.columns"
				+ " where table_schema = 'public' and table_name = ? order by ordinal_position")) {
			statement.setString(1, table);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					columns.add(new String[] { rows.getString(1), rows.getString(2) });
				}
			}
		}
		return columns;
	}

	private static List<String> tables(Connection db, String pattern) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (var statement = db.prepareStatement("select table_name from information_schema.tables"
				+ " where table_schema = 'public' and table_name like ? and table_type = 'BASE TABLE' order by table_name")) {
			statement.setString(1, pattern);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					tables.add(rows.getString(1));
				}
			}
		}
		return tables;
	}

	static long single(Connection db, String sql) throws SQLException {
		try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
