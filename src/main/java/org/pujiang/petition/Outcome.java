package org.pujiang.petition;

/** The leader's decision at the reception table. */
public enum Outcome {

	SOLVED_ON_THE_SPOT("当场解决"), ASSIGNED("交办"), DEFINITIVE_ANSWER("定性处理");

	private final String label;

	Outcome(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
