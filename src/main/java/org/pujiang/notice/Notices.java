package org.pujiang.notice;

import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.Petitioner;
import org.springframework.stereotype.Component;

/**
 * Writes notices into the outbox, in the caller's transaction: a notice exists if and only if the step that
 * caused it committed.
 */
@Component
public class Notices {

	private final NoticeRepository notices;

	private final IdentityService identities;

	private final NoticeProperties properties;

	Notices(NoticeRepository notices, IdentityService identities, NoticeProperties properties) {
		this.notices = notices;
		this.identities = identities;
		this.properties = properties;
	}

	/** By e-mail where the petitioner gave one, else by text message to the phone. */
	public void toPetitioner(PetitionCase petitionCase, NoticeKind kind, String subject, String body) {
		Petitioner petitioner = petitionCase.getPetitioner();
		boolean email = petitioner.getEmail() != null && !petitioner.getEmail().isBlank();
		save(petitionCase, kind, email ? NoticeChannel.EMAIL : NoticeChannel.SMS,
				email ? petitioner.getEmail() : petitioner.getPhone(), subject, body);
	}

	public void toUnit(PetitionCase petitionCase, String unitEmail, NoticeKind kind, String subject, String body) {
		save(petitionCase, kind, NoticeChannel.EMAIL, unitEmail, subject, body);
	}

	/** The receiving leader who owns the case, at the address in the user directory. */
	public void toLeader(PetitionCase petitionCase, NoticeKind kind, String subject, String body) {
		String address = Optional.ofNullable(petitionCase.getReceivingLeader())
			.map((id) -> this.identities.createUserQuery().userId(id).singleResult())
			.map(User::getEmail)
			.filter((mail) -> !mail.isBlank())
			.orElse(this.properties.leaders());
		save(petitionCase, kind, NoticeChannel.EMAIL, address, subject, body);
	}

	public void toSupervisionOffice(PetitionCase petitionCase, NoticeKind kind, String subject, String body) {
		save(petitionCase, kind, NoticeChannel.EMAIL, this.properties.supervisionOffice(), subject, body);
	}

	/** A reception day's announcement to the desk of one channel (newspaper, radio, TV, web). */
	public void toAnnouncementDesk(Long receptionDayId, String channel, String subject, String body) {
		String desk = this.properties.announcementDesks()
			.getOrDefault(channel.toLowerCase(), channel.toLowerCase() + "@pujiang.local");
		this.notices.save(new Notice(null, receptionDayId, NoticeKind.ANNOUNCEMENT, NoticeChannel.EMAIL, desk, subject, body));
	}

	private void save(PetitionCase petitionCase, NoticeKind kind, NoticeChannel channel, String recipient,
			String subject, String body) {
		this.notices.save(new Notice(petitionCase.getId(), kind, channel, recipient, subject, body));
	}

}
