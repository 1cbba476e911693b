package org.pujiang.notice;

/** How a notice travels. */
public enum NoticeChannel {

	EMAIL, SMS

}
