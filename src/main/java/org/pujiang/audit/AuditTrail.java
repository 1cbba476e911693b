package org.pujiang.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One chronological trail of a case: the engine's history (activities entered and left, tasks created and
 * completed and by whom, variable changes, user operations, incidents) merged with the case's business events.
 */
@Service
public class AuditTrail {

	private static final int MAX_VALUE_LENGTH = 200;

	private final PetitionCaseRepository cases;

	private final HistoryService history;

	private final CaseEvents events;

	AuditTrail(PetitionCaseRepository cases, HistoryService history, CaseEvents events) {
		this.cases = cases;
		this.history = history;
		this.events = events;
	}

	@Transactional(readOnly = true)
	public Optional<List<Entry>> of(String caseNumber) {
		Optional<PetitionCase> found = this.cases.findByCaseNumber(caseNumber);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		List<Entry> trail = new ArrayList<>();
		for (CaseEvent event : this.events.of(found.get().getId())) {
			trail.add(new Entry(event.getOccurredAt(), event.getActor(), "业务事件", event.getType(), event.getDetails(),
					Source.BUSINESS));
		}
		for (HistoricProcessInstance instance : this.history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(caseNumber)
			.list()) {
			engine(instance.getId(), trail);
		}
		trail.sort(Comparator.comparing(Entry::time).thenComparing((e) -> e.source().ordinal()));
		return Optional.of(trail);
	}

	private void engine(String instanceId, List<Entry> trail) {
		for (HistoricActivityInstance activity : this.history.createHistoricActivityInstanceQuery()
			.processInstanceId(instanceId)
			.list()) {
			String name = activity.getActivityName() != null ? activity.getActivityName() : activity.getActivityId();
			trail.add(new Entry(instant(activity.getStartTime()), activity.getAssignee(), name, "进入环节",
					activity.getActivityId(), Source.ENGINE));
			if (activity.getEndTime() != null) {
				trail.add(new Entry(instant(activity.getEndTime()), activity.getAssignee(), name,
						activity.isCanceled() ? "环节取消" : "离开环节", activity.getActivityId(), Source.ENGINE));
			}
		}
		for (HistoricTaskInstance task : this.history.createHistoricTaskInstanceQuery().processInstanceId(instanceId).list()) {
			trail.add(new Entry(instant(task.getStartTime()), null, task.getName(), "任务创建", "候选/到期 " + date(task.getDueDate()),
					Source.ENGINE));
			if (task.getEndTime() != null) {
				trail.add(new Entry(instant(task.getEndTime()), task.getAssignee(), task.getName(),
						"completed".equals(task.getDeleteReason()) ? "任务完成" : "任务终止（" + task.getDeleteReason() + "）", null,
						Source.ENGINE));
			}
		}
		for (HistoricDetail detail : this.history.createHistoricDetailQuery()
			.processInstanceId(instanceId)
			.variableUpdates()
			.disableBinaryFetching()
			.list()) {
			HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
			trail.add(new Entry(instant(detail.getTime()), null, "变量",
					"变量更新 " + update.getVariableName(), shorten(update.getValue()), Source.ENGINE));
		}
		for (UserOperationLogEntry operation : this.history.createUserOperationLogQuery()
			.processInstanceId(instanceId)
			.list()) {
			trail.add(new Entry(instant(operation.getTimestamp()), operation.getUserId(), operation.getEntityType(),
					"操作 " + operation.getOperationType(), operation.getProperty() == null ? null
							: operation.getProperty() + "：" + operation.getOrgValue() + " → " + operation.getNewValue(),
					Source.ENGINE));
		}
		for (HistoricIncident incident : this.history.createHistoricIncidentQuery().processInstanceId(instanceId).list()) {
			trail.add(new Entry(instant(incident.getCreateTime()), null, incident.getActivityId(), "故障 " + incident.getIncidentType(),
					incident.getIncidentMessage(), Source.ENGINE));
		}
	}

	private static String shorten(Object value) {
		String text = String.valueOf(value);
		return text.length() > MAX_VALUE_LENGTH ? text.substring(0, MAX_VALUE_LENGTH) + "…" : text;
	}

	private static Instant instant(Date date) {
		return date == null ? Instant.EPOCH : date.toInstant();
	}

	private static String date(Date date) {
		return date == null ? "—" : date.toInstant().toString();
	}

	/** Where an entry comes from. */
	public enum Source {

		BUSINESS, ENGINE

	}

	/** One line of the trail: when, who, which step, what happened, and the detail. */
	public record Entry(Instant time, String actor, String step, String what, String detail, Source source) {
	}

}
