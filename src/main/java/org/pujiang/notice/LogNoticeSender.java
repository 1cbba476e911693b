package org.pujiang.notice;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's sender: writes the notice to the log. Takes every channel no real sender handles (text messages until
 * a gateway is configured). Phone numbers are masked.
 */
@Component
@Order(100)
class LogNoticeSender implements NoticeSender {

	private static final Logger log = LoggerFactory.getLogger(LogNoticeSender.class);

	@Override
	public boolean handles(NoticeChannel channel) {
		return true;
	}

	@Override
	public void send(Notice notice) {
		log.info("Notice {} [{}] to {}: {}", notice.getId(), notice.getChannel(), masked(notice.getRecipient()),
				notice.getSubject());
	}

	static String masked(String recipient) {
		if (recipient.matches("\\d{11}")) {
			return recipient.substring(0, 3) + "****" + recipient.substring(7);
		}
		return recipient;
	}

}
