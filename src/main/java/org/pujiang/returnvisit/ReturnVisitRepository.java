package org.pujiang.returnvisit;

import java.util.Collection;
import java.util.List;

import org.pujiang.petition.Satisfaction;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ReturnVisitRepository extends JpaRepository<ReturnVisit, Long> {

	List<ReturnVisit> findByPetitionCaseIdOrderByRound(Long caseId);

	@Query("select v.petitionCase.id as caseId, v.satisfaction as satisfaction from ReturnVisit v where v.petitionCase.id in :caseIds")
	List<VisitSatisfaction> findSatisfactionByCaseIds(Collection<Long> caseIds);

	/** How satisfied the petitioner of a case was at one return visit. */
	interface VisitSatisfaction {

		Long getCaseId();

		Satisfaction getSatisfaction();

	}

}
