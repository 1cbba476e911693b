package org.pujiang.staff;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.pujiang.handling.Assignment;
import org.pujiang.handling.Handling;
import org.pujiang.handling.ResponsibleUnit;
import org.pujiang.handling.ResponsibleUnitRepository;
import org.pujiang.petition.CaseStatus;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.petition.Petitioner;
import org.pujiang.registration.RepeatRegistrationRepository;
import org.pujiang.returnvisit.ReturnVisitRepository;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Case search and case records for staff, each limited to what the viewer may read. */
@Service
@Transactional(readOnly = true)
class StaffCases {

	private final PetitionCaseRepository cases;

	private final ResponsibleUnitRepository units;

	private final Handling handling;

	private final ReturnVisitRepository returnVisits;

	private final RepeatRegistrationRepository repeats;

	StaffCases(PetitionCaseRepository cases, ResponsibleUnitRepository units, Handling handling,
			ReturnVisitRepository returnVisits, RepeatRegistrationRepository repeats) {
		this.cases = cases;
		this.units = units;
		this.handling = handling;
		this.returnVisits = returnVisits;
		this.repeats = repeats;
	}

	Viewer viewer(Authentication authentication) {
		Set<String> groups = new HashSet<>();
		authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).forEach(groups::add);
		Set<String> unitCodes = new HashSet<>();
		this.units.findAllById(groups).stream().map(ResponsibleUnit::getCode).forEach(unitCodes::add);
		return new Viewer(authentication.getName(), Set.copyOf(groups), Set.copyOf(unitCodes));
	}

	Page<CaseSummary> search(Viewer viewer, String caseNumber, String petitioner, String unit, CaseStatus status,
			Pageable page) {
		Specification<PetitionCase> query = CaseVisibility.visibleTo(viewer);
		if (caseNumber != null) {
			query = query.and((root, q, cb) -> cb.equal(root.get("caseNumber"), caseNumber));
		}
		if (petitioner != null) {
			query = query.and((root, q, cb) -> cb.like(root.get("petitioner").get("name"), "%" + petitioner + "%"));
		}
		if (unit != null) {
			query = query.and(CaseVisibility.assignedTo(unit));
		}
		if (status != null) {
			query = query.and((root, q, cb) -> cb.equal(root.get("status"), status));
		}
		return this.cases.findAll(query, page).map(this::summary);
	}

	/** Empty when there is no such case; {@link NotVisible} when there is one the viewer may not read. */
	Optional<CaseRecord> record(Viewer viewer, String caseNumber) {
		Optional<PetitionCase> found = this.cases.findByCaseNumber(caseNumber);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Specification<PetitionCase> visible = CaseVisibility.visibleTo(viewer)
			.and((root, q, cb) -> cb.equal(root.get("caseNumber"), caseNumber));
		if (this.cases.count(visible) == 0) {
			throw new NotVisible();
		}
		return found.map((petitionCase) -> record(viewer, petitionCase));
	}

	private CaseSummary summary(PetitionCase c) {
		return new CaseSummary(c.getCaseNumber(), c.getCategory(), c.getStatus(), c.getStatus().label(), c.getOutcome(),
				c.getPetitioner().getName(), c.getPersonsCount(),
				this.handling.assignments(c.getId()).stream().map((a) -> a.getUnit().getCode()).toList(),
				c.getRegisteredAt(), c.getClosedAt());
	}

	private CaseRecord record(Viewer viewer, PetitionCase c) {
		Petitioner p = c.getPetitioner();
		boolean enteredIt = viewer.is(org.pujiang.Roles.REGISTRAR) && viewer.userId().equals(c.getRegisteredBy());
		List<CaseRecord.Assignment> assignments = this.handling.assignments(c.getId()).stream().map(StaffCases::assignment).toList();
		return new CaseRecord(c.getCaseNumber(), c.getCategory(), c.getStatus(), c.getStatus().label(), c.getChannel(),
				c.getPersonsCount(), c.isCollective(), c.getSummary(), c.getRequest(),
				viewer.seesAll() ? c.getAccusedUnit() : null,
				new CaseRecord.Petitioner(p.getName(), enteredIt ? p.getResidentId() : p.getMaskedResidentId(), p.getPhone(),
						p.getEmail()),
				c.getRoom(), c.isLawyerRequired(), c.getLegalOpinion(), c.getReceptionNotes(), c.getOutcome(),
				c.getDecision(), c.getAnswerForm(), c.getAnswerText(), c.getAnswerBasis(), c.getReceivingLeader(),
				c.getResponsiblePerson(), c.getSatisfaction(), c.getReturnVisitRounds(), c.getRepeatCount(),
				c.getRegisteredBy(), c.getRegisteredAt(), c.getReceivedAt(), c.getAnsweredAt(), c.getClosedAt(),
				assignments,
				this.returnVisits.findByPetitionCaseIdOrderByRound(c.getId())
					.stream()
					.map((v) -> new CaseRecord.ReturnVisit(v.getRound(), v.getMethod(), v.getSatisfaction(), v.getComment(),
							v.getVisitedBy()))
					.toList(),
				this.repeats.findByPetitionCaseId(c.getId())
					.stream()
					.map((r) -> new CaseRecord.Repeat(r.getChannel(), r.getSummary(), r.getRegisteredAt()))
					.toList());
	}

	private static CaseRecord.Assignment assignment(Assignment a) {
		return new CaseRecord.Assignment(a.getUnit().getCode(), a.getUnit().getName(), a.getResponsiblePerson(),
				a.getStatus().name(), a.getAssignedAt(), a.getDeadline(), a.isOverdue(), a.isSupervised(),
				a.getExtensionDays(), a.getExtensionStatus(), a.getReport(), a.getReportedAt(), a.getSentBackReason(),
				a.getAcceptedAt(), a.getHandlingRound());
	}

	/** The case exists but the viewer may not read it. */
	static class NotVisible extends RuntimeException {

	}

}
