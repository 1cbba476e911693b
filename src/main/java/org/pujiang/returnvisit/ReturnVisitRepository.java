package org.pujiang.returnvisit;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ReturnVisitRepository extends JpaRepository<ReturnVisit, Long> {

	List<ReturnVisit> findByPetitionCaseIdOrderByRound(Long caseId);

	@Query("select v from ReturnVisit v where v.petitionCase.id in :caseIds order by v.id")
	List<ReturnVisit> findByCaseIds(Collection<Long> caseIds);

}
