package org.pujiang.receptionday;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface ReceptionDayRepository extends JpaRepository<ReceptionDay, Long> {

	List<ReceptionDay> findByStatusInOrderByStartsAt(Collection<ReceptionDayStatus> statuses);

	/** The day, its row locked until the transaction ends ({@code select … for update}). */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select d from ReceptionDay d where d.id = :id")
	Optional<ReceptionDay> findLockedById(Long id);

	default ReceptionDay require(Long id) {
		return findById(id).orElseThrow(() -> missing(id));
	}

	/** The day, locked until the transaction ends. */
	default ReceptionDay lock(Long id) {
		return findLockedById(id).orElseThrow(() -> missing(id));
	}

	private static IllegalStateException missing(Long id) {
		return new IllegalStateException("no reception day " + id);
	}

}
