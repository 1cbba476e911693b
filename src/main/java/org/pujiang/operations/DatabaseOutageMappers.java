package org.pujiang.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The engine's REST resources — {@code /engine-rest} and the APIs behind Tasklist, Cockpit and Admin — answer a
 * database out of reach with 503, a time to come back and a message staff can read, in the REST API's error shape
 * ({@code type}, {@code message}, {@code code}); Tasklist shows the message. Every other failure is answered as
 * Camunda answers it.
 */
public final class DatabaseOutageMappers {

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutageMappers.class);

	/**
	 * Adds the mappers to every JAX-RS application of the node as it starts: {@code /engine-rest} and the webapps'
	 * APIs, which Camunda's webapp starter registers itself (Jersey finds this class through
	 * {@code META-INF/services}).
	 */
	@ConstrainedTo(RuntimeType.SERVER)
	@Priority(AutoDiscoverable.DEFAULT_PRIORITY)
	public static class Discovered implements AutoDiscoverable {

		@Override
		public void configure(FeatureContext context) {
			for (Class<?> mapper : List.of(WhenTheEngineFails.class, WhenATransactionCannotBegin.class,
					WhenDataAccessFails.class)) {
				if (!context.getConfiguration().isRegistered(mapper)) {
					context.register(mapper);
				}
			}
		}

	}

	private DatabaseOutageMappers() {
	}

	/** The error in the REST API's shape. */
	static Map<String, Object> error() {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("type", "DatabaseOutOfReach");
		error.put("message", DatabaseOutage.MESSAGE);
		error.put("code", null);
		return error;
	}

	/** 503 if the failure is the database's being out of reach; otherwise null. */
	public static Response outOfReach(Throwable failure) {
		if (!DatabaseOutage.outOfReach(failure)) {
			return null;
		}
		log.warn("Answered 503 on the engine's REST API, the database being out of reach: {}",
				NestedExceptionUtils.getMostSpecificCause(failure).toString());
		return Response.status(Response.Status.SERVICE_UNAVAILABLE)
			.header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS)
			.header("Cache-Control", "no-store")
			.type(MediaType.APPLICATION_JSON_TYPE)
			.entity(error())
			.build();
	}

	/** 503 for an outage; every other failure as Camunda's mapper answers it. */
	abstract static class OutageOrAsCamunda<E extends Throwable> implements ExceptionMapper<E> {

		@Override
		public Response toResponse(E exception) {
			Response outage = outOfReach(exception);
			return outage != null ? outage : asCamunda(exception);
		}

		Response asCamunda(E exception) {
			return new ExceptionHandler().toResponse(exception);
		}

	}

	/** A command that failed on a connection that broke under it. */
	@Provider
	@Priority(1)
	public static class WhenTheEngineFails extends OutageOrAsCamunda<ProcessEngineException> {

		@Override
		Response asCamunda(ProcessEngineException exception) {
			return new ProcessEngineExceptionHandler().toResponse(exception);
		}

	}

	/** A command that found no connection to begin its transaction on. */
	@Provider
	@Priority(1)
	public static class WhenATransactionCannotBegin extends OutageOrAsCamunda<TransactionException> {

	}

	/** A command whose rollback failed on a connection the pool had already closed as broken. */
	@Provider
	@Priority(1)
	public static class WhenDataAccessFails extends OutageOrAsCamunda<DataAccessException> {

	}

}
