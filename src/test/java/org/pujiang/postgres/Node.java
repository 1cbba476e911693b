package org.pujiang.postgres;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One node of a cluster: the packaged application in a JVM of its own, with the postgres profile and the demo
 * users, against a shared database. Its output goes to a log file of its own (appended across restarts).
 */
final class Node {

	static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	final String name;

	final int port;

	private final Path log;

	private Process process;

	Node(String name, int port, Path logs) {
		this.name = name;
		this.port = port;
		this.log = logs.resolve(name + ".log");
	}

	/** Starts the jar; {@link #awaitUp()} waits for it. */
	Node start(Path jar, String databaseUrl, int smtpPort, Duration clockOffset) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-jar", jar.toString(), "--spring.profiles.active=postgres,demo", "--pujiang.demo.cases=false",
				"--server.port=" + this.port, "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
				"--pujiang.notices.dispatch-interval=1s",
				// The engine's host name goes into the job log: it tells which node ran which job.
				"--camunda.bpm.generic-properties.properties.hostname=" + this.name,
				// Idle nodes look for due jobs every half second (instead of up to a minute), so that both take part.
				"--camunda.bpm.job-execution.wait-time-in-millis=250", "--camunda.bpm.job-execution.max-wait=500", "--pujiang.clock.offset=" + clockOffset));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		builder.environment().put("PUJIANG_DB_URL", databaseUrl);
		builder.environment().put("PUJIANG_DB_USER", "postgres");
		builder.environment().put("PUJIANG_DB_PASSWORD", "");
		this.process = builder.start();
		return this;
	}

	Node awaitUp() throws Exception {
		Instant until = Instant.now().plus(Duration.ofMinutes(3));
		while (Instant.now().isBefore(until)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + "; see " + this.log);
			}
			try {
				HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
					return this;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException(this.name + " did not come up; see " + this.log);
	}

	/** SIGKILL: no shutdown hook, no connection closed politely, nothing flushed. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	/** SIGTERM: Spring's graceful shutdown. */
	void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
	}

	String logText() throws IOException {
		return Files.readString(this.log, StandardCharsets.UTF_8);
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/** A call as the user (demo password), or anonymous when user is null. Throws IOException when the node is down. */
	Answer call(String method, String path, String user, Object body, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
		if (user != null) {
			request.header("Authorization", basic(user));
		}
		headers.forEach(request::header);
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode json = response.body().isBlank() ? null : parse(response.body());
		return new Answer(response.statusCode(), json, response.body());
	}

	/** HTTP Basic for a demo user (password demo). */
	static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
	}

	Answer get(String path, String user) throws IOException, InterruptedException {
		return call("GET", path, user, null, Map.of());
	}

	Answer post(String path, String user, Object body) throws IOException, InterruptedException {
		return call("POST", path, user, body, Map.of());
	}

	private static JsonNode parse(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (IOException ex) {
			return null;
		}
	}

	record Answer(int status, JsonNode json, String body) {
	}

}
