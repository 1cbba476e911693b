package org.pujiang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.pujiang.petition.CaseStatus;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.registration.ResidentIdValidator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a real port: one case from the registration form to closure, each step through the
 * engine's REST API the way Tasklist calls it (deployed form, claim, submit-form), each as the role that owns the
 * step.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:pujiang-http;DB_CLOSE_DELAY=-1")
@ActiveProfiles("test")
class PetitionCaseHttpTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	PetitionCaseRepository cases;

	@Test
	void shouldTakeACaseFromRegistrationToClosureOverHttp() {
		JsonNode startForm = get("registrar", "/engine-rest/process-definition/key/PetitionCase/deployed-start-form");
		assertThat(startForm.get("id").asText()).isEqualTo("RegisterPetition");

		ResponseEntity<JsonNode> started = post("registrar", "/engine-rest/process-definition/key/PetitionCase/submit-form",
				variables(registration("330726198807070")));
		assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
		String instanceId = started.getBody().get("id").asText();
		String caseNumber = started.getBody().get("businessKey").asText();
		assertThat(caseNumber).matches("PJ-\\d{4}-\\d{6}");

		work(instanceId, "Task_ReceivePetitioner", "leader",
				Map.of("receptionNotes", "反映养老保险断缴", "outcome", "ASSIGNED", "assignedUnits",
						json("[\"unit-social\"]"), "responsiblePerson", "人社局局长", "deadlineDays", 20));
		work(instanceId, "Task_HandleCase", "unit-social", Map.of("handlingAction", "REPORT", "handlingReport", "已补缴"));
		work(instanceId, "Task_VerifyReport", "registrar", Map.of("verification", "ACCEPTED"));
		work(instanceId, "Task_ReturnVisit", "returnvisit",
				Map.of("returnVisitMethod", "PHONE", "satisfaction", "SATISFIED", "returnVisitComment", "满意"));

		JsonNode history = get("auditor", "/engine-rest/history/process-instance/" + instanceId);
		assertThat(history.get("state").asText()).isEqualTo("COMPLETED");
		PetitionCase closed = this.cases.findByCaseNumber(caseNumber).orElseThrow();
		assertThat(closed.getStatus()).isEqualTo(CaseStatus.CLOSED);
		assertThat(closed.getResponsiblePerson()).isEqualTo("人社局局长");
	}

	@Test
	void shouldAnswerBadRegistrationWith400NamingTheFieldAndStoreNothing() {
		long before = this.cases.count();
		long instances = get("auditor", "/engine-rest/history/process-instance/count").get("count").asLong();
		Map<String, Object> form = registration("330726198807070");
		form.put("residentId", "330726198807070000");
		form.put("phone", "12");

		ResponseEntity<JsonNode> refused = post("registrar", "/engine-rest/process-definition/key/PetitionCase/submit-form",
				variables(form));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody().get("message").asText()).contains("residentId:").contains("phone:");
		assertThat(this.cases.count()).isEqualTo(before);
		assertThat(get("auditor", "/engine-rest/history/process-instance/count").get("count").asLong()).isEqualTo(instances);
	}

	private void work(String instanceId, String taskKey, String user, Map<String, Object> form) {
		JsonNode tasks = get(user, "/engine-rest/task?processInstanceId=" + instanceId + "&taskDefinitionKey=" + taskKey);
		assertThat(tasks).as(taskKey).hasSize(1);
		String taskId = tasks.get(0).get("id").asText();
		assertThat(get(user, "/engine-rest/task/" + taskId + "/deployed-form").get("id").asText()).isNotBlank();
		assertThat(post(user, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user)).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		ResponseEntity<JsonNode> submitted = post(user, "/engine-rest/task/" + taskId + "/submit-form", variables(form));
		assertThat(submitted.getStatusCode()).as(taskKey + ": " + submitted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
	}

	private static Map<String, Object> registration(String first15) {
		String first17 = first15 + "12";
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("petitionerName", "周红");
		form.put("residentId", first17 + ResidentIdValidator.checkCharacter(first17));
		form.put("phone", "13800138000");
		form.put("personsCount", 1);
		form.put("category", "SOCIAL_SECURITY");
		form.put("channel", "WALK_IN");
		form.put("summary", "单位未给缴纳养老保险");
		form.put("request", "要求补缴");
		return form;
	}

	/** The body Tasklist sends: each value with its type; lists go as JSON. */
	private static Map<String, Object> variables(Map<String, Object> form) {
		Map<String, Object> variables = new LinkedHashMap<>();
		form.forEach((name, value) -> variables.put(name, value instanceof Typed typed ? typed.value()
				: Map.of("value", value, "type", value instanceof Integer ? "Integer" : "String")));
		return Map.of("variables", variables);
	}

	private static Typed json(String value) {
		return new Typed(Map.of("value", value, "type", "Json"));
	}

	private record Typed(Map<String, Object> value) {
	}

	private JsonNode get(String user, String path) {
		ResponseEntity<JsonNode> response = this.http.withBasicAuth(user, "demo").getForEntity(path, JsonNode.class);
		assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	private ResponseEntity<JsonNode> post(String user, String path, Object body) {
		return this.http.withBasicAuth(user, "demo").postForEntity(path, body, JsonNode.class);
	}

}
