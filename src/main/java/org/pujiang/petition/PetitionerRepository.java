package org.pujiang.petition;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface PetitionerRepository extends JpaRepository<Petitioner, Long> {

	Optional<Petitioner> findByResidentId(String residentId);

	/** The petitioner, locked until the transaction ends ({@code select … for update}). */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select p from Petitioner p where p.residentId = :residentId")
	Optional<Petitioner> findLockedByResidentId(String residentId);

}
