package org.pujiang.registration;

import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A registration refused for bad input; names every field at fault. Nothing is stored. It is the engine's form
 * validation exception so that a start form submitted through the REST API (as Tasklist does) answers 400.
 */
public class InvalidPetitionException extends FormFieldValidationException {

	private final Map<String, String> fieldErrors;

	public InvalidPetitionException(Map<String, String> fieldErrors) {
		super(Map.copyOf(fieldErrors), fieldErrors.entrySet()
			.stream()
			.map((error) -> error.getKey() + ": " + error.getValue())
			.collect(Collectors.joining("; ")));
		this.fieldErrors = Map.copyOf(fieldErrors);
	}

	public Map<String, String> getFieldErrors() {
		return this.fieldErrors;
	}

}
