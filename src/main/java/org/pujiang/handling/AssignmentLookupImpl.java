package org.pujiang.handling;

import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.hibernate.Session;
import org.pujiang.petition.PetitionCase;
import org.springframework.transaction.annotation.Transactional;

/** By the assignment's natural id (case and unit), which Hibernate resolves in the persistence context first. */
class AssignmentLookupImpl implements AssignmentLookup {

	@PersistenceContext
	private EntityManager entityManager;

	@Override
	@Transactional(readOnly = true)
	public Optional<Assignment> findByCaseAndUnit(Long caseId, String unitCode) {
		return this.entityManager.unwrap(Session.class)
			.byNaturalId(Assignment.class)
			.using("petitionCase", this.entityManager.getReference(PetitionCase.class, caseId))
			.using("unit", this.entityManager.getReference(ResponsibleUnit.class, unitCode))
			.loadOptional();
	}

}
