package org.pujiang.registration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.pujiang.petition.InvalidInputException;
import org.pujiang.audit.CaseEvents;
import org.pujiang.handling.ResponsibleUnitRepository;
import org.pujiang.notice.NoticeKind;
import org.pujiang.notice.Notices;
import org.pujiang.petition.Channel;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.petition.Petitioner;
import org.pujiang.petition.PetitionerRepository;
import org.pujiang.receptionday.ReceptionDays;
import org.pujiang.routing.CaseRouting;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers a petition: validates it, finds or records the petitioner, and either opens a new case or links a
 * repeat petition to the case the petitioner already has open in that category.
 */
@Service
public class Registration {

	private final Validator validator;

	private final CaseRouting routing;

	private final PetitionerRepository petitioners;

	private final PetitionCaseRepository cases;

	private final RepeatRegistrationRepository repeats;

	private final CaseNumbers caseNumbers;

	private final Notices notices;

	private final ResponsibleUnitRepository units;

	private final ReceptionDays receptionDays;

	private final CaseEvents events;

	Registration(Validator validator, CaseRouting routing, PetitionerRepository petitioners,
			PetitionCaseRepository cases, RepeatRegistrationRepository repeats, CaseNumbers caseNumbers,
			Notices notices, ResponsibleUnitRepository units, ReceptionDays receptionDays, CaseEvents events) {
		this.validator = validator;
		this.routing = routing;
		this.petitioners = petitioners;
		this.cases = cases;
		this.repeats = repeats;
		this.caseNumbers = caseNumbers;
		this.notices = notices;
		this.units = units;
		this.receptionDays = receptionDays;
		this.events = events;
	}

	@Transactional
	public Registered register(PetitionForm form, String registeredBy) {
		validate(form);
		Channel channel = Channel.valueOf(form.channel());
		String email = blankToNull(form.email());
		String accusedUnit = blankToNull(form.accusedUnit());
		String residentId = form.residentId().toUpperCase();
		// One person's registrations take turns until each commits, so two sent at once can't both open a case, nor
		// both insert a petitioner new to the database: the second finds the first's petitioner and case, and joins it.
		this.petitioners.lockRegistrationsOf(residentId);
		Optional<Petitioner> known = this.petitioners.findByResidentId(residentId);
		Petitioner petitioner = known.orElseGet(() -> this.petitioners
			.save(new Petitioner(form.petitionerName(), residentId, form.phone(), email)));
		petitioner.updateContact(form.petitionerName(), form.phone(), email);

		// A petitioner new to the database has no case yet.
		Optional<PetitionCase> open = known.isPresent() ? this.cases.findOpenCase(petitioner.getId(), form.category())
				: Optional.empty();
		if (open.isPresent()) {
			PetitionCase openCase = open.get();
			openCase.countRepeat();
			this.repeats.save(new RepeatRegistration(openCase, channel, form.summary(), registeredBy));
			this.events.record(openCase.getId(), "REPEAT_LINKED", registeredBy, "channel", channel, "summary", form.summary());
			return new Registered(openCase, true);
		}
		PetitionCase petitionCase = this.cases.save(new PetitionCase(this.caseNumbers.next(), petitioner,
				form.personsCount(), form.category(), form.summary(), form.request(), channel, accusedUnit,
				form.receptionDayId(), registeredBy));
		this.events.recordFirst(petitionCase.getId(), "REGISTERED", registeredBy, "caseNumber", petitionCase.getCaseNumber(),
				"channel", channel, "category", form.category(), "personsCount", form.personsCount(), "receptionDayId",
				form.receptionDayId(), "accusedUnit", accusedUnit);
		this.notices.toPetitioner(petitionCase, NoticeKind.REGISTERED, "信访事项已登记：" + petitionCase.getCaseNumber(),
				"您的信访事项已登记，案件编号 " + petitionCase.getCaseNumber() + "。可凭案件编号和登记的手机号查询办理进度。");
		return new Registered(petitionCase, false);
	}

	private void validate(PetitionForm form) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (ConstraintViolation<PetitionForm> violation : this.validator.validate(form)) {
			errors.merge(violation.getPropertyPath().toString(), violation.getMessage(), (a, b) -> a + "；" + b);
		}
		if (form.category() != null && !form.category().isBlank() && !this.routing.knows(form.category())) {
			errors.put("category", "分流决策表中没有这个信访类别：" + form.category());
		}
		String accused = blankToNull(form.accusedUnit());
		if (accused != null && !errors.containsKey("accusedUnit") && !this.units.existsById(accused)) {
			errors.put("accusedUnit", "没有这个单位：" + accused);
		}
		if (form.receptionDayId() != null) {
			try {
				this.receptionDays.openForRegistration(form.receptionDayId(), "receptionDayId");
			}
			catch (InvalidInputException ex) {
				errors.putAll(ex.getFieldErrors());
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	/** The outcome of a registration: a new case, or the open case a repeat petition was linked to. */
	public record Registered(PetitionCase petitionCase, boolean repeat) {

		public String repeatReason() {
			return this.repeat ? "信访人已有同一类别、尚未办结的案件 " + this.petitionCase.getCaseNumber() + "（"
					+ this.petitionCase.getStatus().label() + "），本次登记已并入该案件，不另立新案。" : null;
		}

	}

}
