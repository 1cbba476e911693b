package org.pujiang.api;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Refusals of the API as RFC 9457 problem documents: a detail people can read, and for bad input an
 * {@code errors} list naming each field ({@code field}, {@code message}).
 */
public final class Problems {

	/** The problem document's schema in the API's description (/v3/api-docs), for operations that name a refusal. */
	public static final String SCHEMA = "#/components/schemas/" + OpenApiConfiguration.PROBLEM;

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String detail) {
		return ProblemDetail.forStatusAndDetail(status, detail);
	}

	public static ProblemDetail invalid(HttpStatus status, Map<String, String> fieldErrors) {
		ProblemDetail problem = of(status, fieldErrors.entrySet()
			.stream()
			.map((e) -> e.getKey() + ": " + e.getValue())
			.collect(Collectors.joining("; ")));
		problem.setTitle("请求内容有误");
		problem.setProperty("errors",
				fieldErrors.entrySet().stream().map((e) -> Map.of("field", e.getKey(), "message", e.getValue())).toList());
		return problem;
	}

	public static ErrorResponseException refuse(HttpStatus status, String detail) {
		return new ErrorResponseException(status, of(status, detail), null);
	}

	public static ErrorResponseException refuse(HttpStatus status, String field, String message) {
		return new ErrorResponseException(status, invalid(status, Map.of(field, message)), null);
	}


}
