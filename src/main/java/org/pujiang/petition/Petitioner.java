package org.pujiang.petition;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A citizen who petitions. Personal data lives here only, never in process variables or logs. */
@Entity
public class Petitioner {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	@Column(name = "resident_id")
	private String residentId;

	private String phone;

	private String email;

	private Instant createdAt;

	protected Petitioner() {
	}

	public Petitioner(String name, String residentId, String phone, String email) {
		this.name = name;
		this.residentId = residentId;
		this.phone = phone;
		this.email = email;
		this.createdAt = BusinessClock.now();
	}

	/** Keeps the contact details the petitioner gave last. */
	public void updateContact(String name, String phone, String email) {
		this.name = name;
		this.phone = phone;
		if (email != null && !email.isBlank()) {
			this.email = email;
		}
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getResidentId() {
		return this.residentId;
	}

	/** The resident ID number as everyone but the registrar who entered it sees it: 330726********1234. */
	public String getMaskedResidentId() {
		return mask(this.residentId);
	}

	public static String mask(String residentId) {
		return residentId == null || residentId.length() < 10 ? "****"
				: residentId.substring(0, 6) + "*".repeat(residentId.length() - 10) + residentId.substring(residentId.length() - 4);
	}

	public String getPhone() {
		return this.phone;
	}

	public String getEmail() {
		return this.email;
	}

}
