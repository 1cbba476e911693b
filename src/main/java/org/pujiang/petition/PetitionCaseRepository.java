package org.pujiang.petition;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface PetitionCaseRepository extends JpaRepository<PetitionCase, Long>, JpaSpecificationExecutor<PetitionCase> {

	Optional<PetitionCase> findByCaseNumber(String caseNumber);

	List<PetitionCase> findByReceptionDayIdAndStatusNot(Long receptionDayId, CaseStatus status);

	boolean existsByReceptionDayIdAndStatusNot(Long receptionDayId, CaseStatus status);

	List<PetitionCase> findByReceptionDayId(Long receptionDayId);

	Optional<PetitionCase> findByProcessInstanceId(String processInstanceId);

	@Query("select coalesce(max(c.queueNumber), 0) from PetitionCase c where c.receptionDayId = :day and c.room = :room")
	int maxQueueNumber(Long day, String room);

	@EntityGraph(attributePaths = "petitioner")
	Optional<PetitionCase> findWithPetitionerById(Long id);

	Optional<PetitionCase> findFirstByPetitionerIdAndCategoryAndStatusNotOrderByRegisteredAtDesc(Long petitionerId,
			String category, CaseStatus status);

	default Optional<PetitionCase> findOpenCase(Long petitionerId, String category) {
		return findFirstByPetitionerIdAndCategoryAndStatusNotOrderByRegisteredAtDesc(petitionerId, category,
				CaseStatus.CLOSED);
	}

	default PetitionCase require(Long id) {
		return findById(id).orElseThrow(() -> new IllegalStateException("no petition case with id " + id));
	}

}
