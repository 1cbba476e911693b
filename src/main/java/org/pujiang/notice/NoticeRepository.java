package org.pujiang.notice;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface NoticeRepository extends JpaRepository<Notice, Long> {

	@Query("select n from Notice n where n.sentAt is null and n.attempts < :maxAttempts"
			+ " and (n.nextAttemptAt is null or n.nextAttemptAt <= :now) order by n.id")
	List<Notice> findDue(int maxAttempts, Instant now, Limit limit);

	List<Notice> findByCaseIdOrderById(Long caseId);

	List<Notice> findByReceptionDayIdOrderById(Long receptionDayId);

}
