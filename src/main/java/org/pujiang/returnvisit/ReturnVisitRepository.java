package org.pujiang.returnvisit;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ReturnVisitRepository extends JpaRepository<ReturnVisit, Long> {

	List<ReturnVisit> findByPetitionCaseIdOrderByRound(Long caseId);

}
