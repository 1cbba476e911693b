package org.pujiang.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.pujiang.petition.BusinessClock;
import org.pujiang.petition.CaseStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Case figures for Prometheus, counted in the shared database so that every node of a cluster reports the same:
 * cases registered, closed, open, and assignments overdue.
 */
@Component
class CaseMetrics {

	CaseMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
		Gauge.builder("pujiang.cases.registered", () -> count(jdbc, "select count(*) from petition_case"))
			.description("Petition cases registered")
			.register(registry);
		Gauge.builder("pujiang.cases.closed",
				() -> count(jdbc, "select count(*) from petition_case where status = '" + CaseStatus.CLOSED.name() + "'"))
			.description("Petition cases closed")
			.register(registry);
		Gauge.builder("pujiang.cases.open",
				() -> count(jdbc, "select count(*) from petition_case where status <> '" + CaseStatus.CLOSED.name() + "'"))
			.description("Petition cases not yet closed")
			.register(registry);
		Gauge.builder("pujiang.assignments.overdue", () -> jdbc.queryForObject(
				"select count(*) from assignment where status <> 'ACCEPTED' and deadline < ?", Long.class,
				java.sql.Timestamp.from(BusinessClock.now())))
			.description("Assignments past their handling deadline and not yet accepted")
			.register(registry);
	}

	private static long count(JdbcTemplate jdbc, String sql) {
		Long count = jdbc.queryForObject(sql, Long.class);
		return count == null ? 0 : count;
	}

}
