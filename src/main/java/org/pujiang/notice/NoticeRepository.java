package org.pujiang.notice;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NoticeRepository extends JpaRepository<Notice, Long> {

	List<Notice> findBySentAtIsNullAndAttemptsLessThanOrderById(int attempts, Limit limit);

	List<Notice> findByCaseIdOrderById(Long caseId);

	List<Notice> findByReceptionDayIdOrderById(Long receptionDayId);

}
