package org.pujiang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Staff working cases over the engine's REST API, each as a demo user (password demo), the way Tasklist calls
 * it: deployed form, claim, submit-form.
 */
public class RestDesk {

	public static final String PASSWORD = "demo";

	private final TestRestTemplate http;

	public RestDesk(TestRestTemplate http) {
		this.http = http;
	}

	/** Registers through the start form as the registrar; returns the process instance. */
	public JsonNode register(Map<String, Object> form) {
		ResponseEntity<JsonNode> started = post("registrar", "/engine-rest/process-definition/key/PetitionCase/submit-form",
				variables(form));
		assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.OK);
		return started.getBody();
	}

	public String taskId(String user, String instanceId, String taskKey) {
		ResponseEntity<JsonNode> response = get(user,
				"/engine-rest/task?processInstanceId=" + instanceId + "&taskDefinitionKey=" + taskKey);
		assertThat(response.getStatusCode()).as(response.toString()).isEqualTo(HttpStatus.OK);
		JsonNode tasks = response.getBody();
		assertThat(tasks).as(taskKey + " visible to " + user).hasSize(1);
		return tasks.get(0).get("id").asText();
	}

	/** Claims and submits the task's form as the user; answers what the submission answered. */
	public ResponseEntity<JsonNode> work(String user, String instanceId, String taskKey, Map<String, Object> form) {
		String taskId = taskId(user, instanceId, taskKey);
		assertThat(get(user, "/engine-rest/task/" + taskId + "/deployed-form").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(post(user, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user)).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		return post(user, "/engine-rest/task/" + taskId + "/submit-form", variables(form));
	}

	public void complete(String user, String instanceId, String taskKey, Map<String, Object> form) {
		ResponseEntity<JsonNode> submitted = work(user, instanceId, taskKey, form);
		assertThat(submitted.getStatusCode()).as(taskKey + ": " + submitted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
	}

	public ResponseEntity<JsonNode> get(String user, String path) {
		return as(user).exchange(path, HttpMethod.GET, null, JsonNode.class);
	}

	public ResponseEntity<JsonNode> post(String user, String path, Object body) {
		return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>(body, new HttpHeaders()), JsonNode.class);
	}

	private TestRestTemplate as(String user) {
		return user == null ? this.http : this.http.withBasicAuth(user, PASSWORD);
	}

	/** The body Tasklist sends: each value with its type; lists go as JSON. */
	public static Map<String, Object> variables(Map<String, Object> form) {
		Map<String, Object> variables = new LinkedHashMap<>();
		form.forEach((name, value) -> variables.put(name, value instanceof Iterable<?> list ? json(list)
				: Map.of("value", value, "type", value instanceof Integer ? "Integer" : "String")));
		return Map.of("variables", variables);
	}

	private static Map<String, Object> json(Iterable<?> list) {
		StringBuilder array = new StringBuilder("[");
		list.forEach((item) -> array.append(array.length() > 1 ? "," : "").append('"').append(item).append('"'));
		return Map.of("value", array.append(']').toString(), "type", "Json");
	}

}
