package org.pujiang.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pujiang.petition.PetitionCaseProcess.*;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pujiang.CaseDesk;
import org.pujiang.PujiangTest;
import org.pujiang.notice.NoticeDispatcher;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.audit.CaseEvents.Verification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Every step of a case lands in its hash chain, and a row changed in the database is caught. */
@PujiangTest
class CaseEventChainTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	CaseEvents events;

	@Autowired
	PetitionCaseRepository cases;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	NoticeDispatcher dispatcher;

	@Autowired
	TransactionTemplate transactions;

	CaseDesk desk;

	@BeforeEach
	void setUp() {
		this.desk = new CaseDesk(this.engine);
	}

	@Test
	void shouldChainEveryBusinessEventOfACase() {
		PetitionCase closed = assignedAndClosed();
		List<CaseEvent> chain = this.events.of(closed.getId());
		assertThat(chain).extracting(CaseEvent::getType)
			.containsSubsequence("REGISTERED", "ROUTED", "RECEIVED", "ASSIGNED", "REPORTED", "REPORT_ACCEPTED", "ANSWERED",
					"RETURN_VISIT", "CLOSED");
		assertThat(chain).extracting(CaseEvent::getSequence).containsExactly(
				java.util.stream.IntStream.rangeClosed(1, chain.size()).boxed().toArray(Integer[]::new));
		assertThat(chain.get(0).getPreviousHash()).isEqualTo(CaseEvent.GENESIS);
		for (int i = 1; i < chain.size(); i++) {
			assertThat(chain.get(i).getPreviousHash()).isEqualTo(chain.get(i - 1).getHash());
		}
		assertThat(chain).filteredOn((e) -> e.getType().equals("RECEIVED")).singleElement()
			.satisfies((e) -> assertThat(e.getActor()).isEqualTo("leader"));
		assertThat(chain.toString() + chain.stream().map(CaseEvent::getDetails).toList())
			.doesNotContain(closed.getPetitioner().getResidentId());
		assertThat(this.events.verify().intact()).isTrue();
	}

	@Test
	void shouldRecordTheNoticesSent() {
		PetitionCase closed = assignedAndClosed();
		for (int batch = 0; batch < 1000 && this.dispatcher.dispatchPending() > 0; batch++) {
			// next batch
		}
		assertThat(this.events.of(closed.getId())).extracting(CaseEvent::getType).contains("NOTICE_SENT");
		assertThat(this.events.verify().intact()).isTrue();
	}

	@Test
	void shouldCatchARowChangedDirectlyInTheDatabase() {
		PetitionCase closed = assignedAndClosed();
		CaseEvent received = this.events.of(closed.getId())
			.stream()
			.filter((e) -> e.getType().equals("RECEIVED"))
			.findFirst()
			.orElseThrow();
		String original = received.getDetails();
		try {
			this.jdbc.update("update case_event set details = ? where case_id = ? and sequence = ?",
					original.replace("ASSIGNED", "SOLVED_ON_THE_SPOT"), closed.getId(), received.getSequence());
			Verification tampered = this.events.verify();
			assertThat(tampered.intact()).isFalse();
			assertThat(tampered.firstBrokenLink().caseId()).isEqualTo(closed.getId());
			assertThat(tampered.firstBrokenLink().sequence()).isEqualTo(received.getSequence());
			assertThat(tampered.firstBrokenLink().problem()).contains("哈希不符");
			assertThat(VerifyChainsCommand.describe(tampered)).contains("first broken link at case " + closed.getId());
		}
		finally {
			this.jdbc.update("update case_event set details = ? where case_id = ? and sequence = ?", original,
					closed.getId(), received.getSequence());
		}
		assertThat(this.events.verify().intact()).isTrue();
	}

	@Test
	void shouldCatchAnEventRemovedFromTheMiddleOfAChain() {
		PetitionCase closed = assignedAndClosed();
		CaseEvent second = this.events.of(closed.getId()).get(1);
		Map<String, Object> row = this.jdbc.queryForMap("select * from case_event where id = (select id from case_event "
				+ "where case_id = ? and sequence = 2)", closed.getId());
		try {
			this.jdbc.update("delete from case_event where case_id = ? and sequence = 2", closed.getId());
			Verification tampered = this.events.verify();
			assertThat(tampered.firstBrokenLink().caseId()).isEqualTo(closed.getId());
			assertThat(tampered.firstBrokenLink().problem()).contains("缺少第 2 条事件");
		}
		finally {
			this.jdbc.update("insert into case_event (id, case_id, sequence, type, actor, occurred_at, details, previous_hash, hash)"
					+ " values (?, ?, ?, ?, ?, ?, ?, ?, ?)", row.get("ID"), row.get("CASE_ID"), row.get("SEQUENCE"),
					row.get("TYPE"), row.get("ACTOR"), row.get("OCCURRED_AT"), row.get("DETAILS"), row.get("PREVIOUS_HASH"),
					row.get("HASH"));
		}
		assertThat(this.events.of(closed.getId()).get(1).getHash()).isEqualTo(second.getHash());
		assertThat(this.events.verify().intact()).isTrue();
	}

	@Test
	void shouldRefuseAFirstEventForACaseWhoseChainHasBegun() {
		PetitionCase closed = assignedAndClosed();
		int length = this.events.of(closed.getId()).size();
		assertThatThrownBy(() -> this.transactions.executeWithoutResult(
				(status) -> this.events.recordFirst(closed.getId(), "REGISTERED", "registrar")))
			.isInstanceOf(OptimisticLockingException.class);
		assertThat(this.events.of(closed.getId())).hasSize(length);
		assertThat(this.events.verify().intact()).isTrue();
	}

	private PetitionCase assignedAndClosed() {
		ProcessInstance instance = this.desk.register("ENVIRONMENT", 1);
		this.desk.assign(instance, "unit-environment");
		this.desk.report(instance, "unit-environment", "已整改");
		this.desk.verify(instance, Map.of(VERIFICATION, "ACCEPTED"));
		this.desk.visitBack(instance, "SATISFIED", "满意");
		return this.cases.findByCaseNumber(instance.getBusinessKey())
			.flatMap((c) -> this.cases.findWithPetitionerById(c.getId()))
			.orElseThrow();
	}

}
