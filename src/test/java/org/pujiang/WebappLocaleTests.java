package org.pujiang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our Chinese locale of a Camunda webapp against the English one of the webjar on the class path: the same keys (a
 * key missing in zh.json would show as its raw name), the same placeholders, and every label translated.
 */
class WebappLocaleTests {

	private static final String LOCALES = "META-INF/resources/webjars/camunda/app/%s/locales/%s.json";

	/** Labels that read the same in both languages. */
	private static final Set<String> SAME_IN_BOTH = Set.of("APP_VENDOR", "NO_TASK_FORM", "SEARCH_LESS_THAN",
			"SEARCH_LESS_THAN_EQUALS", "SEARCH_GREATER_THAN", "SEARCH_GREATER_THAN_EQUALS");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

	private final ObjectMapper json = new ObjectMapper();

	@ParameterizedTest
	@ValueSource(strings = { "tasklist", "welcome" })
	void shouldTranslateEveryLabelOfTheShippedEnglish(String app) throws IOException {
		JsonNode en = read(app, "en");
		JsonNode zh = read(app, "zh");

		assertThat(shape(zh.path("dateLocales"), "")).isEqualTo(shape(en.path("dateLocales"), ""));
		assertThat(names(zh.path("labels"))).containsExactlyInAnyOrderElementsOf(names(en.path("labels")));
		for (Map.Entry<String, JsonNode> label : en.path("labels").properties()) {
			String english = label.getValue().asText();
			String chinese = zh.path("labels").path(label.getKey()).asText();
			assertThat(placeholders(chinese)).as(label.getKey()).isEqualTo(placeholders(english));
			if (!SAME_IN_BOTH.contains(label.getKey())) {
				assertThat(chinese).as(label.getKey()).isNotEqualTo(english);
			}
		}
	}

	private JsonNode read(String app, String language) throws IOException {
		String path = LOCALES.formatted(app, language);
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
			assertThat(in).as(path).isNotNull();
			return this.json.readTree(in);
		}
	}

	private static List<String> names(JsonNode object) {
		List<String> names = new ArrayList<>();
		object.fieldNames().forEachRemaining(names::add);
		return names;
	}

	/** Field paths and array lengths of the date locale, the part moment.js reads. */
	private static List<String> shape(JsonNode node, String path) {
		List<String> shape = new ArrayList<>();
		if (node.isObject()) {
			node.properties().forEach((field) -> shape.addAll(shape(field.getValue(), path + "." + field.getKey())));
		}
		else {
			shape.add(path + (node.isArray() ? "[" + node.size() + "]" : ""));
		}
		return shape.stream().sorted().toList();
	}

	private static List<String> placeholders(String label) {
		return PLACEHOLDER.matcher(label)
			.results()
			.map((match) -> match.group(1))
			.sorted()
			.toList();
	}

}
