package org.pujiang.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pujiang.petition.PetitionCaseProcess.*;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pujiang.CaseDesk;
import org.pujiang.PujiangApplication;
import org.pujiang.audit.CaseEvents;
import org.pujiang.petition.CaseStatus;
import org.pujiang.petition.PetitionCaseRepository;
import org.springframework.boot.builder.SpringApplicationBuilder;
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
		application = new SpringApplicationBuilder(PujiangApplication.class)
			.profiles("test", "postgres")
			// An engine name of its own: closing this node must not unregister the engine of the other test contexts.
			.run("--server.port=0", "--camunda.bpm.process-engine-name=postgres", "--spring.datasource.url=" + database.url(), "--spring.datasource.username=postgres",
					"--spring.datasource.password=");
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
	}

}
