package org.pujiang.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.pujiang.petition.InvalidInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every refusal of the application's own API is a problem document that names what was wrong. */
@RestControllerAdvice(basePackages = "org.pujiang")
class ApiProblems extends ResponseEntityExceptionHandler {

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalidPetition(InvalidInputException ex) {
		return Problems.invalid(HttpStatus.BAD_REQUEST, ex.getFieldErrors()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		return Problems.invalid(HttpStatus.BAD_REQUEST, Map.of(ex.getName(), "格式不正确"));
	}

	@Override
	protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex instanceof MissingRequestHeaderException missing) {
			return ResponseEntity.badRequest()
				.body(Problems.invalid(HttpStatus.BAD_REQUEST, Map.of(missing.getHeaderName(), "必填")));
		}
		return super.handleServletRequestBindingException(ex, headers, status, request);
	}

	/** Malformed JSON, wrong types and unknown fields: the field is named where Jackson knows it. */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return ResponseEntity.badRequest()
				.body(Problems.invalid(HttpStatus.BAD_REQUEST, Map.of(path(unknown), "未知字段")));
		}
		if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
			return ResponseEntity.badRequest()
				.body(Problems.invalid(HttpStatus.BAD_REQUEST, Map.of(path(mapping), "类型或格式不正确")));
		}
		String detail = cause instanceof JsonProcessingException ? "请求体不是有效的 JSON" : "缺少请求体或请求体无法读取";
		return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, detail));
	}

	private static String path(JsonMappingException ex) {
		return ex.getPath()
			.stream()
			.map((reference) -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}

}
