package org.pujiang.notice;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
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
		this.mail.send((message) -> {
			MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
			helper.setFrom(this.properties.from());
			helper.setTo(notice.getRecipient());
			helper.setSubject(notice.getSubject());
			helper.setText(notice.getBody());
			// One notice, one Message-ID, whichever node sends it and however often: a resend is recognisable.
			message.setHeader("Message-ID", messageId(notice));
		});
	}

	String messageId(Notice notice) {
		String from = this.properties.from();
		String domain = from.contains("@") ? from.substring(from.indexOf('@') + 1) : "pujiang.local";
		return "<notice-" + notice.getId() + "@" + domain + ">";
	}

}
