package org.pujiang.receptionday;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Embeddable;

/** A room at the venue and the categories it receives (comma-separated category codes). */
@Embeddable
public record ReceptionRoom(String name, String categories) {

	public List<String> categoryCodes() {
		return Arrays.stream(this.categories.split(",")).map(String::strip).filter((c) -> !c.isEmpty()).toList();
	}

	public boolean serves(String category) {
		return categoryCodes().contains(category);
	}

}
