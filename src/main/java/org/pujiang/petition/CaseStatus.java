package org.pujiang.petition;

/** Where a case stands in its lifecycle. */
public enum CaseStatus {

	REGISTERED("已登记"), AWAITING_RECEPTION("待接访"), IN_HANDLING("交办办理中"), DRAFTING_ANSWER("定性处理答复中"),
	AWAITING_RETURN_VISIT("待回访"), CLOSED("已办结");

	private final String label;

	CaseStatus(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
