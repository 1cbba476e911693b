package org.pujiang.receptionday;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ReceptionDayRepository extends JpaRepository<ReceptionDay, Long> {

	List<ReceptionDay> findByStatusInOrderByStartsAt(Collection<ReceptionDayStatus> statuses);

	default ReceptionDay require(Long id) {
		return findById(id).orElseThrow(() -> new IllegalStateException("no reception day " + id));
	}

}
