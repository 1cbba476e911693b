package org.pujiang.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.pujiang.registration.ResidentIdValidator;

/**
 * Runs after the whole test suite (failsafe, in {@code mvn verify}) and reads everything it logged, the cluster
 * nodes' logs included: no resident ID number may appear there, though the suite registers hundreds of them.
 */
class LogsHoldNoResidentIdIT {

	private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])");

	@Test
	void shouldFindNoResidentIdNumberInTheTestRunsLogs() throws IOException {
		Path folder = Path.of("target", "test-logs");
		assertThat(folder).as("the test run writes its log to target/test-logs").isDirectory();
		List<Path> logs = new java.util.ArrayList<>();
		for (Path logFolder : List.of(folder, Path.of("target", "cluster-it"))) {
			if (Files.isDirectory(logFolder)) {
				try (Stream<Path> files = Files.list(logFolder)) {
					files.filter((p) -> p.toString().endsWith(".log")).forEach(logs::add);
				}
			}
		}
		assertThat(logs).isNotEmpty();
		long lines = 0;
		int found = 0;
		for (Path log : logs) {
			for (String line : Files.readAllLines(log)) {
				lines++;
				Matcher matcher = CANDIDATE.matcher(line);
				while (matcher.find()) {
					if (ResidentIdValidator.isValid(matcher.group())) {
						found++;
					}
				}
			}
		}
		assertThat(lines).as("log lines read").isGreaterThan(100);
		assertThat(found).as("resident ID numbers in the logs").isZero();
	}

}
