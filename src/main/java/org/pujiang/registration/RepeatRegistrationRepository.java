package org.pujiang.registration;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface RepeatRegistrationRepository extends JpaRepository<RepeatRegistration, Long> {

	List<RepeatRegistration> findByPetitionCaseId(Long caseId);

}
