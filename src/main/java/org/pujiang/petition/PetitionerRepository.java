package org.pujiang.petition;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PetitionerRepository extends JpaRepository<Petitioner, Long> {

	Optional<Petitioner> findByResidentId(String residentId);

}
