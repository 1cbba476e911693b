package org.pujiang.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import jakarta.ws.rs.core.Response;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;
import org.pujiang.security.ConcurrentCompletion;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Which failures of the engine's REST resources are the database's being out of reach, answered 503, and which are
 * answered as Camunda answers them. The outage itself, over HTTP and on PostgreSQL: DatabaseOutageTests.
 */
class DatabaseOutageMappersTests {

	/** What the PostgreSQL driver reports when an administrator or a shutdown ends the connection. */
	static final SQLException TERMINATED = new SQLException("FATAL: terminating connection due to administrator command",
			"57P01");

	@Test
	void shouldAnswer503WhenACommandFailsOnAConnectionEndedUnderIt() {
		Response answer = new DatabaseOutageMappers.WhenTheEngineFails()
			.toResponse(new ProcessEngineException("An exception occurred in the persistence layer", TERMINATED));
		assertOutOfReach(answer);
	}

	@Test
	void shouldAnswer503WhenNoConnectionCanBeHadToBeginATransaction() {
		assertOutOfReach(new DatabaseOutageMappers.WhenATransactionCannotBegin().toResponse(
				new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
						new SQLException("Connection is not available, request timed out after 1000ms.", "08001"))));
	}

	@Test
	void shouldAnswer503WhenTheResourceWrappedTheFailureToo() {
		// Camunda's task resource wraps the engine's failure of a form's submission in a RestException of its own.
		RestException wrapped = new RestException(Response.Status.INTERNAL_SERVER_ERROR,
				new ProcessEngineException("An exception occurred in the persistence layer", TERMINATED),
				"Cannot submit task form 42: An exception occurred in the persistence layer");
		assertOutOfReach(new ConcurrentCompletion().toResponse(wrapped));
	}

	@Test
	void shouldAnswerEveryOtherFailureAsCamundaDoes() {
		Response engine = new DatabaseOutageMappers.WhenTheEngineFails()
			.toResponse(new ProcessEngineException("Unknown property used in expression"));
		assertThat(engine.getStatus()).isEqualTo(500);
		assertThat(engine.getHeaderString("Retry-After")).isNull();
		Response data = new DatabaseOutageMappers.WhenDataAccessFails()
			.toResponse(new DataIntegrityViolationException("duplicate key", new SQLException("duplicate key", "23505")));
		assertThat(data.getStatus()).isEqualTo(500);
		Response rest = new ConcurrentCompletion()
			.toResponse(new RestException(Response.Status.BAD_REQUEST, "Cannot submit task form 42: bad value"));
		assertThat(rest.getStatus()).isEqualTo(400);
	}

	static void assertOutOfReach(Response answer) {
		assertThat(answer.getStatus()).isEqualTo(503);
		assertThat(answer.getHeaderString("Retry-After")).isEqualTo("30");
		assertThat(answer.getEntity()).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("type", "DatabaseOutOfReach")
			.containsEntry("message", DatabaseOutage.MESSAGE);
	}

}
