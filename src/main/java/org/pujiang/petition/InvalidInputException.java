package org.pujiang.petition;

import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Input refused: names every field at fault, and nothing is stored. It is the engine's form validation exception
 * so that a start or task form submitted through the REST API (as Tasklist does) answers 400 with the message;
 * the application's own API turns it into a problem document.
 */
public class InvalidInputException extends FormFieldValidationException {

	private final Map<String, String> fieldErrors;

	public InvalidInputException(Map<String, String> fieldErrors) {
		super(Map.copyOf(fieldErrors), fieldErrors.entrySet()
			.stream()
			.map((error) -> error.getKey() + ": " + error.getValue())
			.collect(Collectors.joining("; ")));
		this.fieldErrors = Map.copyOf(fieldErrors);
	}

	public InvalidInputException(String field, String message) {
		this(Map.of(field, message));
	}

	public Map<String, String> getFieldErrors() {
		return this.fieldErrors;
	}

}
