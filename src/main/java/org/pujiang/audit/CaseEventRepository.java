package org.pujiang.audit;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CaseEventRepository extends JpaRepository<CaseEvent, Long> {

	Optional<CaseEvent> findFirstByCaseIdOrderBySequenceDesc(Long caseId);

	List<CaseEvent> findByCaseIdOrderBySequence(Long caseId);

	@Query("select distinct e.caseId from CaseEvent e order by e.caseId")
	List<Long> findCaseIds();

}
