package org.pujiang.intake;

import static org.pujiang.petition.PetitionCaseProcess.*;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.pujiang.api.Problems;
import org.pujiang.intake.PetitionRequest.PetitionerData;
import org.pujiang.petition.Channel;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.InvalidInputException;
import org.pujiang.registration.PetitionForm;
import org.pujiang.registration.Registration;
import org.pujiang.registration.Registration.Registered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Online intake: registers the petition and starts its case process in one transaction, so that either both
 * exist or neither. A retried submission with the same Idempotency-Key returns the first answer.
 */
@Service
class Intake {

	/** Registration's field names as the API spells them. */
	private static final Map<String, String> FIELDS = Map.of("petitionerName", "petitioner.name", "residentId",
			"petitioner.residentId", "phone", "petitioner.phone", "email", "petitioner.email", "receptionDayId",
			"receptionDay");

	private final Registration registration;

	private final RuntimeService runtime;

	private final IdempotentRequestRepository requests;

	private final ObjectMapper json;

	Intake(Registration registration, RuntimeService runtime, IdempotentRequestRepository requests, ObjectMapper json) {
		this.registration = registration;
		this.runtime = runtime;
		this.requests = requests;
		this.json = json;
	}

	@Transactional
	public Submitted submit(PetitionRequest request, String idempotencyKey) {
		String hash = hash(request);
		if (idempotencyKey != null) {
			Optional<Submitted> earlier = replay(idempotencyKey, hash);
			if (earlier.isPresent()) {
				return earlier.get();
			}
		}
		PetitionerData petitioner = request.petitioner() == null ? new PetitionerData(null, null, null, null)
				: request.petitioner();
		Registered registered;
		try {
			registered = this.registration.register(new PetitionForm(petitioner.name(), petitioner.residentId(),
					petitioner.phone(), petitioner.email(), request.personsCount(), request.category(),
					Channel.ONLINE.name(), request.summary(), request.request(), request.accusedUnit(),
					request.receptionDay()), null);
		}
		catch (InvalidInputException ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			ex.getFieldErrors().forEach((field, message) -> errors.put(FIELDS.getOrDefault(field, field), message));
			throw new InvalidInputException(errors);
		}
		PetitionCase petitionCase = registered.petitionCase();
		if (!registered.repeat()) {
			// The case record holds the petition; the forms show it from there. The category and the summary are
			// kept in the process too, for finding a case's tasks in Tasklist's search.
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put(CASE_ID, petitionCase.getId());
			variables.put(CATEGORY, petitionCase.getCategory());
			variables.put(SUMMARY, petitionCase.getSummary());
			this.runtime.startProcessInstanceByKey(PROCESS_ID, petitionCase.getCaseNumber(), variables);
		}
		if (idempotencyKey != null) {
			this.requests.save(new IdempotentRequest(idempotencyKey, hash, petitionCase.getCaseNumber(), registered.repeat()));
		}
		return new Submitted(petitionCase.getCaseNumber(), registered.repeat(), false);
	}

	@Transactional(readOnly = true)
	public Optional<Submitted> replay(String idempotencyKey, String hash) {
		return this.requests.findById(idempotencyKey).map((earlier) -> {
			if (!earlier.getRequestHash().equals(hash)) {
				throw Problems.refuse(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key", "已用于另一份不同的信访登记");
			}
			return new Submitted(earlier.getCaseNumber(), earlier.isRepeatPetition(), true);
		});
	}

	String hash(PetitionRequest request) {
		try {
			byte[] body = this.json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		}
		catch (JsonProcessingException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What a submission led to: a new case, or the open case a repeat petition joined; replayed or not. */
	record Submitted(String caseNumber, boolean repeat, boolean replayed) {
	}

}
