package org.pujiang.notice;

/** Why a notice is sent. */
public enum NoticeKind {

	REGISTERED, ASSIGNED, REMINDER, SUPERVISION, EXTENSION, ANSWERED, CLOSED, ANNOUNCEMENT, RECEPTION_DAY

}
