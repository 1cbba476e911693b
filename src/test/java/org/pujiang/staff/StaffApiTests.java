package org.pujiang.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pujiang.CaseDesk;
import org.pujiang.PujiangHttpTest;
import org.pujiang.RestDesk;
import org.pujiang.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The staff API role by role, the masking of resident ID numbers, and the confidentiality of accusations. */
@PujiangHttpTest
class StaffApiTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	IdentityService identities;

	RestDesk desk;

	@BeforeEach
	void setUp() {
		this.desk = new RestDesk(this.http);
	}

	@Test
	void shouldAskForALogin() {
		ResponseEntity<JsonNode> anonymous = this.http.getForEntity("/api/staff/cases", JsonNode.class);
		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
		assertThat(this.http.withBasicAuth("nobody", "guess").getForEntity("/api/staff/cases", JsonNode.class)
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void shouldShowTheResidentIdOnlyToTheRegistrarWhoEnteredIt() {
		Map<String, Object> form = CaseDesk.petition("ENVIRONMENT", 1);
		String caseNumber = this.desk.register(form).get("businessKey").asText();
		String residentId = (String) form.get("residentId");
		String masked = residentId.substring(0, 6) + "********" + residentId.substring(14);

		assertThat(record("registrar", caseNumber).getBody().get("petitioner").get("residentId").asText()).isEqualTo(residentId);
		assertThat(record("auditor", caseNumber).getBody().get("petitioner").get("residentId").asText()).isEqualTo(masked);
		assertThat(record("leader", caseNumber).getBody().get("petitioner").get("residentId").asText()).isEqualTo(masked);
		assertThat(record("auditor", caseNumber).getBody().toString()).doesNotContain(residentId);
	}

	@Test
	void shouldLetEachRoleReadTheCasesOfItsWork() {
		String instance = register("ENVIRONMENT");
		String caseNumber = caseNumber(instance);
		assertThat(record("leader", caseNumber).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(record("unit-environment", caseNumber).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(record("returnvisit", caseNumber).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(record("supervisor", caseNumber).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(record("lawyer", caseNumber).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(record("auditor", caseNumber).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(record("manager", caseNumber).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(record("registrar", "PJ-1999-000001").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

		this.desk.complete("leader", instance, "Task_ReceivePetitioner", Map.of("receptionNotes", "记录", "outcome",
				"ASSIGNED", "assignedUnits", List.of("unit-environment"), "responsiblePerson", "局长"));
		assertThat(record("unit-environment", caseNumber).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(record("unit-water", caseNumber).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(search("unit-environment", "").findValuesAsText("caseNumber")).contains(caseNumber)
			.allSatisfy((number) -> assertThat(record("unit-environment", number).getStatusCode()).isEqualTo(HttpStatus.OK));
		assertThat(search("unit-water", "").findValuesAsText("caseNumber")).doesNotContain(caseNumber);
		assertThat(record("leader", caseNumber).getBody().get("assignments").get(0).get("unit").asText())
			.isEqualTo("unit-environment");

		this.desk.complete("unit-environment", instance, "Task_HandleCase",
				Map.of("handlingAction", "REPORT", "handlingReport", "已整改"));
		this.desk.complete("registrar", instance, "Task_VerifyReport", Map.of("verification", "ACCEPTED"));
		assertThat(record("returnvisit", caseNumber).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(search("returnvisit", "&status=AWAITING_RETURN_VISIT").findValuesAsText("caseNumber")).contains(caseNumber);
	}

	@Test
	void shouldSearchByNumberPetitionerUnitAndStatus() {
		Map<String, Object> form = CaseDesk.petition("ENVIRONMENT", 1);
		String caseNumber = this.desk.register(form).get("businessKey").asText();
		assertThat(search("registrar", "&caseNumber=" + caseNumber).findValuesAsText("caseNumber")).containsExactly(caseNumber);
		assertThat(search("registrar", "&petitioner=" + form.get("petitionerName")).findValuesAsText("caseNumber"))
			.containsExactly(caseNumber);
		assertThat(search("registrar", "&status=AWAITING_RECEPTION").findValuesAsText("caseNumber")).contains(caseNumber);
		assertThat(search("registrar", "&status=CLOSED").findValuesAsText("caseNumber")).doesNotContain(caseNumber);
		assertThat(search("registrar", "&unit=unit-water").findValuesAsText("caseNumber")).doesNotContain(caseNumber);
		assertThat(this.desk.get("registrar", "/api/staff/cases?status=LOST").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.desk.get("registrar", "/api/staff/cases?size=1000").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void shouldNeverRouteAssignOrShowAnAccusationToTheAccusedUnit() {
		Map<String, Object> form = CaseDesk.petition("LAND_REQUISITION", 1);
		form.put("accusedUnit", "unit-land");
		String instance = this.desk.register(form).get("id").asText();
		String caseNumber = caseNumber(instance);
		this.desk.complete("lawyer", instance, "Task_GiveLegalOpinion", Map.of("legalOpinion", "依法处理"));

		String reception = this.desk.taskId("leader", instance, "Task_ReceivePetitioner");
		JsonNode options = this.desk.get("leader", "/engine-rest/task/" + reception + "/form-variables?variableNames=unitOptions&deserializeValues=false")
			.getBody();
		assertThat(options.get("unitOptions").get("value").asText()).contains("unit-agriculture").doesNotContain("unit-land");
		assertThat(this.desk.get("leader", "/engine-rest/task/" + reception + "/form-variables").getBody().has("accusedUnit"))
			.isFalse();

		ResponseEntity<JsonNode> refused = this.desk.work("leader", instance, "Task_ReceivePetitioner",
				Map.of("receptionNotes", "记录", "outcome", "ASSIGNED", "assignedUnits", List.of("unit-land"),
						"responsiblePerson", "局长"));
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody().get("message").asText()).contains("assignedUnits");
		assertThat(this.desk.taskId("leader", instance, "Task_ReceivePetitioner")).isEqualTo(reception);

		// The accused unit's users read nothing of it, whatever other role they also hold.
		user("land-auditor", "unit-land", Roles.AUDITOR);
		user("land-registrar", "unit-land", Roles.REGISTRAR);
		assertThat(record("unit-land", caseNumber).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(record("land-registrar", caseNumber).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(search("land-registrar", "").findValuesAsText("caseNumber")).doesNotContain(caseNumber);
		assertThat(this.desk.get("unit-land", "/engine-rest/process-instance/" + instance).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.desk.get("land-auditor", "/engine-rest/process-instance/" + instance).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.desk.get("unit-land", "/engine-rest/history/process-instance?processInstanceId=" + instance)
			.getBody()).isEmpty();
		assertThat(this.desk.get("auditor", "/engine-rest/process-instance/" + instance).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(record("auditor", caseNumber).getBody().get("accusedUnit").asText()).isEqualTo("unit-land");
	}

	@Test
	void shouldLetOnlyAuditorsVerifyTheHashChains() {
		register("ENVIRONMENT");
		ResponseEntity<JsonNode> verified = this.desk.get("auditor", "/api/audit/verify");
		assertThat(verified.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(verified.getBody().get("events").asLong()).isPositive();
		assertThat(verified.getBody().get("firstBrokenLink").isNull()).isTrue();
		assertThat(this.desk.get("registrar", "/api/audit/verify").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.desk.get(null, "/api/audit/verify").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void shouldShowAuditorsTheWholeTrailOfACaseAsJsonCsvAndAPage() {
		Map<String, Object> form = CaseDesk.petition("ENVIRONMENT", 1);
		form.put("summary", "<script>alert('x')</script>排污");
		String instance = this.desk.register(form).get("id").asText();
		String caseNumber = caseNumber(instance);
		this.desk.complete("leader", instance, "Task_ReceivePetitioner", Map.of("receptionNotes", "记录", "outcome",
				"SOLVED_ON_THE_SPOT", "decision", "当场责令停产整改"));

		ResponseEntity<JsonNode> trail = this.desk.get("auditor", "/api/audit/cases/" + caseNumber);
		assertThat(trail.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode entries = trail.getBody();
		assertThat(entries.findValuesAsText("source")).contains("BUSINESS", "ENGINE");
		assertThat(entries.findValuesAsText("what")).contains("RECEIVED", "任务创建", "任务完成", "进入环节", "操作 Claim");
		assertThat(entries.toString()).doesNotContain((String) form.get("residentId"));
		// As instants: ISO text drops a whole second's fraction, and "…12Z" sorts after "…12.001Z" as text.
		List<Instant> times = entries.findValuesAsText("time").stream().map(Instant::parse).toList();
		assertThat(times).isSortedAccordingTo(java.util.Comparator.naturalOrder());
		assertThat(this.desk.get("registrar", "/api/audit/cases/" + caseNumber).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.desk.get("auditor", "/api/audit/cases/PJ-1999-000001").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

		ResponseEntity<String> csv = this.http.withBasicAuth("auditor", RestDesk.PASSWORD)
			.getForEntity("/api/audit/cases/" + caseNumber + "/csv", String.class);
		assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
		assertThat(csv.getBody()).contains("时间,操作人,环节,事项,详情,来源").contains("\"RECEIVED\"");

		ResponseEntity<String> page = this.http.withBasicAuth("auditor", RestDesk.PASSWORD)
			.getForEntity("/audit/cases/" + caseNumber, String.class);
		assertThat(page.getBody()).contains("案件审计轨迹 " + caseNumber).contains("&lt;script&gt;")
			.doesNotContain("<script>alert");
		assertThat(this.http.getForEntity("/audit/cases/" + caseNumber, String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void shouldServeTheOversightFiguresAndDashboardToAuditorsAndManagers() {
		register("ENVIRONMENT");
		ResponseEntity<JsonNode> figures = this.desk.get("auditor", "/api/oversight/figures?by=CATEGORY");
		assertThat(figures.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(figures.getBody().get("total").get("received").asLong()).isPositive();
		assertThat(figures.getBody().get("groups").findValuesAsText("group")).contains("环境保护");
		assertThat(this.desk.get("manager", "/api/oversight/overdue").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.desk.get("registrar", "/api/oversight/figures").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<JsonNode> facts = this.desk.get("auditor", "/api/oversight/facts/check");
		assertThat(facts.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(facts.getBody().get("cases").asLong()).isPositive();
		assertThat(facts.getBody().get("differing").asLong()).isZero();
		assertThat(this.desk.get("registrar", "/api/oversight/facts/check").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.desk.get("auditor", "/api/oversight/figures?by=SIDEWAYS").getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		ResponseEntity<String> csv = this.http.withBasicAuth("auditor", RestDesk.PASSWORD)
			.getForEntity("/api/oversight/figures/csv?by=UNIT", String.class);
		assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
		assertThat(csv.getBody()).contains("分组,受理,办结").contains("\"合计\"");
		ResponseEntity<String> page = this.http.withBasicAuth("manager", RestDesk.PASSWORD)
			.getForEntity("/oversight/", String.class);
		assertThat(page.getBody()).contains("信访督查统计").contains("/webjars/chart.js/");
		assertThat(this.http.getForEntity("/webjars/chart.js/4.4.1/dist/chart.umd.js", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(this.http.getForEntity("/oversight/", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	private void user(String id, String... groups) {
		if (this.identities.createUserQuery().userId(id).count() > 0) {
			return;
		}
		User user = this.identities.newUser(id);
		user.setPassword(RestDesk.PASSWORD);
		this.identities.saveUser(user);
		for (String group : groups) {
			this.identities.createMembership(id, group);
		}
	}

	private String register(String category) {
		return this.desk.register(CaseDesk.petition(category, 1)).get("id").asText();
	}

	private String caseNumber(String instance) {
		return this.desk.get("auditor", "/engine-rest/process-instance/" + instance).getBody().get("businessKey").asText();
	}

	private ResponseEntity<JsonNode> record(String user, String caseNumber) {
		return this.desk.get(user, "/api/staff/cases/" + caseNumber);
	}

	private JsonNode search(String user, String query) {
		ResponseEntity<JsonNode> response = this.desk.get(user, "/api/staff/cases?size=100" + query);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody().get("content");
	}

}
