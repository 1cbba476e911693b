package org.pujiang.notice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

public interface NoticeRepository extends JpaRepository<Notice, Long> {

	@Query("select n from Notice n where n.sentAt is null and n.attempts < :maxAttempts"
			+ " and (n.nextAttemptAt is null or n.nextAttemptAt <= :now) order by n.id")
	List<Notice> findDue(int maxAttempts, Instant now, Limit limit);

	/**
	 * Takes the notice for sending: locks its row unless another node holds it (PostgreSQL: {@code for update skip
	 * locked}), and only while it is still unsent. Empty when another node is sending it or has sent it.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = "-2"))
	@Query("select n from Notice n where n.id = :id and n.sentAt is null")
	Optional<Notice> claim(Long id);

	List<Notice> findByCaseIdOrderById(Long caseId);

	List<Notice> findByReceptionDayIdOrderById(Long receptionDayId);

}
