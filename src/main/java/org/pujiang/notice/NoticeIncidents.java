package org.pujiang.notice;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.pujiang.petition.PetitionCaseRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A notice that could not be sent after its last attempt becomes an incident on its case's process instance, so
 * that operators see it in Cockpit; a case already closed has no running instance, and the failure is logged.
 */
@Component
class NoticeIncidents {

	static final String TYPE = "noticeFailed";

	private static final Logger log = LoggerFactory.getLogger(NoticeIncidents.class);

	private final RuntimeService runtime;

	private final PetitionCaseRepository cases;

	NoticeIncidents(RuntimeService runtime, PetitionCaseRepository cases) {
		this.runtime = runtime;
		this.cases = cases;
	}

	void raise(Notice notice) {
		String message = "通知 " + notice.getId() + "（" + notice.getKind() + "，" + notice.getChannel() + "）" + notice.getAttempts()
				+ " 次发送失败：" + notice.getLastError();
		ProcessInstance instance = notice.getCaseId() == null ? null
				: this.cases.findById(notice.getCaseId())
					.map((c) -> c.getProcessInstanceId())
					.map((id) -> this.runtime.createProcessInstanceQuery().processInstanceId(id).singleResult())
					.orElse(null);
		if (instance == null) {
			log.error("{} (no running process to attach an incident to)", message);
			return;
		}
		this.runtime.createIncident(TYPE, instance.getId(), "notice:" + notice.getId(), message);
	}

}
