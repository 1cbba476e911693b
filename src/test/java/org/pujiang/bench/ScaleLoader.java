package org.pujiang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

	/** Where the base's engine rows are kept while copying. */
	static final String BASE = "scale_base";

	static final String AUTHORIZATIONS = "act_ru_authorization";

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
			long perCopy = checkDisk(db, base, done, copies);
			long started = System.nanoTime();
			load(db, done, copies, perCopy);
			System.out.printf("loaded %d copies of %d closed cases: %d cases, %d history activity rows, in %.0f s%n", copies,
					base, single(db, "select count(*) from petition_case"),
					single(db, "select count(*) from act_hi_actinst"), (System.nanoTime() - started) / 1e9);
		}
	}

	/**
	 * Stops before copying when the copies left would not fit on the database's disk: a load that fills the disk
	 * fails hours in, and leaves PostgreSQL unable to write. A copy takes what the base takes, the rows copied and
	 * their indexes (measured before the first copy; a load that goes on reads what was measured then, as the
	 * indexes are dropped while copying); the reserve is for the write-ahead log and building the indexes. Skipped,
	 * with a note, where the data directory is not on this machine. Answers the bytes a copy takes.
	 */
	static long checkDisk(Connection db, long base, int done, int copies) throws SQLException {
		long perCopy = resumed(db) ? single(db, "select bytes_per_copy from " + BASE + ".estimate")
				: copiedBytes(db) / (done + 1);
		long needed = (long) Math.max(0, copies - done) * perCopy;
		// The database's own tablespace (bench/scale.sh --tablespace) or else the data directory.
		String location = single(db, "select pg_tablespace_location(dattablespace) from pg_database"
				+ " where datname = current_database()", String.class);
		Path data = Path.of(location == null || location.isEmpty() ? single(db, "show data_directory", String.class)
				: location);
		long free;
		try {
			free = Files.getFileStore(data).getUsableSpace();
		}
		catch (IOException | SecurityException ex) {
			System.out.printf("copying %d copies of %d cases: about %.1f GB (%.0f KB a case); the free space of %s is not"
					+ " known here (%s)%n", copies - done, base, needed / 1e9, perCopy / 1e3 / base, data, ex);
			return perCopy;
		}
		long reserve = Math.max(2_000_000_000L, needed / 20);
		System.out.printf("copying %d copies of %d cases: about %.1f GB (%.0f KB a case), %.1f GB free%n", copies - done,
				base, needed / 1e9, perCopy / 1e3 / base, free / 1e9);
		if (needed + reserve > free) {
			long fit = Math.max(0, (free - reserve) / perCopy + done + 1) * base;
			throw new IllegalStateException(String.format("%d cases need about %.1f GB more on the database's disk"
					+ " (%.0f KB a case, as measured) and %.1f GB to spare, but it has %.1f GB free: about %d cases"
					+ " fit. Free space, or ask for fewer cases.", (copies + 1) * base, needed / 1e9, perCopy / 1e3 / base,
					reserve / 1e9, free / 1e9, fit));
		}
		return perCopy;
	}

	private static boolean resumed(Connection db) throws SQLException {
		return single(db, "select count(*) from information_schema.schemata where schema_name = '" + BASE + "'") > 0;
	}

	/** The tables the copies grow: the business tables, the engine's history and the authorizations. */
	private static List<String> copiedTables(Connection db) throws SQLException {
		List<String> tables = new ArrayList<>(BUSINESS);
		tables.addAll(tables(db, "act_hi_%"));
		tables.add(AUTHORIZATIONS);
		return tables;
	}

	/** The size on disk (rows, indexes, TOAST) of the tables the copies grow. */
	private static long copiedBytes(Connection db) throws SQLException {
		long bytes = 0;
		for (String table : copiedTables(db)) {
			bytes += single(db, "select pg_total_relation_size('" + table + "')");
		}
		return bytes;
	}

	static void load(Connection db, int done, int copies, long bytesPerCopy) throws SQLException {
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
		keepBase(db, engineTables, bytesPerCopy);
		dropIndexes(db, copiedTables(db));
		db.commit();
		for (int from = done + 1; from <= copies; from += CHUNK) {
			int to = Math.min(copies, from + CHUNK - 1);
			String shift = "make_interval(secs => " + firstShift + " + k * " + step + "::bigint)";
			for (String table : BUSINESS) {
				copy(db, table, table, businessColumns(db, table, shift), baseFilterBusiness(table), from, to);
			}
			for (String table : engineTables) {
				copy(db, table, BASE + "." + table, engineColumns(db, table, shift), "true", from, to);
			}
			copy(db, AUTHORIZATIONS, BASE + "." + AUTHORIZATIONS, engineColumns(db, AUTHORIZATIONS, shift), "true", from,
					to);
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
		buildIndexes(db);
		db.setAutoCommit(true);
		try (Statement statement = db.createStatement()) {
			statement.execute("vacuum analyze");
		}
	}

	/**
	 * Keeps the base's engine rows apart (schema scale_base) for the copies to read: picking them out of the whole
	 * table by id would read every copy made so far, chunk after chunk. The business tables find theirs by primary key.
	 */
	private static void keepBase(Connection db, List<String> engineTables, long bytesPerCopy) throws SQLException {
		if (resumed(db)) {
			return;
		}
		execute(db, "create schema " + BASE);
		for (String table : engineTables) {
			execute(db, "create table " + BASE + "." + table + " as select * from " + table + " where id_ not like '%~%'");
		}
		execute(db, "create table " + BASE + "." + AUTHORIZATIONS + " as select * from " + AUTHORIZATIONS
				+ " where id_ not like '%~%' and resource_id_ in (select id_ from act_hi_procinst where id_ not like '%~%'"
				+ " union select id_ from act_hi_taskinst where id_ not like '%~%')");
		execute(db, "create table " + BASE + ".dropped_index (name text primary key, definition text not null)");
		execute(db, "create table " + BASE + ".estimate as select " + bytesPerCopy + "::bigint as bytes_per_copy");
	}

	/**
	 * Drops the copied tables' secondary indexes for the copying, as a restore does, and keeps their definitions
	 * (scale_base.dropped_index) for {@link #buildIndexes}: kept up row by row, they made each copy slower than the
	 * one before. Primary keys and unique constraints stay.
	 */
	private static void dropIndexes(Connection db, List<String> tables) throws SQLException {
		try (var statement = db.prepareStatement("insert into " + BASE + ".dropped_index (name, definition)"
				+ " select x.relname, pg_get_indexdef(i.indexrelid) from pg_index i join pg_class t on t.oid = i.indrelid"
				+ " join pg_class x on x.oid = i.indexrelid where t.relnamespace = 'public'::regnamespace"
				+ " and t.relname = any (?) and not i.indisprimary"
				+ " and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)"
				+ " on conflict (name) do nothing")) {
			statement.setArray(1, db.createArrayOf("text", tables.toArray()));
			statement.executeUpdate();
		}
		List<String> names = new ArrayList<>();
		try (Statement statement = db.createStatement();
				ResultSet rows = statement.executeQuery("select name from " + BASE + ".dropped_index order by name")) {
			while (rows.next()) {
				names.add(rows.getString(1));
			}
		}
		for (String name : names) {
			execute(db, "drop index if exists public.\"" + name + "\"");
		}
	}

	/** Builds the indexes dropped for the copying, each in its own transaction, and then drops scale_base. */
	private static void buildIndexes(Connection db) throws SQLException {
		long started = System.nanoTime();
		execute(db, "set maintenance_work_mem = '1GB'");
		Map<String, String> indexes = new LinkedHashMap<>();
		try (Statement statement = db.createStatement(); ResultSet rows = statement
			.executeQuery("select name, definition from " + BASE + ".dropped_index order by name")) {
			while (rows.next()) {
				indexes.put(rows.getString(1), rows.getString(2));
			}
		}
		for (Map.Entry<String, String> index : indexes.entrySet()) {
			execute(db, index.getValue());
			execute(db, "delete from " + BASE + ".dropped_index where name = '" + index.getKey() + "'");
			db.commit();
		}
		execute(db, "drop schema " + BASE + " cascade");
		db.commit();
		System.out.printf("  built %d indexes in %.0f s%n", indexes.size(), (System.nanoTime() - started) / 1e9);
	}

	private static void execute(Connection db, String sql) throws SQLException {
		try (Statement statement = db.createStatement()) {
			statement.execute(sql);
		}
	}

	private static void copy(Connection db, String table, String source, Map<String, String> columns,
			String baseFilter, int from, int to) throws SQLException {
		String sql = "insert into " + table + " (" + String.join(", ", columns.keySet()) + ") select "
				+ String.join(", ", columns.values()) + " from " + source + ", generate_series(" + from + ", " + to
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
		return single(db, sql, Long.class);
	}

	static <T> T single(Connection db, String sql, Class<T> type) throws SQLException {
		try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getObject(1, type);
		}
	}

}
