package org.pujiang.handling;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A responsible unit (责任单位). Its code is also the Camunda group of its staff. */
@Entity
public class ResponsibleUnit {

	@Id
	private String code;

	private String name;

	private String email;

	protected ResponsibleUnit() {
	}

	public String getCode() {
		return this.code;
	}

	public String getName() {
		return this.name;
	}

	public String getEmail() {
		return this.email;
	}

}
