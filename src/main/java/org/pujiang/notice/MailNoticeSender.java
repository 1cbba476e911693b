package org.pujiang.notice;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Sends e-mail notices through Spring Mail; active when {@code spring.mail.host} is set. */
@Component
@Order(1)
@ConditionalOnProperty("spring.mail.host")
class MailNoticeSender implements NoticeSender {

	private final JavaMailSender mail;

	private final NoticeProperties properties;

	MailNoticeSender(JavaMailSender mail, NoticeProperties properties) {
		this.mail = mail;
		this.properties = properties;
	}

	@Override
	public boolean handles(NoticeChannel channel) {
		return channel == NoticeChannel.EMAIL;
	}

	@Override
	public void send(Notice notice) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.from());
		message.setTo(notice.getRecipient());
		message.setSubject(notice.getSubject());
		message.setText(notice.getBody());
		this.mail.send(message);
	}

}
