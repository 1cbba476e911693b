package org.pujiang.audit;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * The queries run on every step are written as JPQL: Spring Data builds a derived query as a criteria query on each
 * call, which Hibernate 6 translates to SQL anew each time; a JPQL string is translated once and cached.
 */
interface CaseEventRepository extends JpaRepository<CaseEvent, Long> {

	/** The newest event of the case's chain (the pair case id, sequence is unique). */
	@Query("select e from CaseEvent e where e.caseId = :caseId"
			+ " and e.sequence = (select max(x.sequence) from CaseEvent x where x.caseId = :caseId)")
	Optional<CaseEvent> findHead(Long caseId);

	List<CaseEvent> findByCaseIdOrderBySequence(Long caseId);

	@Query("select distinct e.caseId from CaseEvent e order by e.caseId")
	List<Long> findCaseIds();

}
