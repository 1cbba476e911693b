package org.pujiang.receptionday;

/** Where a reception day stands. */
public enum ReceptionDayStatus {

	PLANNED("已计划"), ANNOUNCED("已公告，预登记中"), IN_PROGRESS("接访中"), FOLLOW_UP("跟踪督办中"), ACCOUNTED_FOR("全部办结"),
	CANCELLED("已取消");

	private final String label;

	ReceptionDayStatus(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
