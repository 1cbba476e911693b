package org.pujiang.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pujiang.CaseDesk;
import org.pujiang.PujiangTest;
import org.pujiang.petition.BusinessClock;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseProcess;
import org.pujiang.petition.PetitionCaseRepository;
import org.springframework.beans.factory.annotation.Autowired;

/** The outbox is sent through a real SMTP server (GreenMail), each notice once. */
@PujiangTest
class NoticeDispatcherTests {

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	ProcessEngine engine;

	@Autowired
	NoticeDispatcher dispatcher;

	@Autowired
	NoticeRepository notices;

	@Autowired
	PetitionCaseRepository cases;

	@Autowired
	NoticeProperties properties;

	@Test
	void shouldSendEveryNoticeOfACaseOnceByMailOrText() throws Exception {
		CaseDesk desk = new CaseDesk(this.engine);
		Map<String, Object> form = CaseDesk.petition("ROADS_TRANSPORT", 1);
		form.put(PetitionCaseProcess.EMAIL, "citizen@example.org");
		ProcessInstance instance = desk.register(form);
		desk.assign(instance, "unit-transport");
		PetitionCase petitionCase = this.cases.findByCaseNumber(instance.getBusinessKey()).orElseThrow();
		List<Notice> pending = this.notices.findByCaseIdOrderById(petitionCase.getId());
		assertThat(pending).extracting(Notice::getRecipient)
			.containsExactly("citizen@example.org", "unit-transport@pujiang.local", "leader@pujiang.local",
					"citizen@example.org");
		assertThat(pending).allSatisfy((n) -> assertThat(n.getSentAt()).isNull());

		dispatchAll();
		assertThat(this.dispatcher.dispatchPending()).isZero();

		List<MimeMessage> sent = messagesAbout(petitionCase.getCaseNumber());
		assertThat(sent).hasSize(4);
		assertThat(sent).extracting((m) -> m.getAllRecipients()[0].toString())
			.containsExactlyInAnyOrder("citizen@example.org", "citizen@example.org", "unit-transport@pujiang.local",
					"leader@pujiang.local");
		assertThat(GreenMailUtil.getBody(sent.get(0))).isNotBlank();
		assertThat(this.notices.findByCaseIdOrderById(petitionCase.getId())).allSatisfy((n) -> {
			assertThat(n.getSentAt()).isNotNull();
			assertThat(n.getAttempts()).isEqualTo(1);
		});
	}

	@Test
	void shouldRetryAFailedNoticeLaterEachTimeAndRaiseAnIncidentAfterTheLast() {
		ProcessInstance instance = new CaseDesk(this.engine).register("ROADS_TRANSPORT", 1);
		PetitionCase petitionCase = this.cases.findByCaseNumber(instance.getBusinessKey()).orElseThrow();
		Notice broken = this.notices.save(new Notice(petitionCase.getId(), NoticeKind.REMINDER, NoticeChannel.EMAIL,
				"no address at all", "无法投递", "正文"));
		try {
			dispatchAll();
			Notice once = this.notices.findById(broken.getId()).orElseThrow();
			assertThat(once.getAttempts()).isEqualTo(1);
			assertThat(once.getLastError()).isNotBlank();
			assertThat(Duration.between(BusinessClock.now(), once.getNextAttemptAt())).isBetween(Duration.ofSeconds(25),
					Duration.ofSeconds(30));
			dispatchAll();
			assertThat(this.notices.findById(broken.getId()).orElseThrow().getAttempts()).as("not before its time").isEqualTo(1);

			for (int attempt = 2; attempt <= 6; attempt++) {
				ClockUtil.setCurrentTime(Date.from(BusinessClock.now().plus(Duration.ofHours(1))));
				dispatchAll();
			}
			Notice failed = this.notices.findById(broken.getId()).orElseThrow();
			assertThat(failed.getSentAt()).isNull();
			assertThat(failed.getAttempts()).isEqualTo(5);
			assertThat(this.engine.getRuntimeService()
				.createIncidentQuery()
				.processInstanceId(instance.getId())
				.incidentType(NoticeIncidents.TYPE)
				.singleResult()
				.getIncidentMessage()).contains("5 次发送失败");
		}
		finally {
			ClockUtil.reset();
		}
	}

	@Test
	void shouldDrainABacklogOfSeveralBatchesInOneInterval() {
		dispatchAll(); // what earlier tests left: sent, or put off after a failure
		List<Notice> backlog = new ArrayList<>();
		for (int i = 0; i < 2 * this.properties.batchSize() + 1; i++) {
			backlog.add(this.notices.save(new Notice(null, NoticeKind.ANNOUNCEMENT, NoticeChannel.SMS, "13900000000",
					"积压公告 " + i, "正文")));
		}
		this.dispatcher.dispatchScheduled();
		assertThat(this.notices.findAllById(backlog.stream().map(Notice::getId).toList()))
			.hasSize(backlog.size())
			.allSatisfy((n) -> assertThat(n.getSentAt()).isNotNull());
	}

	/** The outbox holds what earlier tests left too; each call sends one batch. */
	private void dispatchAll() {
		for (int batch = 0; batch < 1000 && this.dispatcher.dispatchPending() > 0; batch++) {
			// next batch
		}
	}

	private static List<MimeMessage> messagesAbout(String caseNumber) {
		return Arrays.stream(mail.getReceivedMessages()).filter((m) -> {
			try {
				return m.getSubject().contains(caseNumber);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

}
