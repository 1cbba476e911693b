package org.pujiang.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pujiang.petition.PetitionCaseProcess.*;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pujiang.CaseDesk;
import org.pujiang.audit.CaseEvents;
import org.pujiang.oversight.CaseFactsCheck;
import org.pujiang.oversight.CaseRates.Rates;
import org.pujiang.oversight.Oversight;
import org.pujiang.oversight.Oversight.By;
import org.pujiang.oversight.Oversight.Figures;
import org.pujiang.oversight.Oversight.Row;
import org.pujiang.petition.BusinessClock;
import org.pujiang.petition.CaseStatus;
import org.pujiang.petition.PetitionCaseRepository;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application on a real PostgreSQL with the postgres profile: Flyway's migrations and Camunda's schema on a
 * fresh database, then a case from registration to closure with its hash chain.
 */
class PostgresLifecycleTests {

	static PostgresDatabase database;

	static ConfigurableApplicationContext application;

	@BeforeAll
	static void start() {
		database = PostgresDatabase.createOrSkip();
		application = database.startApplication("postgres");
	}

	@AfterAll
	static void stop() throws Exception {
		if (application != null) {
			application.close();
		}
		if (database != null) {
			database.close();
		}
	}

	@Test
	void shouldMigrateAndRunACaseToClosureOnPostgres() {
		JdbcTemplate jdbc = application.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
			.isGreaterThanOrEqualTo(4);
		assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where table_name like 'act_%'",
				Integer.class)).isGreaterThan(40);

		CaseDesk desk = new CaseDesk(application.getBean(ProcessEngine.class));
		Map<String, Object> form = CaseDesk.petition("ENVIRONMENT", 1);
		ProcessInstance instance = desk.register(form);
		assertThat(instance.getBusinessKey()).matches("PJ-\\d{4}-\\d{6}");
		desk.register(form);
		desk.assign(instance, "unit-environment");
		desk.report(instance, "unit-environment", "已整改");
		desk.verify(instance, Map.of(VERIFICATION, "ACCEPTED"));
		desk.visitBack(instance, "SATISFIED", "满意");

		PetitionCaseRepository cases = application.getBean(PetitionCaseRepository.class);
		assertThat(cases.findByCaseNumber(instance.getBusinessKey()).orElseThrow().getStatus()).isEqualTo(CaseStatus.CLOSED);
		assertThat(cases.findByCaseNumber(instance.getBusinessKey()).orElseThrow().getRepeatCount()).isEqualTo(1);
		assertThat(application.getBean(CaseEvents.class).verify().intact()).isTrue();
		CaseFactsCheck facts = application.getBean(CaseFactsCheck.class);
		assertThat(facts.check().agree()).as(facts.check().describe()).isTrue();
		jdbc.update("update petition_case set closed_on_time = false where case_number = ?", instance.getBusinessKey());
		assertThat(facts.check().describe()).contains("1 differ from their records", "closed_on_time: kept 0, records 1");
		jdbc.update("update petition_case set closed_on_time = true where case_number = ?", instance.getBusinessKey());

		// The rates are counted in SQL: every grouping on PostgreSQL, over the case just closed.
		Oversight oversight = application.getBean(Oversight.class);
		for (By by : By.values()) {
			Figures figures = oversight.figures(by, null, null);
			Rates total = figures.total();
			assertThat(total.received()).as(by.name()).isEqualTo(1);
			assertThat(total.closed()).isEqualTo(1);
			assertThat(total.closedOnTime()).isEqualTo(1);
			assertThat(total.returnVisits()).isEqualTo(1);
			assertThat(total.satisfiedVisits()).isEqualTo(1);
			assertThat(total.repeatRate()).isEqualTo(0.5);
			assertThat(total.supervised()).isZero();
			assertThat(figures.groups()).extracting(Row::rates)
				.isEqualTo(by == By.TOTAL ? List.of() : List.of(total));
		}
		assertThat(oversight.figures(By.UNIT, null, null).groups()).extracting(Row::group).containsExactly("生态环境分局");
		assertThat(oversight.figures(By.CATEGORY, null, null).groups()).extracting(Row::group).containsExactly("环境保护");
		assertThat(oversight.figures(By.DAY, null, null).groups()).extracting(Row::group).containsExactly("日常接访");
		assertThat(oversight.figures(By.MONTH, null, null).groups()).extracting(Row::group)
			.containsExactly(BusinessClock.date(BusinessClock.now()).substring(0, 7));
		LocalDate today = BusinessClock.today();
		assertThat(oversight.figures(By.TOTAL, today.plusDays(1), today.plusDays(2)).total().received()).isZero();
	}

	@Test
	void shouldSendBatchedInsertsAsMultiRowInserts() throws Exception {
		// Every test on PostgreSQL runs with it; this keeps the profile's driver setting from coming unbound unnoticed.
		// A batch rewritten as one multi-row insert answers "succeeded, rows unknown" for each row; one sent row by row
		// answers 1 for each.
		try (Connection connection = application.getBean(DataSource.class).getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create temporary table batch_probe (n int)");
			try (PreparedStatement insert = connection.prepareStatement("insert into batch_probe (n) values (?)")) {
				for (int n = 1; n <= 2; n++) {
					insert.setInt(1, n);
					insert.addBatch();
				}
				assertThat(insert.executeBatch()).containsExactly(Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO);
			}
			statement.execute("drop table batch_probe");
		}
	}

}
