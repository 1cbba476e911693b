package org.pujiang.handling;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface AssignmentRepository extends JpaRepository<Assignment, Long> {

	List<Assignment> findByPetitionCaseIdOrderById(Long caseId);

	/** The assignments of many cases in one query, with their units. */
	@Query("select a from Assignment a join fetch a.unit where a.petitionCase.id in :caseIds order by a.id")
	List<Assignment> findByCaseIds(Collection<Long> caseIds);

	/** Open assignments past their deadline or under supervision, with their cases and units. */
	@Query("select a from Assignment a join fetch a.unit join fetch a.petitionCase where a.status <> :accepted"
			+ " and (a.supervised = true or a.deadline < :now) order by a.deadline")
	List<Assignment> findOverdueOrSupervised(AssignmentStatus accepted, Instant now);

	Optional<Assignment> findByPetitionCaseIdAndUnitCode(Long caseId, String unitCode);

}
