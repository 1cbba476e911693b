package org.pujiang.handling;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AssignmentRepository extends JpaRepository<Assignment, Long> {

	List<Assignment> findByPetitionCaseIdOrderById(Long caseId);

	Optional<Assignment> findByPetitionCaseIdAndUnitCode(Long caseId, String unitCode);

}
