package org.pujiang.petition;

import java.util.Optional;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface PetitionCaseRepository extends JpaRepository<PetitionCase, Long>, JpaSpecificationExecutor<PetitionCase> {

	Optional<PetitionCase> findByCaseNumber(String caseNumber);

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
