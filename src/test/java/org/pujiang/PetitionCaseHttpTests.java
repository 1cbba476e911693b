package org.pujiang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pujiang.petition.CaseStatus;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The whole application on a real port: one case from the registration form to closure, each step through the
 * engine's REST API the way Tasklist calls it, each as the role that owns the step.
 */
@PujiangHttpTest
class PetitionCaseHttpTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	PetitionCaseRepository cases;

	RestDesk desk;

	@BeforeEach
	void setUp() {
		this.desk = new RestDesk(this.http);
	}

	@Test
	void shouldTakeACaseFromRegistrationToClosureOverHttp() {
		JsonNode startForm = this.desk.get("registrar", "/engine-rest/process-definition/key/PetitionCase/deployed-start-form")
			.getBody();
		assertThat(startForm.get("id").asText()).isEqualTo("RegisterPetition");

		JsonNode started = this.desk.register(CaseDesk.petition("SOCIAL_SECURITY", 1));
		String instanceId = started.get("id").asText();
		String caseNumber = started.get("businessKey").asText();
		assertThat(caseNumber).matches("PJ-\\d{4}-\\d{6}");

		this.desk.complete("leader", instanceId, "Task_ReceivePetitioner", Map.of("receptionNotes", "反映养老保险断缴", "outcome",
				"ASSIGNED", "assignedUnits", List.of("unit-social"), "responsiblePerson", "人社局局长", "deadlineDays", 20));
		this.desk.complete("unit-social", instanceId, "Task_HandleCase", Map.of("handlingAction", "REPORT", "handlingReport", "已补缴"));
		this.desk.complete("registrar", instanceId, "Task_VerifyReport", Map.of("verification", "ACCEPTED"));
		this.desk.complete("returnvisit", instanceId, "Task_ReturnVisit",
				Map.of("returnVisitMethod", "PHONE", "satisfaction", "SATISFIED", "returnVisitComment", "满意"));

		JsonNode history = this.desk.get("auditor", "/engine-rest/history/process-instance/" + instanceId).getBody();
		assertThat(history.get("state").asText()).isEqualTo("COMPLETED");
		PetitionCase closed = this.cases.findByCaseNumber(caseNumber).orElseThrow();
		assertThat(closed.getStatus()).isEqualTo(CaseStatus.CLOSED);
		assertThat(closed.getResponsiblePerson()).isEqualTo("人社局局长");
		assertThat(closed.getRegisteredBy()).isEqualTo("registrar");
		assertThat(closed.getReceivingLeader()).isEqualTo("leader");
	}

	@Test
	void shouldAnswerBadRegistrationWith400NamingTheFieldAndStoreNothing() {
		long before = this.cases.count();
		long instances = count();
		Map<String, Object> form = CaseDesk.petition("SOCIAL_SECURITY", 1);
		form.put("residentId", "330726198807070000");
		form.put("phone", "12");

		ResponseEntity<JsonNode> refused = this.desk.post("registrar",
				"/engine-rest/process-definition/key/PetitionCase/submit-form", RestDesk.variables(form));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody().get("message").asText()).contains("residentId:").contains("phone:");
		assertThat(this.cases.count()).isEqualTo(before);
		assertThat(count()).isEqualTo(instances);
	}

	@Test
	void shouldAnswerARefusedTaskFormWith400NamingTheField() {
		String instanceId = this.desk.register(CaseDesk.petition("SOCIAL_SECURITY", 1)).get("id").asText();
		ResponseEntity<JsonNode> refused = this.desk.work("leader", instanceId, "Task_ReceivePetitioner",
				Map.of("receptionNotes", "记录", "outcome", "ASSIGNED", "assignedUnits", List.of("unit-social"),
						"responsiblePerson", "局长", "deadlineDays", 90));
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody().get("message").asText()).contains("deadlineDays:");
	}

	private long count() {
		return this.desk.get("auditor", "/engine-rest/history/process-instance/count").getBody().get("count").asLong();
	}

}
