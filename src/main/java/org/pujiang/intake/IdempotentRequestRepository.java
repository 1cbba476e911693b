package org.pujiang.intake;

import org.springframework.data.jpa.repository.JpaRepository;

interface IdempotentRequestRepository extends JpaRepository<IdempotentRequest, String> {

}
