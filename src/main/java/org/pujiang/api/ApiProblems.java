package org.pujiang.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.persistence.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.pujiang.operations.DatabaseOutage;
import org.pujiang.petition.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
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

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalidPetition(InvalidInputException ex) {
		return Problems.invalid(HttpStatus.BAD_REQUEST, ex.getFieldErrors()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)));
	}

	/**
	 * The database out of reach (down, restarting, its connections ended, or every connection taken for longer than
	 * the pool waits): the request could not be carried out, or not to its end, and nothing of it was committed
	 * unless the commit's answer was what got lost. 503 with a time to come back; a registration sent again with the
	 * same Idempotency-Key stores it, or answers what was stored. Any other failure of these kinds goes on as before.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class, PersistenceException.class,
			ProcessEngineException.class })
	ResponseEntity<ProblemDetail> databaseOutOfReach(Exception ex) throws Exception {
		if (!DatabaseOutage.outOfReach(ex)) {
			throw ex;
		}
		log.warn("Answered 503, the database being out of reach: {}",
				NestedExceptionUtils.getMostSpecificCause(ex).toString());
		ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
				"系统暂时无法访问数据库，本次请求未能完成，请稍后重试（重试登记请使用同一 Idempotency-Key，不会重复登记）");
		problem.setTitle(DatabaseOutage.TITLE);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS))
			.body(problem);
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
