package org.pujiang.receptionday;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface AnnouncementRepository extends JpaRepository<Announcement, Long> {

	List<Announcement> findByReceptionDayIdOrderById(Long receptionDayId);

}
