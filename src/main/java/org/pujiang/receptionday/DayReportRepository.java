package org.pujiang.receptionday;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface DayReportRepository extends JpaRepository<DayReport, Long> {

	List<DayReport> findByReceptionDayIdOrderById(Long receptionDayId);

}
