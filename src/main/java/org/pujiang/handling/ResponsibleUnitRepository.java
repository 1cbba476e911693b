package org.pujiang.handling;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ResponsibleUnitRepository extends JpaRepository<ResponsibleUnit, String> {

}
