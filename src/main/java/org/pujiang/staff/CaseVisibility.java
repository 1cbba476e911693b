package org.pujiang.staff;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import org.pujiang.Roles;
import org.pujiang.handling.Assignment;
import org.pujiang.handling.AssignmentStatus;
import org.pujiang.petition.BusinessClock;
import org.pujiang.petition.CaseStatus;
import org.pujiang.petition.PetitionCase;
import org.springframework.data.jpa.domain.Specification;

/**
 * Which cases a member of staff may read through the staff API: the bureau and auditors all; a leader the cases
 * waiting for reception and those received; a unit those assigned to it; the supervision office overdue and
 * supervised ones; return-visit staff those waiting for a visit; a lawyer those with a lawyer still to act.
 * A unit named as accused in a petition never reads that case, whatever else its users may be.
 */
final class CaseVisibility {

	private CaseVisibility() {
	}

	static Specification<PetitionCase> visibleTo(Viewer viewer) {
		return (root, query, cb) -> {
			List<Predicate> grounds = new ArrayList<>();
			if (viewer.seesAll()) {
				grounds.add(cb.conjunction());
			}
			if (viewer.is(Roles.LEADER)) {
				grounds.add(cb.or(cb.equal(root.get("status"), CaseStatus.AWAITING_RECEPTION),
						cb.equal(root.get("receivingLeader"), viewer.userId())));
			}
			if (viewer.is(Roles.LAWYER)) {
				grounds.add(cb.and(cb.isTrue(root.get("lawyerRequired")),
						root.get("status").in(CaseStatus.AWAITING_RECEPTION, CaseStatus.DRAFTING_ANSWER)));
			}
			if (viewer.is(Roles.RETURN_VISIT)) {
				grounds.add(cb.equal(root.get("status"), CaseStatus.AWAITING_RETURN_VISIT));
			}
			if (viewer.is(Roles.SUPERVISOR)) {
				grounds.add(cb.exists(assignments(root, query, cb, (a) -> cb.or(cb.isTrue(a.get("supervised")),
						cb.and(cb.lessThan(a.<Instant>get("deadline"), BusinessClock.now()),
								cb.notEqual(a.get("status"), AssignmentStatus.ACCEPTED))))));
			}
			if (!viewer.units().isEmpty()) {
				grounds.add(cb.exists(assignments(root, query, cb, (a) -> a.get("unit").get("code").in(viewer.units()))));
			}
			Predicate visible = grounds.isEmpty() ? cb.disjunction() : cb.or(grounds.toArray(Predicate[]::new));
			if (!viewer.units().isEmpty()) {
				visible = cb.and(visible,
						cb.or(cb.isNull(root.get("accusedUnit")), cb.not(root.get("accusedUnit").in(viewer.units()))));
			}
			return visible;
		};
	}

	static Specification<PetitionCase> assignedTo(String unit) {
		return (root, query, cb) -> cb.exists(assignments(root, query, cb, (a) -> cb.equal(a.get("unit").get("code"), unit)));
	}

	private static Subquery<Long> assignments(Root<PetitionCase> root, CriteriaQuery<?> query, CriteriaBuilder cb,
			java.util.function.Function<Root<Assignment>, Predicate> condition) {
		Subquery<Long> subquery = query.subquery(Long.class);
		Root<Assignment> assignment = subquery.from(Assignment.class);
		return subquery.select(assignment.get("id"))
			.where(cb.equal(assignment.get("petitionCase"), root), condition.apply(assignment));
	}

}
