package org.pujiang.petition;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PetitionerRepository extends JpaRepository<Petitioner, Long> {

	/** The rows of {@code petitioner_lock}: resident ID numbers hash to one of them. */
	int LOCK_BUCKETS = 256;

	/** Every registration: JPQL, translated to SQL once (see CaseEventRepository). */
	@Query("select p from Petitioner p where p.residentId = :residentId")
	Optional<Petitioner> findByResidentId(String residentId);

	/**
	 * Makes the person's registrations take turns, from now until the transaction ends, whether or not the person is
	 * in the database yet: locks the {@code petitioner_lock} row the resident ID number hashes to.
	 */
	default void lockRegistrationsOf(String residentId) {
		int bucket = Math.floorMod(residentId.hashCode(), LOCK_BUCKETS);
		lockBucket(bucket).orElseThrow(() -> new IllegalStateException("petitioner_lock has no bucket " + bucket));
	}

	@Query(value = "select bucket from petitioner_lock where bucket = :bucket for update", nativeQuery = true)
	Optional<Integer> lockBucket(int bucket);

}
