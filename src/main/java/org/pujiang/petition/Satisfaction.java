package org.pujiang.petition;

/** The petitioner's answer at a return visit. */
public enum Satisfaction {

	SATISFIED("满意"), BASICALLY_SATISFIED("基本满意"), DISSATISFIED("不满意");

	private final String label;

	Satisfaction(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
