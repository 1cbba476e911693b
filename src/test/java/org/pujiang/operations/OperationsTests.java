package org.pujiang.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.pujiang.CaseDesk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * What operators watch: the health of the database and the engine, and the case figures for Prometheus (metrics
 * export is on here, as in production; tests elsewhere leave it off).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		// A database and an engine name of its own: the engine REST API of the other web test context finds its
		// engine by the name "default" in the JVM-wide registry.
		properties = { "spring.datasource.url=jdbc:h2:mem:pujiang-operations;DB_CLOSE_DELAY=-1",
				"camunda.bpm.process-engine-name=operations" })
@ActiveProfiles("test")
@AutoConfigureObservability
class OperationsTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	ProcessEngine engine;

	@Test
	void shouldReportTheHealthOfTheDatabaseAndTheEngine() {
		JsonNode components = this.http.getForEntity("/actuator/health", JsonNode.class).getBody().get("components");
		assertThat(components.get("db").get("status").asText()).isEqualTo("UP");
		assertThat(components.get("processEngine").get("status").asText()).isEqualTo("UP");
	}

	@Test
	void shouldExposeTheCaseFiguresToPrometheus() {
		new CaseDesk(this.engine).register(CaseDesk.petition("ENVIRONMENT", 1));
		String metrics = this.http.getForEntity("/actuator/prometheus", String.class).getBody();
		assertThat(metrics).contains("pujiang_cases_registered").contains("pujiang_cases_closed")
			.contains("pujiang_assignments_overdue");
		double registered = metrics.lines()
			.filter((line) -> line.startsWith("pujiang_cases_registered"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow();
		assertThat(registered).isGreaterThanOrEqualTo(1);
	}

}
