package org.pujiang.notice;

/** Delivers a notice on one channel. An SMS gateway plugs in as one more implementation. */
public interface NoticeSender {

	boolean handles(NoticeChannel channel);

	void send(Notice notice) throws Exception;

}
