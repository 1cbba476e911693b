package org.pujiang.petition;

/** How a petition reached the bureau. */
public enum Channel {

	PRE_REGISTRATION("预登记"), WALK_IN("现场登记"), ONLINE("网上信访"), LETTER("来信");

	private final String label;

	Channel(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
