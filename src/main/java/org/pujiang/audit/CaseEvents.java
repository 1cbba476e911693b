package org.pujiang.audit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.pujiang.operations.TransactionScoped;
import org.pujiang.petition.BusinessClock;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends a case's business events to its hash chain, in the transaction of the step they record, and walks the
 * chains to find the first broken link.
 */
@Service
public class CaseEvents {

	/** The key of {@link #headsOfThisTransaction()} among the transaction's resources. */
	private static final Object HEADS = new Object();

	private final CaseEventRepository events;

	private final ObjectMapper json;

	@PersistenceContext
	private EntityManager entityManager;

	CaseEvents(CaseEventRepository events, ObjectMapper json) {
		this.events = events;
		this.json = json;
	}

	/** Records what happened; {@code details} are name/value pairs (never the petitioner's personal data). */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(Long caseId, String type, String actor, Object... details) {
		append(caseId, false, type, actor, details);
	}

	/**
	 * Records the first event of a case this transaction has just stored: until it commits no other transaction can
	 * see the case, so its chain is known to be empty and nothing needs locking or looking up.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordFirst(Long caseId, String type, String actor, Object... details) {
		append(caseId, true, type, actor, details);
	}

	private void append(Long caseId, boolean first, String type, String actor, Object... details) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i + 1 < details.length; i += 2) {
			map.put(String.valueOf(details[i]), details[i + 1]);
		}
		String content;
		try {
			content = this.json.writeValueAsString(map);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		try {
			Map<Long, CaseEvent> heads = headsOfThisTransaction();
			CaseEvent last = heads.get(caseId);
			if (last == null && !first) {
				// Appends to one chain take turns: the case's row is locked until this transaction ends, so a step on
				// one node and the notice dispatcher on another never compute the same next link. Within this
				// transaction the head of the chain is then the event it appended last.
				this.entityManager.createNativeQuery("select id from petition_case where id = ?1 for update")
					.setParameter(1, caseId)
					.getResultList();
				last = this.events.findHead(caseId).orElse(null);
			}
			heads.put(caseId, this.events.save(new CaseEvent(caseId, last == null ? 1 : last.getSequence() + 1,
					type, actor, BusinessClock.now(), content, last == null ? CaseEvent.GENESIS : last.getHash())));
		}
		catch (DataIntegrityViolationException | OptimisticLockException | OptimisticLockingFailureException ex) {
			// Another transaction changed the case or appended to its chain first: the same case changed twice at once.
			// The engine's own exception: the job executor retries quietly, the REST API answers 409.
			throw new OptimisticLockingException("案件 " + caseId + " 正被他人同时办理（" + type + "）");
		}
	}

	/** The newest event of each chain the current transaction appended to; forgotten when the transaction ends. */
	private static Map<Long, CaseEvent> headsOfThisTransaction() {
		return TransactionScoped.get(HEADS, HashMap::new);
	}

	public List<CaseEvent> of(Long caseId) {
		return this.events.findByCaseIdOrderBySequence(caseId);
	}

	/** Re-walks every chain: recomputes each hash and checks each link; answers the first break, if any. */
	@Transactional(readOnly = true)
	public Verification verify() {
		long checked = 0;
		List<Long> caseIds = this.events.findCaseIds();
		for (Long caseId : caseIds) {
			String previous = CaseEvent.GENESIS;
			int expected = 1;
			for (CaseEvent event : this.events.findByCaseIdOrderBySequence(caseId)) {
				checked++;
				String problem = event.getSequence() != expected ? "缺少第 " + expected + " 条事件"
						: !event.getPreviousHash().equals(previous) ? "与上一条事件的哈希不相接"
								: !event.getHash().equals(event.computeHash()) ? "内容与其哈希不符（记录被改动）" : null;
				if (problem != null) {
					return new Verification(caseIds.size(), checked, new BrokenLink(caseId, event.getSequence(), problem));
				}
				previous = event.getHash();
				expected++;
			}
		}
		return new Verification(caseIds.size(), checked, null);
	}

	/** The outcome of a verification: how much was checked, and the first broken link (null when intact). */
	public record Verification(long cases, long events, BrokenLink firstBrokenLink) {

		public boolean intact() {
			return this.firstBrokenLink == null;
		}

	}

	public record BrokenLink(Long caseId, int sequence, String problem) {
	}

}
