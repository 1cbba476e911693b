package org.pujiang.security;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.util.EngineUtil;
import org.pujiang.operations.DatabaseOutageMappers;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Two members of staff complete the same task at once: one wins; the other is told plainly, with 409, that the
 * task was done by someone else — instead of the engine's 500 about a concurrent update or a missing task.
 * A database out of reach is answered with 503 ({@link DatabaseOutageMappers}); everything else as Camunda answers
 * it.
 */
@Provider
@Priority(1)
public class ConcurrentCompletion implements ExceptionMapper<RestException> {

	/** The request path, relative to the REST API's root: task/{id}/submit-form and the like. */
	private static final Pattern TASK = Pattern.compile("(?:^|/)task/([^/]+)/(?:submit-form|complete|resolve)$");

	@Context
	private UriInfo request;

	@Override
	public Response toResponse(RestException exception) {
		// A resource that wraps the engine's failure: if the database is out of reach, asking whether the task was
		// completed meanwhile would only fail again.
		Response outage = DatabaseOutageMappers.outOfReach(exception);
		if (outage != null) {
			return outage;
		}
		if (causedBy(exception, OptimisticLockingException.class) || completedMeanwhile(this.request)) {
			return conflict();
		}
		return new RestExceptionHandler().toResponse(exception);
	}

	static Response conflict() {
		return Response.status(Response.Status.CONFLICT)
			.type(MediaType.APPLICATION_JSON_TYPE)
			.entity(Map.of("type", "ConcurrentCompletion", "message", "该任务已由他人同时办理，请刷新任务列表"))
			.build();
	}

	/**
	 * The loser of the race may also find the task's authorization already gone with the task: that too is
	 * someone else having done it, not a lack of rights.
	 */
	@Provider
	@Priority(1)
	public static class WhenTheTaskWasTaken implements ExceptionMapper<AuthorizationException> {

		@Context
		private UriInfo request;

		@Override
		public Response toResponse(AuthorizationException exception) {
			return completedMeanwhile(this.request) ? conflict()
					: new ProcessEngineExceptionHandler().toResponse(exception);
		}

	}

	/**
	 * The case record itself was changed by the other completion first: its version check fails when the engine's
	 * transaction commits.
	 */
	@Provider
	@Priority(1)
	public static class WhenTheRecordChanged implements ExceptionMapper<OptimisticLockingFailureException> {

		@Override
		public Response toResponse(OptimisticLockingFailureException exception) {
			return conflict();
		}

	}

	/** The task this request completes no longer exists because someone finished it a moment ago. */
	static boolean completedMeanwhile(UriInfo request) {
		if (request == null) {
			return false;
		}
		Matcher matcher = TASK.matcher(request.getPath());
		if (!matcher.find()) {
			return false;
		}
		String taskId = matcher.group(1);
		ProcessEngine engine = EngineUtil.lookupProcessEngine(null);
		// The caller may not read history; this question is the application's, asked without their authorization.
		Authentication caller = engine.getIdentityService().getCurrentAuthentication();
		engine.getIdentityService().clearAuthentication();
		try {
			return engine.getTaskService().createTaskQuery().taskId(taskId).count() == 0 && engine.getHistoryService()
				.createHistoricTaskInstanceQuery()
				.taskId(taskId)
				.finished()
				.count() > 0;
		}
		finally {
			if (caller != null) {
				engine.getIdentityService().setAuthentication(caller);
			}
		}
	}

	private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
