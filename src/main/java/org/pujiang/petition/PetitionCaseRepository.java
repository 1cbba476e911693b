package org.pujiang.petition;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface PetitionCaseRepository extends JpaRepository<PetitionCase, Long>, JpaSpecificationExecutor<PetitionCase> {

	/** Every status lookup: JPQL, translated to SQL once (see CaseEventRepository). */
	@Query("select c from PetitionCase c where c.caseNumber = :caseNumber")
	Optional<PetitionCase> findByCaseNumber(String caseNumber);

	List<PetitionCase> findByReceptionDayIdAndStatusNot(Long receptionDayId, CaseStatus status);

	boolean existsByReceptionDayIdAndStatusNot(Long receptionDayId, CaseStatus status);

	List<PetitionCase> findByReceptionDayId(Long receptionDayId);

	Optional<PetitionCase> findByProcessInstanceId(String processInstanceId);

	@Query("select coalesce(max(c.queueNumber), 0) from PetitionCase c where c.receptionDayId = :day and c.room = :room")
	int maxQueueNumber(Long day, String room);

	@EntityGraph(attributePaths = "petitioner")
	Optional<PetitionCase> findWithPetitionerById(Long id);

	/** Looked up at every registration of a known petitioner: JPQL, translated to SQL once (see CaseEventRepository). */
	@Query("select c from PetitionCase c where c.petitioner.id = :petitionerId and c.category = :category"
			+ " and c.status <> :status order by c.registeredAt desc")
	List<PetitionCase> findByPetitionerIdAndCategoryAndStatusNot(Long petitionerId, String category, CaseStatus status,
			Limit limit);

	default Optional<PetitionCase> findOpenCase(Long petitionerId, String category) {
		return findByPetitionerIdAndCategoryAndStatusNot(petitionerId, category, CaseStatus.CLOSED, Limit.of(1)).stream()
			.findFirst();
	}

	default PetitionCase require(Long id) {
		return findById(id).orElseThrow(() -> new IllegalStateException("no petition case with id " + id));
	}

}
