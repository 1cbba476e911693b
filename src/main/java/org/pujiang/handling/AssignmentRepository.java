package org.pujiang.handling;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface AssignmentRepository extends JpaRepository<Assignment, Long>, AssignmentLookup {

	/** Read by the handling steps and forms: JPQL, translated to SQL once (see CaseEventRepository). */
	@Query("select a from Assignment a join fetch a.unit where a.petitionCase.id = :caseId order by a.id")
	List<Assignment> findByPetitionCaseIdOrderById(Long caseId);

	@Query("select a from Assignment a join fetch a.petitionCase join fetch a.unit where a.status <> :status order by a.petitionCase.id, a.id")
	List<Assignment> findWithCaseAndUnitByStatusNot(AssignmentStatus status);

}
