package org.pujiang.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V8 keeps on each case what the rates read of its assignments and return visits. The cases stored before it get
 * theirs from those tables: a database at V7 with cases of every kind, migrated, on H2 and on PostgreSQL.
 */
class CaseRateFactsMigrationTests {

	private static final OffsetDateTime MARCH = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.ofHours(8));

	@Test
	void shouldGiveTheCasesStoredBeforeV8TheirFactsOnH2() throws SQLException {
		migrateAndCheck("jdbc:h2:mem:v8facts;DB_CLOSE_DELAY=-1", "sa");
	}

	@Test
	void shouldGiveTheCasesStoredBeforeV8TheirFactsOnPostgres() throws SQLException {
		try (PostgresDatabase database = PostgresDatabase.createOrSkip()) {
			migrateAndCheck(database.url(), "postgres");
		}
	}

	private static void migrateAndCheck(String url, String user) throws SQLException {
		flyway(url, user).target("7").load().migrate();
		try (Connection db = DriverManager.getConnection(url, user, "")) {
			long petitioner = insert(db, "insert into petitioner (name, resident_id, phone, created_at) values (?, ?, ?, ?)",
					"张三", "330726199001010010", "13700000000", MARCH);

			// Two units, both accepted within their terms; one supervised; dissatisfied once, then satisfied.
			long jointOnTime = closedCase(db, petitioner, "ASSIGNED", 20);
			assignment(db, jointOnTime, "unit-land", 10, 9, true, null);
			assignment(db, jointOnTime, "unit-housing", 10, 10, false, "REFUSED");
			visit(db, jointOnTime, 1, "DISSATISFIED");
			visit(db, jointOnTime, 2, "SATISFIED");
			// Extended, and accepted a day past the extended deadline.
			long late = closedCase(db, petitioner, "ASSIGNED", 50);
			assignment(db, late, "unit-social", 40, 41, false, "APPROVED");
			visit(db, late, 1, "BASICALLY_SATISFIED");
			// The others: closed within the legal 60 days of registration, or after them.
			long onTheSpot = closedCase(db, petitioner, "SOLVED_ON_THE_SPOT", 1);
			visit(db, onTheSpot, 1, "BASICALLY_SATISFIED");
			long answeredLate = closedCase(db, petitioner, "DEFINITIVE_ANSWER", 61);
			visit(db, answeredLate, 1, "DISSATISFIED");
			// Still with the unit: not closed, so not closed on time, though supervised.
			long open = insert(db, "insert into petition_case (case_number, petitioner_id, persons_count, category, summary,"
					+ " request, channel, status, outcome, lawyer_required, return_visit_rounds, repeat_count, registered_at,"
					+ " version) values ('V8-OPEN', ?, 1, 'ENVIRONMENT', '事项', '诉求', 'VISIT', 'IN_HANDLING', 'ASSIGNED',"
					+ " false, 0, 0, ?, 0)", petitioner, MARCH);
			assignment(db, open, "unit-transport", 30, null, true, null);

			flyway(url, user).load().migrate();

			assertThat(facts(db, jointOnTime)).isEqualTo(facts(1, true, false, true));
			assertThat(facts(db, late)).isEqualTo(facts(1, false, true, false));
			assertThat(facts(db, onTheSpot)).isEqualTo(facts(1, false, false, true));
			assertThat(facts(db, answeredLate)).isEqualTo(facts(0, false, false, false));
			assertThat(facts(db, open)).isEqualTo(facts(0, true, false, false));
		}
	}

	private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url, String user) {
		return Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration");
	}

	/** A case registered in March and closed the given number of days later. */
	private static long closedCase(Connection db, long petitioner, String outcome, int closedAfterDays)
			throws SQLException {
		return insert(db, "insert into petition_case (case_number, petitioner_id, persons_count, category, summary, request,"
				+ " channel, status, outcome, lawyer_required, return_visit_rounds, repeat_count, registered_at, closed_at,"
				+ " version) values (?, ?, 1, 'ENVIRONMENT', '事项', '诉求', 'VISIT', 'CLOSED', ?, false, 0, 0, ?, ?, 0)",
				"V8-" + closedAfterDays, petitioner, outcome, MARCH, MARCH.plusDays(closedAfterDays));
	}

	/** An assignment of the given term, accepted the given number of days after assignment (null: not yet). */
	private static void assignment(Connection db, long caseId, String unit, int termDays, Integer acceptedAfterDays,
			boolean supervised, String extension) throws SQLException {
		insert(db, "insert into assignment (case_id, unit_code, status, assigned_at, deadline, reminder_at, supervised,"
				+ " extension_status, accepted_at, handling_round, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0)",
				caseId, unit, acceptedAfterDays == null ? "HANDLING" : "ACCEPTED", MARCH, MARCH.plusDays(termDays),
				MARCH.plusDays(termDays - 5), supervised, extension,
				acceptedAfterDays == null ? null : MARCH.plus(Duration.ofDays(acceptedAfterDays)));
	}

	private static void visit(Connection db, long caseId, int round, String satisfaction) throws SQLException {
		insert(db, "insert into return_visit (case_id, round, method, satisfaction, comment, visited_at)"
				+ " values (?, ?, 'PHONE', ?, '回访', ?)", caseId, round, satisfaction, MARCH.plusDays(round));
		insert(db, "update petition_case set return_visit_rounds = ?, satisfaction = ? where id = ?", round, satisfaction,
				caseId);
	}

	private static Map<String, Object> facts(int satisfiedVisits, boolean supervised, boolean extended,
			boolean closedOnTime) {
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("satisfied_visits", satisfiedVisits);
		facts.put("supervised", supervised);
		facts.put("extended", extended);
		facts.put("closed_on_time", closedOnTime);
		return facts;
	}

	private static Map<String, Object> facts(Connection db, long caseId) throws SQLException {
		try (PreparedStatement statement = db.prepareStatement(
				"select satisfied_visits, supervised, extended, closed_on_time from petition_case where id = ?")) {
			statement.setLong(1, caseId);
			try (ResultSet row = statement.executeQuery()) {
				assertThat(row.next()).isTrue();
				return facts(row.getInt(1), row.getBoolean(2), row.getBoolean(3), row.getBoolean(4));
			}
		}
	}

	/** Runs the statement; the generated id of an insert, else the rows changed. */
	private static long insert(Connection db, String sql, Object... values) throws SQLException {
		boolean inserting = sql.startsWith("insert");
		try (PreparedStatement statement = inserting ? db.prepareStatement(sql, new String[] { "id" })
				: db.prepareStatement(sql)) {
			for (int i = 0; i < values.length; i++) {
				statement.setObject(i + 1, values[i]);
			}
			int changed = statement.executeUpdate();
			if (!inserting) {
				return changed;
			}
			try (ResultSet keys = statement.getGeneratedKeys()) {
				assertThat(keys.next()).isTrue();
				return keys.getLong(1);
			}
		}
	}

}
