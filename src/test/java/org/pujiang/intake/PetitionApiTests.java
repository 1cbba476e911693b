package org.pujiang.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pujiang.AtOnce;
import org.pujiang.CaseDesk;
import org.pujiang.PujiangHttpTest;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.petition.PetitionerRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The public API over real HTTP: registration, retries, repeats, every kind of bad input, and the lookup. */
@PujiangHttpTest
class PetitionApiTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	PetitionCaseRepository cases;

	@Autowired
	PetitionerRepository petitioners;

	@Autowired
	HistoryService history;

	@Test
	void shouldRegisterOnlineAndStartTheCase() {
		Map<String, Object> petition = petition();
		ResponseEntity<JsonNode> created = post(json(petition), null);

		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String caseNumber = created.getBody().get("caseNumber").asText();
		assertThat(caseNumber).matches("PJ-\\d{4}-\\d{6}");
		assertThat(created.getHeaders().getLocation()).hasToString("/api/petitions/" + caseNumber);
		assertThat(created.getBody().get("repeat").asBoolean()).isFalse();
		PetitionCase petitionCase = this.cases.findByCaseNumber(caseNumber).orElseThrow();
		assertThat(petitionCase.getChannel().name()).isEqualTo("ONLINE");
		assertThat(petitionCase.getProcessInstanceId()).isNotNull();

		JsonNode status = lookup(caseNumber, phone(petition)).getBody();
		assertThat(status.get("statusName").asText()).isEqualTo("待接访");
		assertThat(status.get("step").asText()).isEqualTo("领导接访");
		assertThat(status.get("category").asText()).isEqualTo("劳资纠纷");
	}

	@Test
	void shouldReturnTheSameCaseToARetryWithTheSameIdempotencyKey() {
		String body = json(petition());
		long before = this.cases.count();
		ResponseEntity<JsonNode> first = post(body, "retry-1");
		ResponseEntity<JsonNode> retry = post(body, "retry-1");

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(retry.getBody()).isEqualTo(first.getBody());
		assertThat(this.cases.count()).isEqualTo(before + 1);

		ResponseEntity<JsonNode> other = post(json(petition()), "retry-1");
		assertThat(other.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(this.cases.count()).isEqualTo(before + 1);
	}

	@Test
	void shouldAnswerARepeatPetitionWithTheOpenCase() {
		Map<String, Object> petition = petition();
		String caseNumber = post(json(petition), null).getBody().get("caseNumber").asText();
		long before = this.cases.count();

		ResponseEntity<JsonNode> repeat = post(json(petition), null);

		assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(repeat.getBody().get("caseNumber").asText()).isEqualTo(caseNumber);
		assertThat(repeat.getBody().get("repeat").asBoolean()).isTrue();
		assertThat(this.cases.count()).isEqualTo(before);
		assertThat(this.cases.findByCaseNumber(caseNumber).orElseThrow().getRepeatCount()).isEqualTo(1);
	}

	/**
	 * A petitioner sending the same petition several times at once (a double click, two devices): one case, the
	 * others joined to it as repeats, and every submission answered. Twelve submissions from four clients at once,
	 * for a petitioner the database does not know yet.
	 */
	@Test
	void shouldOpenOneCaseForTheSamePetitionSubmittedSeveralTimesAtOnce() throws Exception {
		assertOneCaseAndElevenRepeats(json(petition()));
	}

	/** The same for a petitioner already known, with a case open in another category. */
	@Test
	void shouldOpenOneCaseWhenAKnownPetitionerSubmitsSeveralTimesAtOnce() throws Exception {
		Map<String, Object> petition = petition();
		assertThat(post(json(petition), null).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		petition.put("category", "SOCIAL_SECURITY");
		assertOneCaseAndElevenRepeats(json(petition));
	}

	private void assertOneCaseAndElevenRepeats(String body) throws Exception {
		long before = this.cases.count();
		List<ResponseEntity<JsonNode>> answers = AtOnce.run(4, 12, (i) -> post(body, null));
		List<HttpStatusCode> statuses = answers.stream().map(ResponseEntity::getStatusCode).toList();
		Set<String> caseNumbers = answers.stream()
			.filter((answer) -> answer.getStatusCode().is2xxSuccessful())
			.map((answer) -> answer.getBody().get("caseNumber").asText())
			.collect(Collectors.toSet());

		assertThat(statuses).filteredOn(HttpStatus.CREATED::equals).hasSize(1);
		assertThat(statuses).filteredOn(HttpStatus.OK::equals).hasSize(11);
		assertThat(caseNumbers).hasSize(1);
		assertThat(this.cases.count()).isEqualTo(before + 1);
		assertThat(this.cases.findByCaseNumber(caseNumbers.iterator().next()).orElseThrow().getRepeatCount())
			.isEqualTo(11);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			bad resident ID      | petitioner.residentId | "110105194912310021"
			bad phone            | petitioner.phone      | "12345"
			missing name         | petitioner.name       | null
			unknown category     | category              | "ALIENS"
			no one               | personsCount          | 0
			persons as text      | personsCount          | "many"
			persons as fraction  | personsCount          | 2.5
			empty summary        | summary               | ""
			request too long     | request               | "LONG"
			unknown accused unit | accusedUnit           | "unit-moon"
			unknown field        | nickname              | "x"
			reception day        | receptionDay          | 7
			""")
	void shouldRefuseBadInputNamingTheFieldAndStoreNothing(String what, String field, String value) throws Exception {
		Map<String, Object> petition = petition();
		Object parsed = "LONG".equals(value.replace("\"", "")) ? "长".repeat(2001)
				: new com.fasterxml.jackson.databind.ObjectMapper().readValue(value, Object.class);
		if (field.startsWith("petitioner.")) {
			@SuppressWarnings("unchecked")
			Map<String, Object> petitioner = (Map<String, Object>) petition.get("petitioner");
			petitioner.put(field.substring("petitioner.".length()), parsed);
		}
		else {
			petition.put(field, parsed);
		}
		assertRefused(json(petition), HttpStatus.BAD_REQUEST, field);
	}

	@Test
	void shouldRefuseMalformedJsonAMissingBodyAndTheWrongMediaType() {
		assertRefused("{\"petitioner\": ", HttpStatus.BAD_REQUEST, null);
		assertRefused("", HttpStatus.BAD_REQUEST, null);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.TEXT_PLAIN);
		ResponseEntity<JsonNode> text = this.http.exchange("/api/petitions", HttpMethod.POST,
				new HttpEntity<>("hello", headers), JsonNode.class);
		assertThat(text.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
	}

	@Test
	void shouldRefuseABodyOverTheLimit() {
		Map<String, Object> petition = petition();
		petition.put("summary", "长".repeat(30_000));
		assertRefused(json(petition), HttpStatus.PAYLOAD_TOO_LARGE, null);
	}

	@Test
	void shouldKeepMarkupAsTextAndSendItBackAsJson() {
		Map<String, Object> petition = petition();
		petition.put("summary", "<script>alert('x')</script><b>欠薪</b>");
		String caseNumber = post(json(petition), null).getBody().get("caseNumber").asText();
		assertThat(this.cases.findByCaseNumber(caseNumber).orElseThrow().getSummary())
			.isEqualTo("<script>alert('x')</script><b>欠薪</b>");
		ResponseEntity<JsonNode> status = lookup(caseNumber, phone(petition));
		assertThat(status.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(status.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void shouldShowTheStatusOnlyWithThePhoneItWasRegisteredWithAndNoPersonalData() {
		Map<String, Object> petition = petition();
		String caseNumber = post(json(petition), null).getBody().get("caseNumber").asText();

		assertThat(lookup(caseNumber, "13000000000").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(lookup("PJ-1999-000001", phone(petition)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		ResponseEntity<JsonNode> noPhone = this.http.getForEntity("/api/petitions/" + caseNumber, JsonNode.class);
		assertThat(noPhone.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(noPhone.getBody().get("errors").get(0).get("field").asText()).isEqualTo("X-Phone");

		long decisions = this.history.createHistoricDecisionInstanceQuery().count();
		JsonNode status = lookup(caseNumber, phone(petition)).getBody();
		// A lookup reads: the category's name comes from the routing table's rules, not from a decision.
		assertThat(this.history.createHistoricDecisionInstanceQuery().count()).isEqualTo(decisions);
		assertThat(status.get("category").asText()).isEqualTo("劳资纠纷");
		List<String> fields = new java.util.ArrayList<>();
		status.fieldNames().forEachRemaining(fields::add);
		assertThat(fields).containsExactlyInAnyOrder("caseNumber", "category", "status", "statusName", "step",
				"registeredAt", "deadline", "outcome", "answer", "closedAt");
		assertThat(status.toString()).doesNotContain(phone(petition))
			.doesNotContain((String) ((Map<?, ?>) petition.get("petitioner")).get("residentId"))
			.doesNotContain((String) ((Map<?, ?>) petition.get("petitioner")).get("name"));
	}

	@Test
	void shouldListTheCategoriesOfTheRoutingTable() {
		JsonNode categories = this.http.getForEntity("/api/categories", JsonNode.class).getBody();
		assertThat(categories).hasSize(14);
		assertThat(categories.findValuesAsText("code")).contains("LAND_REQUISITION", "ACCUSATION", "LAW_RELATED");
		assertThat(categories.findValuesAsText("name")).contains("土地征用", "检举控告");
	}

	@Test
	void shouldDescribeTheApiWithOpenApi() {
		JsonNode docs = this.http.getForEntity("/v3/api-docs", JsonNode.class).getBody();
		assertThat(docs.get("paths").has("/api/petitions")).isTrue();
		assertThat(docs.get("paths").has("/api/staff/cases/{caseNumber}")).isTrue();
		// What each operation answers, refusals included, as a client needs to know it.
		JsonNode register = docs.at("/paths/~1api~1petitions/post/responses");
		assertThat(register.fieldNames()).toIterable().containsExactlyInAnyOrder("201", "200", "400", "413", "422", "503");
		assertThat(register.at("/201/content/application~1json/schema/$ref").asText()).endsWith("/Registration");
		assertThat(register.at("/422/content/application~1problem+json/schema/$ref").asText())
			.isEqualTo("#/components/schemas/Problem");
		assertThat(register.at("/503/headers/Retry-After").isMissingNode()).isFalse();
		assertThat(docs.at("/paths/~1api~1petitions~1{caseNumber}/get/responses").fieldNames()).toIterable()
			.contains("200", "404", "503");
		assertThat(docs.at("/paths/~1api~1staff~1cases~1{caseNumber}/get/responses").fieldNames()).toIterable()
			.contains("200", "401", "403", "404", "503");
		assertThat(docs.at("/paths/~1api~1categories/get/responses").fieldNames()).toIterable()
			.containsExactlyInAnyOrder("200", "503");
		assertThat(docs.at("/components/schemas/Problem/properties/errors/items/properties").fieldNames()).toIterable()
			.containsExactlyInAnyOrder("field", "message");
		assertThat(this.http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private void assertRefused(String body, HttpStatus status, String field) {
		long cases = this.cases.count();
		long petitioners = this.petitioners.count();
		ResponseEntity<JsonNode> refused = post(body, null);
		assertThat(refused.getStatusCode()).isEqualTo(status);
		assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
		assertThat(refused.getBody().get("detail").asText()).isNotBlank();
		if (field != null) {
			assertThat(refused.getBody().get("errors").findValuesAsText("field")).contains(field);
		}
		assertThat(this.cases.count()).isEqualTo(cases);
		assertThat(this.petitioners.count()).isEqualTo(petitioners);
	}

	private ResponseEntity<JsonNode> post(String body, String idempotencyKey) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (idempotencyKey != null) {
			headers.set("Idempotency-Key", idempotencyKey);
		}
		return this.http.exchange("/api/petitions", HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
	}

	private ResponseEntity<JsonNode> lookup(String caseNumber, String phone) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Phone", phone);
		return this.http.exchange("/api/petitions/" + caseNumber, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
	}

	/** A valid online petition with a petitioner no other test uses. */
	static Map<String, Object> petition() {
		Map<String, Object> form = CaseDesk.petition("LABOUR_WAGES", 1);
		Map<String, Object> petitioner = new HashMap<>();
		petitioner.put("name", form.get("petitionerName"));
		petitioner.put("residentId", form.get("residentId"));
		petitioner.put("phone", form.get("phone"));
		Map<String, Object> petition = new HashMap<>();
		petition.put("petitioner", petitioner);
		petition.put("personsCount", 1);
		petition.put("category", "LABOUR_WAGES");
		petition.put("summary", "工厂拖欠工资三个月");
		petition.put("request", "要求结清工资");
		return petition;
	}

	private static String phone(Map<String, Object> petition) {
		return (String) ((Map<?, ?>) petition.get("petitioner")).get("phone");
	}

	private static String json(Object value) {
		try {
			return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
