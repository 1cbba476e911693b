package org.pujiang.forms;

import static org.pujiang.petition.PetitionCaseProcess.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.pujiang.handling.Assignment;
import org.pujiang.handling.Handling;
import org.pujiang.handling.ResponsibleUnit;
import org.pujiang.handling.ResponsibleUnitRepository;
import org.pujiang.petition.BusinessClock;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.returnvisit.Answers;
import org.pujiang.returnvisit.ReturnVisit;
import org.pujiang.returnvisit.ReturnVisitRepository;
import org.pujiang.routing.Categories;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * What a PetitionCase task's form shows of its case, read from the case record when the form is opened. The case
 * record is the one source: the process keeps the case id and the flags its gateways read, not copies of the case
 * made for the forms, which with history FULL cost a runtime row, a history row and a detail row each, and went
 * stale when the case changed. Fields staff fill in are not here: only what the forms show read-only.
 */
@Component
class CaseFormFields {

	private final PetitionCaseRepository cases;

	private final Handling handling;

	private final ResponsibleUnitRepository units;

	private final Categories categories;

	private final Answers answers;

	private final ReturnVisitRepository visits;

	private final ObjectMapper json;

	CaseFormFields(PetitionCaseRepository cases, Handling handling, ResponsibleUnitRepository units,
			Categories categories, Answers answers, ReturnVisitRepository visits, ObjectMapper json) {
		this.cases = cases;
		this.handling = handling;
		this.units = units;
		this.categories = categories;
		this.answers = answers;
		this.visits = visits;
		this.json = json;
	}

	/**
	 * The fields the task's form shows of the case (and, in a unit's handling, of the unit's assignment), each read
	 * only when asked for: opening a form asks for them all, looking up its key for none.
	 */
	Map<String, Supplier<TypedValue>> shownBy(String taskKey, Long caseId, String unit) {
		Supplier<PetitionCase> petitionCase = SingletonSupplier.of(() -> this.cases.require(caseId));
		Map<String, Supplier<TypedValue>> fields = new LinkedHashMap<>();
		fields.put(CASE_NUMBER, () -> Variables.stringValue(petitionCase.get().getCaseNumber()));
		fields.put(CATEGORY_NAME, () -> Variables.stringValue(this.categories.name(petitionCase.get().getCategory())));
		fields.put(PERSONS_COUNT, () -> Variables.integerValue(petitionCase.get().getPersonsCount()));
		fields.put(ROOM, () -> Variables.stringValue(room(petitionCase.get())));
		fields.put(SUMMARY, () -> Variables.stringValue(petitionCase.get().getSummary()));
		fields.put(REQUEST, () -> Variables.stringValue(petitionCase.get().getRequest()));
		switch (taskKey) {
			case RECEIVE_PETITIONER -> {
				fields.put(UNIT_OPTIONS, () -> unitOptions(petitionCase.get()));
				fields.put(LEGAL_OPINION, () -> Variables.stringValue(petitionCase.get().getLegalOpinion()));
				fields.put(RETURN_VISIT_COMMENT, () -> Variables.stringValue(lastVisitComment(petitionCase.get())));
			}
			case DRAFT_ANSWER -> {
				fields.put(RECEPTION_NOTES, () -> Variables.stringValue(petitionCase.get().getReceptionNotes()));
				fields.put(LEGAL_OPINION, () -> Variables.stringValue(petitionCase.get().getLegalOpinion()));
			}
			case HANDLE_CASE -> {
				fields.put(RECEPTION_NOTES, () -> Variables.stringValue(petitionCase.get().getReceptionNotes()));
				fields.put(RETURN_VISIT_COMMENT, () -> Variables.stringValue(lastVisitComment(petitionCase.get())));
			}
			case RETURN_VISIT -> {
				fields.put(OUTCOME_NAME, () -> Variables.stringValue(
						petitionCase.get().getOutcome() == null ? null : petitionCase.get().getOutcome().label()));
				fields.put(RETURN_VISIT_ROUND, () -> Variables.integerValue(petitionCase.get().getReturnVisitRounds() + 1));
				fields.put(RESULT_SUMMARY, () -> Variables.stringValue(
						petitionCase.get().getOutcome() == null ? null : this.answers.of(petitionCase.get())));
			}
			default -> {
			}
		}
		if (unit != null) {
			Supplier<Assignment> assignment = SingletonSupplier.of(() -> this.handling.assignment(caseId, unit));
			fields.put(UNIT_NAME, () -> Variables.stringValue(assignment.get().getUnit().getName()));
			fields.put(DEADLINE_DATE, () -> Variables.stringValue(BusinessClock.date(assignment.get().getDeadline())));
			switch (taskKey) {
				case HANDLE_CASE -> {
					fields.put(RESPONSIBLE_PERSON, () -> Variables.stringValue(assignment.get().getResponsiblePerson()));
					fields.put(EXTENSION_USED, () -> Variables.booleanValue(assignment.get().isExtended()));
					fields.put(SENT_BACK_REASON, () -> Variables.stringValue(assignment.get().getSentBackReason()));
				}
				case REVIEW_EXTENSION -> {
					fields.put(EXTENSION_DAYS, () -> Variables.integerValue(assignment.get().getExtensionDays()));
					fields.put(EXTENSION_REASON, () -> Variables.stringValue(assignment.get().getExtensionReason()));
				}
				default -> {
				}
			}
		}
		return fields;
	}

	/** The room, and the queue number when the case was seated on a reception day. */
	private static String room(PetitionCase petitionCase) {
		if (petitionCase.getRoom() == null) {
			return null;
		}
		return petitionCase.getRoom()
				+ (petitionCase.getQueueNumber() == null ? "" : "，" + petitionCase.getQueueNumber() + "号");
	}

	/** What the petitioner said at the last return visit, when the case came back from one. */
	private String lastVisitComment(PetitionCase petitionCase) {
		if (petitionCase.getReturnVisitRounds() == 0) {
			return null;
		}
		List<ReturnVisit> visits = this.visits.findByPetitionCaseIdOrderByRound(petitionCase.getId());
		return visits.isEmpty() ? null : visits.get(visits.size() - 1).getComment();
	}

	/** The units routing proposed, less the accused one: the choices of the leader's assignment. */
	private TypedValue unitOptions(PetitionCase petitionCase) {
		List<Map<String, String>> options = this.units.findAllById(petitionCase.unitCandidateCodes())
			.stream()
			.map(CaseFormFields::option)
			.toList();
		try {
			return SpinValues.jsonValue(this.json.writeValueAsString(options)).create();
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> option(ResponsibleUnit unit) {
		Map<String, String> option = new LinkedHashMap<>();
		option.put("label", unit.getName());
		option.put("value", unit.getCode());
		return option;
	}

}
