package org.pujiang.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pujiang.CaseDesk;
import org.pujiang.PujiangHttpTest;
import org.pujiang.RestDesk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The engine's REST API, role by role: what a role may do succeeds, what it may not answers 401 or 403. */
@PujiangHttpTest
class EngineRestAccessTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	org.camunda.bpm.engine.IdentityService identities;

	RestDesk desk;

	@BeforeEach
	void setUp() {
		this.desk = new RestDesk(this.http);
	}

	@Test
	void shouldTurnAwayAnonymousCallersAndWrongPasswords() {
		assertThat(this.desk.get(null, "/engine-rest/task").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.desk.get(null, "/engine-rest/process-definition").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		// Not a real user: a wrong password locks a user for a few seconds (the engine's brute-force delay).
		assertThat(this.http.withBasicAuth("nobody", "wrong").getForEntity("/engine-rest/task", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void shouldLetTheRegistrarRegisterButNotDeploy() {
		assertThat(this.desk.register(CaseDesk.petition("ENVIRONMENT", 1)).get("id").asText()).isNotBlank();
		assertThat(deploy("registrar").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.desk.post("leader", "/engine-rest/process-definition/key/PetitionCase/submit-form",
				RestDesk.variables(CaseDesk.petition("ENVIRONMENT", 1))).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void shouldLetOnlyTheAssignedUnitSeeAndCompleteItsTask() {
		String instance = assignedTo("unit-environment");

		String taskId = this.desk.taskId("unit-environment", instance, "Task_HandleCase");
		assertThat(tasks("unit-water", instance)).isEmpty();
		assertThat(tasks("returnvisit", instance)).isEmpty();
		assertThat(complete("unit-water", taskId).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(complete("supervisor", taskId).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.desk.get("unit-water", "/engine-rest/process-instance/" + instance).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.desk.get("unit-environment", "/engine-rest/process-instance/" + instance).getStatusCode())
			.isEqualTo(HttpStatus.OK);

		this.desk.complete("unit-environment", instance, "Task_HandleCase",
				Map.of("handlingAction", "REPORT", "handlingReport", "已整改"));
		assertThat(tasks("registrar", instance)).hasSize(1);
	}

	@Test
	void shouldLetTheLeaderDecideReceptionsAndFollowTheCasesReceived() {
		String instance = this.desk.register(CaseDesk.petition("ENVIRONMENT", 1)).get("id").asText();
		String reception = this.desk.taskId("leader", instance, "Task_ReceivePetitioner");
		assertThat(tasks("unit-environment", instance)).isEmpty();
		assertThat(complete("registrar", reception).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.desk.get("leader", "/engine-rest/process-instance/" + instance).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);

		this.desk.complete("leader", instance, "Task_ReceivePetitioner", Map.of("receptionNotes", "记录", "outcome",
				"ASSIGNED", "assignedUnits", List.of("unit-environment"), "responsiblePerson", "局长"));
		assertThat(this.desk.get("leader", "/engine-rest/process-instance/" + instance).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void shouldLetAuditorsReadEverythingAndChangeNothing() {
		String instance = assignedTo("unit-environment");
		String taskId = this.desk.taskId("unit-environment", instance, "Task_HandleCase");

		assertThat(this.desk.get("auditor", "/engine-rest/process-instance/" + instance).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.desk.get("auditor", "/engine-rest/history/process-instance?processInstanceId=" + instance).getBody())
			.hasSize(1);
		assertThat(this.desk.get("auditor", "/engine-rest/history/activity-instance?processInstanceId=" + instance).getBody())
			.isNotEmpty();
		assertThat(this.desk.get("auditor", "/engine-rest/task?processInstanceId=" + instance).getBody()).hasSize(1);
		assertThat(this.desk.get("auditor", "/engine-rest/history/decision-instance").getStatusCode()).isEqualTo(HttpStatus.OK);

		assertThat(complete("auditor", taskId).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.desk.post("auditor", "/engine-rest/task/" + taskId + "/claim", Map.of("userId", "auditor"))
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(deploy("auditor").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.desk.post("auditor", "/engine-rest/process-instance/" + instance + "/suspended", null)
			.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.METHOD_NOT_ALLOWED);
	}

	@Test
	void shouldLetManagersDeployDecisionTablesAndDiagrams() {
		ResponseEntity<JsonNode> deployed = deploy("manager");
		assertThat(deployed.getStatusCode()).as(String.valueOf(deployed.getBody())).isEqualTo(HttpStatus.OK);
	}

	@Test
	void shouldLetOnlyTheAdministratorManageUsers() {
		Map<String, Object> user = Map.of("profile", Map.of("id", "newclerk", "firstName", "新", "lastName", "员",
				"email", "newclerk@pujiang.local"), "credentials", Map.of("password", "s3cret-pass"));
		assertThat(this.desk.post("manager", "/engine-rest/user/create", user).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.http.withBasicAuth("admin", "test-admin-secret")
			.postForEntity("/engine-rest/user/create", user, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(this.http.withBasicAuth("admin", "test-admin-secret")
			.exchange("/engine-rest/user/newclerk", HttpMethod.DELETE, null, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
	}

	@Test
	void shouldLetOneOfTwoConcurrentCompletionsWinAndTellTheOtherPlainly() throws Exception {
		if (this.identities.createUserQuery().userId("leader2").count() == 0) {
			var second = this.identities.newUser("leader2");
			second.setPassword(RestDesk.PASSWORD);
			this.identities.saveUser(second);
			this.identities.createMembership("leader2", "leader");
		}
		for (int round = 0; round < 20; round++) {
			String instance = this.desk.register(CaseDesk.petition("ENVIRONMENT", 1)).get("id").asText();
			String taskId = this.desk.taskId("leader", instance, "Task_ReceivePetitioner");
			Object form = RestDesk.variables(Map.of("receptionNotes", "记录", "outcome", "SOLVED_ON_THE_SPOT", "decision", "当场解决"));
			java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
			java.util.concurrent.ExecutorService staff = java.util.concurrent.Executors.newFixedThreadPool(2);
			try {
				List<java.util.concurrent.Future<ResponseEntity<JsonNode>>> answers = new java.util.ArrayList<>();
				for (String user : List.of("leader", "leader2")) {
					answers.add(staff.submit(() -> {
						start.await();
						return this.desk.post(user, "/engine-rest/task/" + taskId + "/submit-form", form);
					}));
				}
				List<Integer> statuses = new java.util.ArrayList<>();
				for (var answer : answers) {
					ResponseEntity<JsonNode> response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
					statuses.add(response.getStatusCode().value());
					if (response.getStatusCode().value() == 409) {
						assertThat(response.getBody().get("message").asText()).contains("他人");
					}
				}
				assertThat(statuses).containsExactlyInAnyOrder(204, 409);
			}
			finally {
				staff.shutdownNow();
			}
			assertThat(this.desk.get("auditor", "/engine-rest/task?processInstanceId=" + instance + "&taskDefinitionKey=Task_ReturnVisit")
				.getBody()).hasSize(1);
			assertThat(this.desk.get("auditor", "/engine-rest/history/task?processInstanceId=" + instance
					+ "&taskDefinitionKey=Task_ReceivePetitioner").getBody()).hasSize(1);
		}
	}

	private String assignedTo(String unit) {
		String instance = this.desk.register(CaseDesk.petition("ENVIRONMENT", 1)).get("id").asText();
		this.desk.complete("leader", instance, "Task_ReceivePetitioner", Map.of("receptionNotes", "记录", "outcome",
				"ASSIGNED", "assignedUnits", List.of(unit), "responsiblePerson", "局长"));
		return instance;
	}

	private JsonNode tasks(String user, String instance) {
		return this.desk.get(user, "/engine-rest/task?processInstanceId=" + instance).getBody();
	}

	private ResponseEntity<JsonNode> complete(String user, String taskId) {
		return this.desk.post(user, "/engine-rest/task/" + taskId + "/submit-form",
				RestDesk.variables(Map.of("handlingAction", "REPORT", "handlingReport", "越权")));
	}

	/** Deploys the unchanged routing table (deploy-changed-only): proves the permission, changes nothing. */
	private ResponseEntity<JsonNode> deploy(String user) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("deployment-name", "pujiang");
		parts.add("deploy-changed-only", "true");
		parts.add("data", new ByteArrayResource(read("processes/HandlingDeadline.dmn")) {
			@Override
			public String getFilename() {
				return "HandlingDeadline.dmn";
			}
		});
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		return this.http.withBasicAuth(user, RestDesk.PASSWORD)
			.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers), JsonNode.class);
	}

	private static byte[] read(String path) {
		try {
			return java.nio.file.Files.readAllBytes(java.nio.file.Path.of(path));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
