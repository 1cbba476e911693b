package org.pujiang.handling;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SupervisionRepository extends JpaRepository<Supervision, Long> {

	List<Supervision> findByAssignmentIdOrderById(Long assignmentId);

	Optional<Supervision> findFirstByAssignmentIdAndRecordedAtIsNullOrderByIdDesc(Long assignmentId);

}
