package org.pujiang.petition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Reads what a form submitted. Tasklist sends numbers as longs or doubles and lists as JSON; a missing or
 * malformed required value is the submitter's mistake and answers 400 with the field's name.
 */
public final class FormValues {

	private final VariableScope scope;

	public FormValues(VariableScope scope) {
		this.scope = scope;
	}

	public String text(String name) {
		Object value = this.scope.getVariable(name);
		if (value == null) {
			return null;
		}
		String text = value.toString().strip();
		return text.isEmpty() ? null : text;
	}

	public String requiredText(String name) {
		String text = text(name);
		if (text == null) {
			throw invalid(name, "必填");
		}
		return text;
	}

	public String requiredText(String name, int maxLength) {
		String text = requiredText(name);
		if (text.length() > maxLength) {
			throw invalid(name, "不能超过 " + maxLength + " 个字");
		}
		return text;
	}

	public Integer integer(String name) {
		Object value = this.scope.getVariable(name);
		if (value == null || value.toString().isBlank()) {
			return null;
		}
		if (value instanceof Number number) {
			if (number.doubleValue() != Math.rint(number.doubleValue())) {
				throw invalid(name, "须为整数");
			}
			return number.intValue();
		}
		try {
			return Integer.valueOf(value.toString().strip());
		}
		catch (NumberFormatException ex) {
			throw invalid(name, "须为整数");
		}
	}

	public <E extends Enum<E>> E choice(String name, Class<E> type) {
		String text = requiredText(name);
		try {
			return Enum.valueOf(type, text);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(name, "不是可选的值：" + text);
		}
	}

	public List<String> list(String name) {
		Object value = this.scope.getVariable(name);
		List<String> items = new ArrayList<>();
		if (value instanceof SpinJsonNode json) {
			if (json.isArray()) {
				json.elements().forEach((element) -> items.add(element.isString() ? element.stringValue() : element.toString()));
			}
			else if (json.isString()) {
				items.add(json.stringValue());
			}
		}
		else if (value instanceof Collection<?> collection) {
			collection.forEach((item) -> items.add(String.valueOf(item)));
		}
		else if (value instanceof String text && !text.isBlank()) {
			for (String part : text.replaceAll("[\\[\\]\"]", "").split(",")) {
				if (!part.isBlank()) {
					items.add(part.strip());
				}
			}
		}
		return items;
	}

	public static InvalidInputException invalid(String field, String message) {
		return new InvalidInputException(field, message);
	}

}
