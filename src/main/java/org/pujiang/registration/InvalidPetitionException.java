package org.pujiang.registration;

import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;

/** A registration refused for bad input; names every field at fault. Nothing is stored. */
public class InvalidPetitionException extends BadUserRequestException {

	private final Map<String, String> fieldErrors;

	public InvalidPetitionException(Map<String, String> fieldErrors) {
		super(fieldErrors.entrySet()
			.stream()
			.map((error) -> error.getKey() + ": " + error.getValue())
			.collect(Collectors.joining("; ")));
		this.fieldErrors = Map.copyOf(fieldErrors);
	}

	public Map<String, String> getFieldErrors() {
		return this.fieldErrors;
	}

}
