package org.pujiang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the driver threads spend their CPU: Java Flight Recorder's execution samples, each counted once under
 * every part of the code that appears in its stack (so the shares overlap), and under the outermost Pujiang method
 * on the stack (the delegate, listener or expression the engine called). Start the JVM with
 * {@code -XX:FlightRecorderOptions=stackdepth=512}: Camunda's stacks are deeper than the default 64 frames.
 */
final class CpuProfile {

	/** What the report names, and how to recognise it in a frame's class. */
	static final Map<String, Predicate<String>> PARTS = new LinkedHashMap<>();

	static {
		PARTS.put("Pujiang's steps (delegates, listeners, expressions) and what they call", CpuProfile::pujiang);
		PARTS.put("— of which the audit chain (CaseEvents.record)", (c) -> c.startsWith("org.pujiang.audit.CaseEvents"));
		PARTS.put("— of which DMN evaluation", (c) -> c.startsWith("org.camunda.bpm.dmn"));
		PARTS.put("— of which JPA (Hibernate)", (c) -> c.startsWith("org.hibernate"));
		PARTS.put("Camunda's history (events and their rows)", (c) -> c.startsWith("org.camunda.bpm.engine.impl.history"));
		PARTS.put("Camunda's authorization checks and grants",
				(c) -> c.startsWith("org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager")
						|| c.startsWith("org.camunda.bpm.engine.impl.cfg.auth"));
		// Every sample under the engine's DbEntityManager: its queries (selectList, selectById…) as well as its flush.
		PARTS.put("Camunda's statements (DbEntityManager: its queries and its flush)",
				(c) -> c.startsWith("org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager"));
		PARTS.put("database (H2 in the JVM, or the PostgreSQL driver)", (c) -> c.startsWith("org.h2.") || c.startsWith("org.postgresql."));
		PARTS.put("JSON (Jackson, Spin)", (c) -> c.startsWith("com.fasterxml.jackson") || c.startsWith("org.camunda.spin"));
	}

	private int samples;

	private int truncated;

	private final Map<String, Integer> parts = new LinkedHashMap<>();

	private final Map<String, Integer> steps = new LinkedHashMap<>();

	static Recording start() {
		Recording recording = new Recording();
		recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
		recording.start();
		return recording;
	}

	/** Stops the recording and adds the driver threads' samples; keeps the recording in {@code keep} if given. */
	void add(Recording recording, Path keep) throws IOException {
		recording.stop();
		Path file = keep != null ? keep : Files.createTempFile("lifecycle-bench", ".jfr");
		try {
			recording.dump(file);
			for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
				// Only the execution samples: a recording started with the JVM puts its own events in the dump too.
				if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null
						&& event.getThread("sampledThread") != null
						&& String.valueOf(event.getThread("sampledThread").getJavaName()).startsWith(LifecycleBench.DRIVER)) {
					add(event);
				}
			}
		}
		finally {
			recording.close();
			if (keep == null) {
				Files.deleteIfExists(file);
			}
		}
	}

	private void add(RecordedEvent event) {
		this.samples++;
		if (event.getStackTrace().isTruncated()) {
			this.truncated++;
		}
		List<RecordedFrame> frames = event.getStackTrace().getFrames();
		PARTS.forEach((part, matches) -> {
			boolean mine = frames.stream().anyMatch((frame) -> matches.test(type(frame)));
			if (part.startsWith("—")) {
				mine = mine && frames.stream().anyMatch((frame) -> pujiang(type(frame)));
			}
			if (mine) {
				this.parts.merge(part, 1, Integer::sum);
			}
		});
		for (int i = frames.size() - 1; i >= 0; i--) {
			String type = type(frames.get(i));
			// Past the generated classes and the wrapper every task listener shares, to the step itself.
			if (pujiang(type) && !type.contains("$$") && !type.equals("org.pujiang.petition.TaskCompletion")) {
				this.steps.merge(type.substring(type.lastIndexOf('.') + 1) + "." + frames.get(i).getMethod().getName(), 1,
						Integer::sum);
				break;
			}
		}
	}

	int samples() {
		return this.samples;
	}

	int truncated() {
		return this.truncated;
	}

	double share(String part) {
		return this.samples == 0 ? 0 : this.parts.getOrDefault(part, 0) / (double) this.samples;
	}

	/** The outermost Pujiang methods on the stack, with their share of all samples, largest first. */
	List<Map.Entry<String, Double>> steps(int limit) {
		return this.steps.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(limit)
			.map((e) -> Map.entry(e.getKey(), e.getValue() / (double) this.samples))
			.toList();
	}

	private static String type(RecordedFrame frame) {
		return frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
	}

	/**
	 * Pujiang's code, not the bench's; nor the history filters, which every history event passes through on its way to
	 * the engine's handler (their own work is a lookup; the rest is the engine's history); nor the task query
	 * interceptor, which every engine query passes through on its way to MyBatis (its own work is a lookup by the
	 * statement's id; the rest is the engine's query, whichever process runs it), nor the authorization check's, which
	 * every check of the engine passes through (its own work is a lookup of the check's SQL by its shape; the rest is
	 * the engine's check).
	 */
	private static boolean pujiang(String type) {
		return type.startsWith("org.pujiang.") && !type.startsWith("org.pujiang.bench.")
				&& !type.startsWith("org.pujiang.operations.VariableHistoryFilter")
				&& !type.startsWith("org.pujiang.registration.PersonalDataHistoryFilter")
				&& !type.startsWith("org.pujiang.operations.EngineHistoryFilter")
				&& !type.startsWith("org.pujiang.security.AuthorizedTasksPlugin")
				&& !type.startsWith("org.pujiang.security.AuthorizationSqlCachePlugin");
	}

}
