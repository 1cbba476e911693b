package org.pujiang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.pujiang.petition.PetitionCaseProcess.*;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.pujiang.petition.InvalidInputException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pujiang.handling.Assignment;
import org.pujiang.handling.AssignmentStatus;
import org.pujiang.handling.Handling;
import org.pujiang.handling.SupervisionRepository;
import org.pujiang.notice.Notice;
import org.pujiang.notice.NoticeKind;
import org.pujiang.notice.NoticeRepository;
import org.pujiang.petition.BusinessClock;
import org.pujiang.petition.CaseStatus;
import org.pujiang.petition.Outcome;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.petition.Satisfaction;
import org.pujiang.registration.RepeatRegistrationRepository;
import org.pujiang.returnvisit.ReturnVisitRepository;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of processes/PetitionCase.bpmn, on the real engine, decision tables and database. */
@PujiangTest
class PetitionCaseProcessTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	PetitionCaseRepository cases;

	@Autowired
	NoticeRepository notices;

	@Autowired
	Handling handling;

	@Autowired
	SupervisionRepository supervisions;

	@Autowired
	ReturnVisitRepository returnVisits;

	@Autowired
	RepeatRegistrationRepository repeats;

	CaseDesk desk;

	@BeforeEach
	void setUp() {
		BpmnAwareTests.init(this.engine);
		this.desk = new CaseDesk(this.engine);
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void shouldSolveOnTheSpotVisitBackAndClose() {
		ProcessInstance instance = this.desk.register("LABOUR_WAGES", 2);
		assertThat(instance).isWaitingAt(RECEIVE_PETITIONER).task().hasCandidateGroup(Roles.LEADER);
		PetitionCase registered = petitionCase(instance);
		assertThat(registered.getCaseNumber()).matches("PJ-\\d{4}-\\d{6}");
		assertThat(instance.getBusinessKey()).isEqualTo(registered.getCaseNumber());
		assertThat(registered.getStatus()).isEqualTo(CaseStatus.AWAITING_RECEPTION);
		assertThat(registered.getRoom()).isEqualTo("第4接待室（劳资纠纷）");

		this.desk.receive(instance, Map.of(RECEPTION_NOTES, "欠薪三个月", OUTCOME, "SOLVED_ON_THE_SPOT", DECISION, "当场责成企业结清工资"));
		assertThat(instance).isWaitingAt(RETURN_VISIT).task().hasCandidateGroup(Roles.RETURN_VISIT);
		assertThat(petitionCase(instance).getStatus()).isEqualTo(CaseStatus.AWAITING_RETURN_VISIT);
		assertThat(petitionCase(instance).getReceivingLeader()).isEqualTo(Roles.LEADER);

		this.desk.visitBack(instance, "SATISFIED", "工资已到账");

		assertThat(instance).hasPassedInOrder("Task_RecordPetition", "Task_RouteCase", RECEIVE_PETITIONER,
				"Task_NotifyAnswer", RETURN_VISIT, "Task_CloseCase", CASE_CLOSED).isEnded();
		PetitionCase closed = petitionCase(instance);
		assertThat(closed.getStatus()).isEqualTo(CaseStatus.CLOSED);
		assertThat(closed.getOutcome()).isEqualTo(Outcome.SOLVED_ON_THE_SPOT);
		assertThat(closed.getSatisfaction()).isEqualTo(Satisfaction.SATISFIED);
		assertThat(closed.getClosedAt()).isNotNull();
		assertThat(kinds(closed)).containsExactly(NoticeKind.REGISTERED, NoticeKind.ANSWERED, NoticeKind.CLOSED);
		assertThat(this.notices.findByCaseIdOrderById(closed.getId())).allSatisfy(
				(notice) -> assertThat(notice.getRecipient()).isEqualTo(closed.getPetitioner().getPhone()));
	}

	@Test
	void shouldShowTheCaseInFormsFromTheCaseRecordWithoutCopyingItIntoTheProcess() {
		ProcessInstance instance = this.desk.register("LABOUR_WAGES", 2);
		PetitionCase registered = petitionCase(instance);
		Task reception = this.desk.task(instance, RECEIVE_PETITIONER, Roles.LEADER);
		Map<String, Object> form = formValues(reception);
		assertThat(form).containsEntry(CASE_NUMBER, registered.getCaseNumber())
			.containsEntry(CATEGORY_NAME, "劳资纠纷")
			.containsEntry(ROOM, "第4接待室（劳资纠纷）")
			.containsEntry(PERSONS_COUNT, 2)
			.containsEntry(SUMMARY, registered.getSummary());
		assertThat(form.get(UNIT_OPTIONS).toString()).contains("unit-social");
		List<String> shown = List.of(CASE_NUMBER, CATEGORY_NAME, ROOM, UNIT_OPTIONS, OUTCOME_NAME, RESULT_SUMMARY,
				RETURN_VISIT_ROUND);
		assertThat(this.engine.getRuntimeService().getVariables(instance.getId()))
			.doesNotContainKeys(shown.toArray(String[]::new));

		// A submission that sends a shown field back (a stale or crafted form) writes the fields staff fill in only.
		this.engine.getTaskService().claim(reception.getId(), Roles.LEADER);
		this.engine.getFormService().submitTaskForm(reception.getId(), Map.of(CASE_NUMBER, "PJ-0000-000000", ROOM, "别处",
				RECEPTION_NOTES, "欠薪三个月", OUTCOME, "SOLVED_ON_THE_SPOT", DECISION, "当场责成企业结清工资"));
		assertThat(formValues(this.desk.task(instance, RETURN_VISIT, Roles.RETURN_VISIT)))
			.containsEntry(CASE_NUMBER, registered.getCaseNumber())
			.containsEntry(OUTCOME_NAME, "当场解决")
			.containsEntry(RESULT_SUMMARY, "当场解决：当场责成企业结清工资")
			.containsEntry(RETURN_VISIT_ROUND, 1);
		this.desk.visitBack(instance, "SATISFIED", "工资已到账");
		assertThat(instance).isEnded();
		assertThat(this.engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
			.includeDeleted().list()).extracting((variable) -> variable.getName()).doesNotContainAnyElementsOf(shown);
	}

	@Test
	void shouldKeepRunningTheCasesOfTheDiagramDeployedBeforeTheFormsReadTheCaseRecord() throws Exception {
		String current;
		try (InputStream diagram = getClass().getResourceAsStream("/processes/PetitionCase.bpmn")) {
			current = new String(diagram.readAllBytes(), StandardCharsets.UTF_8);
		}
		// That version declared the unit's name and deadline for its form and called a listener to fill in the review.
		String earlier = current
			.replace("<camunda:inputParameter name=\"handlingAction\" />",
					"<camunda:inputParameter name=\"unitName\" /><camunda:inputParameter name=\"deadlineDate\" />"
							+ "<camunda:inputParameter name=\"handlingAction\" />")
			.replace("<camunda:executionListener delegateExpression=\"${recordExtensionDecision}\" event=\"end\" />",
					"<camunda:taskListener delegateExpression=\"${prepareExtensionReview}\" event=\"create\" />"
							+ "<camunda:executionListener delegateExpression=\"${recordExtensionDecision}\" event=\"end\" />");
		assertThat(earlier).contains("unitName", "prepareExtensionReview");
		RepositoryService repository = this.engine.getRepositoryService();
		Deployment deployment = repository.createDeployment().addString("PetitionCase.bpmn", earlier).deploy();
		try {
			ProcessInstance instance = this.desk.register("WATER_RESERVOIRS", 1);
			assertThat(instance.getProcessDefinitionId()).isEqualTo(repository.createProcessDefinitionQuery()
				.deploymentId(deployment.getId()).singleResult().getId());
			this.desk.assign(instance, "unit-water");
			this.desk.complete(instance, HANDLE_CASE, "unit-water",
					Map.of(HANDLING_ACTION, "EXTENSION", EXTENSION_DAYS, 10L, EXTENSION_REASON, "需水利专家论证"));
			assertThat(formValues(this.desk.task(instance, REVIEW_EXTENSION, Roles.SUPERVISOR)))
				.containsEntry(EXTENSION_DAYS, 10).containsEntry(UNIT_NAME, "水利局");
			this.desk.complete(instance, REVIEW_EXTENSION, Roles.SUPERVISOR,
					Map.of(EXTENSION_DECISION, "APPROVED", EXTENSION_COMMENT, "同意延期"));
			assertThat(formValues(this.desk.task(instance, HANDLE_CASE, "unit-water"))).containsEntry(UNIT_NAME, "水利局")
				.containsEntry(EXTENSION_USED, true);
		}
		finally {
			repository.deleteDeployment(deployment.getId(), true);
		}
	}

	@Test
	void shouldAssignHandleVerifyVisitBackAndClose() {
		ProcessInstance instance = this.desk.register("ENVIRONMENT", 1);
		this.desk.assign(instance, "unit-environment");
		assertThat(instance).isWaitingAt(HANDLE_CASE).task().hasCandidateGroup("unit-environment");
		PetitionCase assigned = petitionCase(instance);
		assertThat(assigned.getStatus()).isEqualTo(CaseStatus.IN_HANDLING);
		Assignment assignment = this.handling.assignment(assigned.getId(), "unit-environment");
		assertThat(Duration.between(assignment.getAssignedAt(), assignment.getDeadline())).isEqualTo(Duration.ofDays(30));
		assertThat(Duration.between(assignment.getReminderAt(), assignment.getDeadline())).isEqualTo(Duration.ofDays(5));
		assertThat(this.desk.task(instance, HANDLE_CASE, "unit-environment").getDueDate().toInstant())
			.isEqualTo(assignment.getDeadline());
		assertThat(kinds(assigned)).containsExactly(NoticeKind.REGISTERED, NoticeKind.ASSIGNED, NoticeKind.ASSIGNED,
				NoticeKind.ASSIGNED);

		this.desk.report(instance, "unit-environment", "已责令企业整改");
		assertThat(instance).isWaitingAt(VERIFY_REPORT);
		this.desk.verify(instance, Map.of(VERIFICATION, "ACCEPTED"));
		assertThat(instance).isWaitingAt(RETURN_VISIT);
		assertThat(formValues(this.desk.task(instance, RETURN_VISIT, Roles.RETURN_VISIT)))
			.containsEntry(RESULT_SUMMARY, "生态环境分局：已责令企业整改")
			.containsEntry(OUTCOME_NAME, "交办")
			.containsEntry(RETURN_VISIT_ROUND, 1)
			.containsEntry(CASE_NUMBER, assigned.getCaseNumber());
		this.desk.visitBack(instance, "BASICALLY_SATISFIED", "基本满意");

		assertThat(instance).isEnded();
		PetitionCase closed = petitionCase(instance);
		assertThat(closed.getStatus()).isEqualTo(CaseStatus.CLOSED);
		assertThat(this.handling.assignment(assigned.getId(), "unit-environment").getStatus())
			.isEqualTo(AssignmentStatus.ACCEPTED);
		// What the rates read of the case, kept on it.
		assertThat(closed.isClosedOnTime()).as("the report accepted within the term").isTrue();
		assertThat(closed.getSatisfiedVisits()).isEqualTo(1);
		assertThat(closed.isSupervised()).isFalse();
		assertThat(closed.isExtended()).isFalse();
	}

	@Test
	void shouldUseTheLeadersDeadlineWithinTheLegalMaximum() {
		ProcessInstance instance = this.desk.register("ENVIRONMENT", 1);
		Map<String, Object> tooLong = Map.of(RECEPTION_NOTES, "记录", OUTCOME, "ASSIGNED", ASSIGNED_UNITS,
				List.of("unit-environment"), RESPONSIBLE_PERSON, "王局长", DEADLINE_DAYS, 61L);
		assertThatThrownBy(() -> this.desk.receive(instance, tooLong)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining(DEADLINE_DAYS);
		assertThat(instance).isWaitingAt(RECEIVE_PETITIONER);
		assertThat(this.handling.assignments(petitionCase(instance).getId())).isEmpty();

		this.desk.receive(instance, Map.of(RECEPTION_NOTES, "记录", OUTCOME, "ASSIGNED", ASSIGNED_UNITS,
				List.of("unit-environment"), RESPONSIBLE_PERSON, "王局长", DEADLINE_DAYS, 10L));
		Assignment assignment = this.handling.assignment(petitionCase(instance).getId(), "unit-environment");
		assertThat(Duration.between(assignment.getAssignedAt(), assignment.getDeadline())).isEqualTo(Duration.ofDays(10));
	}

	@Test
	void shouldRemindBeforeTheDeadlineAndSuperviseWhenOverdueWithoutTakingTheCaseFromTheUnit() {
		ProcessInstance instance = this.desk.register("ROADS_TRANSPORT", 1);
		this.desk.assign(instance, "unit-transport");
		PetitionCase petitionCase = petitionCase(instance);
		Assignment assignment = this.handling.assignment(petitionCase.getId(), "unit-transport");
		assertThat(this.desk.timer(instance, REMINDER_DUE).getDuedate().toInstant()).isEqualTo(assignment.getReminderAt());
		assertThat(this.desk.timer(instance, HANDLING_OVERDUE).getDuedate().toInstant()).isEqualTo(assignment.getDeadline());

		this.desk.fire(instance, REMINDER_DUE);
		assertThat(recipients(petitionCase, NoticeKind.REMINDER)).containsExactly("unit-transport@pujiang.local",
				"leader@pujiang.local");
		assertThat(instance).isWaitingAt(HANDLE_CASE);

		this.desk.fire(instance, HANDLING_OVERDUE);
		assertThat(instance).isWaitingAt(HANDLE_CASE, SUPERVISE);
		assertThat(this.desk.task(instance, SUPERVISE, Roles.SUPERVISOR)).isNotNull();
		assertThat(recipients(petitionCase, NoticeKind.SUPERVISION)).containsExactly("duban@pujiang.local",
				"leader@pujiang.local", "unit-transport@pujiang.local");
		assertThat(this.handling.assignment(petitionCase.getId(), "unit-transport").isSupervised()).isTrue();
		assertThat(petitionCase(instance).isSupervised()).isTrue();

		this.desk.complete(instance, SUPERVISE, Roles.SUPERVISOR,
				Map.of(SUPERVISION_MEASURE, "URGE", SUPERVISION_NOTES, "限三日内报结"));
		assertThat(this.supervisions.findByAssignmentIdOrderById(assignment.getId())).singleElement()
			.satisfies((s) -> assertThat(s.getMeasure()).isEqualTo("URGE"));
		assertThat(instance).isWaitingAt(HANDLE_CASE);
		this.desk.report(instance, "unit-transport", "已修复路面");
		assertThat(instance).isWaitingAt(VERIFY_REPORT);
	}

	@Test
	void shouldEndOpenSupervisionWhenTheUnitsReportIsAccepted() {
		ProcessInstance instance = this.desk.register("ROADS_TRANSPORT", 1);
		this.desk.assign(instance, "unit-transport");
		this.desk.fire(instance, HANDLING_OVERDUE);
		this.desk.report(instance, "unit-transport", "已修复路面");
		assertThat(instance).isWaitingAt(VERIFY_REPORT, SUPERVISE);
		this.desk.verify(instance, Map.of(VERIFICATION, "ACCEPTED"));
		assertThat(instance).isWaitingAt(RETURN_VISIT);
	}

	@Test
	void shouldExtendTheDeadlineOnceWhenTheSupervisionOfficeApproves() {
		ProcessInstance instance = this.desk.register("WATER_RESERVOIRS", 1);
		this.desk.assign(instance, "unit-water");
		PetitionCase petitionCase = petitionCase(instance);
		Instant deadline = this.handling.assignment(petitionCase.getId(), "unit-water").getDeadline();

		this.desk.complete(instance, HANDLE_CASE, "unit-water",
				Map.of(HANDLING_ACTION, "EXTENSION", EXTENSION_DAYS, 20L, EXTENSION_REASON, "需水利专家论证"));
		assertThat(instance).isWaitingAt(REVIEW_EXTENSION).task().hasCandidateGroup(Roles.SUPERVISOR);
		this.desk.complete(instance, REVIEW_EXTENSION, Roles.SUPERVISOR,
				Map.of(EXTENSION_DECISION, "APPROVED", EXTENSION_COMMENT, "同意延期"));

		assertThat(instance).isWaitingAt(HANDLE_CASE);
		Instant extended = this.handling.assignment(petitionCase.getId(), "unit-water").getDeadline();
		assertThat(extended).isEqualTo(deadline.plus(Duration.ofDays(20)));
		assertThat(this.desk.timer(instance, HANDLING_OVERDUE).getDuedate().toInstant()).isEqualTo(extended);
		assertThat(formValues(this.desk.task(instance, HANDLE_CASE, "unit-water"))).containsEntry(EXTENSION_USED, true)
			.containsEntry(DEADLINE_DATE, BusinessClock.date(extended));
		assertThat(kinds(petitionCase)).contains(NoticeKind.EXTENSION);
		assertThat(petitionCase(instance).isExtended()).isTrue();

		Map<String, Object> again = Map.of(HANDLING_ACTION, "EXTENSION", EXTENSION_DAYS, 5L, EXTENSION_REASON, "再延");
		assertThatThrownBy(() -> this.desk.complete(instance, HANDLE_CASE, "unit-water", again))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining(EXTENSION_DAYS);
	}

	@Test
	void shouldKeepTheDeadlineWhenTheExtensionIsRefused() {
		ProcessInstance instance = this.desk.register("WATER_RESERVOIRS", 1);
		this.desk.assign(instance, "unit-water");
		PetitionCase petitionCase = petitionCase(instance);
		Instant deadline = this.handling.assignment(petitionCase.getId(), "unit-water").getDeadline();

		Map<String, Object> tooLong = Map.of(HANDLING_ACTION, "EXTENSION", EXTENSION_DAYS, 31L, EXTENSION_REASON, "太复杂");
		assertThatThrownBy(() -> this.desk.complete(instance, HANDLE_CASE, "unit-water", tooLong))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining(EXTENSION_DAYS);

		this.desk.complete(instance, HANDLE_CASE, "unit-water",
				Map.of(HANDLING_ACTION, "EXTENSION", EXTENSION_DAYS, 10L, EXTENSION_REASON, "需水利专家论证"));
		this.desk.complete(instance, REVIEW_EXTENSION, Roles.SUPERVISOR,
				Map.of(EXTENSION_DECISION, "REFUSED", EXTENSION_COMMENT, "理由不充分"));

		assertThat(instance).isWaitingAt(HANDLE_CASE);
		assertThat(this.handling.assignment(petitionCase.getId(), "unit-water").getDeadline()).isEqualTo(deadline);
		assertThat(this.handling.assignment(petitionCase.getId(), "unit-water").getExtensionStatus()).isEqualTo("REFUSED");
	}

	@Test
	void shouldSendTheReportBackWithAReason() {
		ProcessInstance instance = this.desk.register("RURAL_AFFAIRS", 1);
		this.desk.assign(instance, "unit-agriculture");
		this.desk.report(instance, "unit-agriculture", "已处理");
		this.desk.verify(instance, Map.of(VERIFICATION, "SENT_BACK", SENT_BACK_REASON, "未说明补偿标准"));

		assertThat(instance).isWaitingAt(HANDLE_CASE);
		assertThat(formValues(this.desk.task(instance, HANDLE_CASE, "unit-agriculture")))
			.containsEntry(SENT_BACK_REASON, "未说明补偿标准");
		Assignment assignment = this.handling.assignment(petitionCase(instance).getId(), "unit-agriculture");
		assertThat(assignment.getStatus()).isEqualTo(AssignmentStatus.HANDLING);
		assertThat(assignment.getSentBackReason()).isEqualTo("未说明补偿标准");

		this.desk.report(instance, "unit-agriculture", "按每亩三万元标准补偿");
		this.desk.verify(instance, Map.of(VERIFICATION, "ACCEPTED"));
		assertThat(instance).isWaitingAt(RETURN_VISIT);
	}

	@Test
	void shouldWaitForEveryUnitOfAJointAssignment() {
		ProcessInstance instance = this.desk.register("EDUCATION_HEALTH", 1);
		this.desk.assign(instance, "unit-education", "unit-health");
		assertThat(this.handling.unitCodes(petitionCase(instance).getId())).containsExactly("unit-education",
				"unit-health");
		assertThat(this.desk.task(instance, HANDLE_CASE, "unit-education")).isNotNull();
		assertThat(this.desk.task(instance, HANDLE_CASE, "unit-health")).isNotNull();

		this.desk.complete(instance, HANDLE_CASE, "unit-health",
				Map.of(HANDLING_ACTION, "EXTENSION", EXTENSION_DAYS, 7L, EXTENSION_REASON, "需会商"));
		// What one unit submitted shows on its own review, never in the other unit's form.
		assertThat(formValues(this.desk.task(instance, REVIEW_EXTENSION, Roles.SUPERVISOR)))
			.containsEntry(EXTENSION_DAYS, 7).containsEntry(EXTENSION_REASON, "需会商").containsEntry(UNIT_NAME, "卫生健康局");
		assertThat(formValues(this.desk.task(instance, HANDLE_CASE, "unit-education")))
			.doesNotContainKeys(EXTENSION_DAYS, EXTENSION_REASON)
			.containsEntry(EXTENSION_USED, false)
			.containsEntry(UNIT_NAME, "教育局");
		this.desk.report(instance, "unit-education", "教育局已答复");
		this.desk.verify(instance, Map.of(VERIFICATION, "ACCEPTED"));
		assertThat(instance).isWaitingAt(REVIEW_EXTENSION).isNotEnded();
		assertThat(this.engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
			.taskDefinitionKey(RETURN_VISIT).count()).isZero();

		this.desk.complete(instance, REVIEW_EXTENSION, Roles.SUPERVISOR,
				Map.of(EXTENSION_DECISION, "APPROVED", EXTENSION_COMMENT, "同意"));
		this.desk.report(instance, "unit-health", "卫健局已答复");
		this.desk.verify(instance, Map.of(VERIFICATION, "ACCEPTED"));
		assertThat(instance).isWaitingAt(RETURN_VISIT);
		assertThat(formValues(this.desk.task(instance, RETURN_VISIT, Roles.RETURN_VISIT)))
			.containsEntry(RESULT_SUMMARY, "教育局：教育局已答复\n卫生健康局：卫健局已答复");
		// The side path's fields are recorded in the case and taken out of the process; their history stays.
		assertThat(this.engine.getRuntimeService().getVariables(instance.getId())).doesNotContainKeys(EXTENSION_DAYS,
				EXTENSION_REASON, EXTENSION_DECISION, EXTENSION_COMMENT, EXTENSION_USED, SENT_BACK_REASON);
		assertThat(this.engine.getHistoryService().createHistoricVariableInstanceQuery()
			.processInstanceId(instance.getId()).variableName(EXTENSION_COMMENT).includeDeleted().singleResult().getValue())
			.isEqualTo("同意");
		// The engine's multi-instance counters stay out of the history; the units each instance handled stay in it.
		assertThat(this.engine.getHistoryService().createHistoricVariableInstanceQuery()
			.processInstanceId(instance.getId())
			.variableNameIn("nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances", "loopCounter")
			.includeDeleted()
			.count()).isZero();
		assertThat(this.engine.getHistoryService().createHistoricDetailQuery().processInstanceId(instance.getId())
			.variableUpdates().list().stream().map((detail) -> ((HistoricVariableUpdate) detail).getVariableName()))
			.doesNotContain("nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances", "loopCounter");
		assertThat(this.engine.getHistoryService().createHistoricVariableInstanceQuery()
			.processInstanceId(instance.getId()).variableName(UNIT).includeDeleted().list())
			.extracting((variable) -> variable.getValue())
			.containsExactlyInAnyOrder("unit-education", "unit-health");
	}

	@Test
	void shouldGiveADefinitiveAnswerDraftedWithTheLawyerAndApprovedByTheLeader() {
		ProcessInstance instance = this.desk.register("LAW_RELATED", 1);
		assertThat(instance).isWaitingAt(GIVE_LEGAL_OPINION).task().hasCandidateGroup(Roles.LAWYER);
		assertThat(petitionCase(instance).isLawyerRequired()).isTrue();
		this.desk.complete(instance, GIVE_LEGAL_OPINION, Roles.LAWYER, Map.of(LEGAL_OPINION, "判决已生效，应通过再审途径"));
		assertThat(petitionCase(instance).getLegalOpinion()).isEqualTo("判决已生效，应通过再审途径");

		assertThat(formValues(this.desk.task(instance, RECEIVE_PETITIONER, Roles.LEADER)))
			.containsEntry(LEGAL_OPINION, "判决已生效，应通过再审途径");
		this.desk.receive(instance, Map.of(RECEPTION_NOTES, "要求改判", OUTCOME, "DEFINITIVE_ANSWER"));
		assertThat(instance).isWaitingAt(DRAFT_ANSWER).task().hasCandidateGroup(Roles.LAWYER);
		assertThat(formValues(this.desk.task(instance, DRAFT_ANSWER, Roles.LAWYER)))
			.containsEntry(RECEPTION_NOTES, "要求改判")
			.containsEntry(LEGAL_OPINION, "判决已生效，应通过再审途径");
		assertThat(this.engine.getRuntimeService().getVariables(instance.getId())).doesNotContainKeys(LEGAL_OPINION,
				RECEPTION_NOTES);
		this.desk.complete(instance, DRAFT_ANSWER, Roles.LAWYER,
				Map.of(ANSWER_FORM, "NOT_SUPPORTED", ANSWER_TEXT, "不予支持", ANSWER_BASIS, "信访工作条例第三十一条"));
		assertThat(instance).isWaitingAt(APPROVE_ANSWER).task().isAssignedTo(Roles.LEADER);
		this.desk.complete(instance, APPROVE_ANSWER, Roles.LEADER,
				Map.of(ANSWER_APPROVAL, "RETURNED", ANSWER_RETURN_REASON, "补充法律依据"));
		assertThat(instance).isWaitingAt(DRAFT_ANSWER);
		this.desk.complete(instance, DRAFT_ANSWER, Roles.LAWYER, Map.of(ANSWER_FORM, "NOT_SUPPORTED", ANSWER_TEXT,
				"不予支持，可申请再审", ANSWER_BASIS, "信访工作条例第三十一条；民事诉讼法第二百零六条"));
		this.desk.complete(instance, APPROVE_ANSWER, Roles.LEADER, Map.of(ANSWER_APPROVAL, "APPROVED"));

		assertThat(instance).isWaitingAt(RETURN_VISIT);
		PetitionCase answered = petitionCase(instance);
		assertThat(answered.getOutcome()).isEqualTo(Outcome.DEFINITIVE_ANSWER);
		assertThat(answered.getAnswerBasis()).contains("民事诉讼法");
		assertThat(answered.getAnsweredAt()).isNotNull();
		this.desk.visitBack(instance, "SATISFIED", "理解");
		assertThat(instance).isEnded();
	}

	@Test
	void shouldNotLetTheLeaderDecideBeforeTheLawyersOpinion() {
		ProcessInstance instance = this.desk.register("DEMOLITION", 1);
		assertThat(instance).isWaitingAt(GIVE_LEGAL_OPINION);
		assertThat(this.engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
			.taskDefinitionKey(RECEIVE_PETITIONER).count()).isZero();
	}

	@Test
	void shouldSendAnAssignedCaseBackToTheUnitWhenThePetitionerIsDissatisfied() {
		ProcessInstance instance = this.desk.register("SOCIAL_SECURITY", 1);
		this.desk.assign(instance, "unit-social");
		this.desk.report(instance, "unit-social", "已答复");
		this.desk.verify(instance, Map.of(VERIFICATION, "ACCEPTED"));
		ClockUtil.setCurrentTime(java.util.Date.from(Instant.now().plus(Duration.ofDays(3))));
		this.desk.visitBack(instance, "DISSATISFIED", "补缴问题没解决");

		assertThat(instance).isWaitingAt(HANDLE_CASE);
		PetitionCase reopened = petitionCase(instance);
		assertThat(reopened.getStatus()).isEqualTo(CaseStatus.IN_HANDLING);
		Assignment assignment = this.handling.assignment(reopened.getId(), "unit-social");
		assertThat(assignment.getHandlingRound()).isEqualTo(2);
		assertThat(assignment.getStatus()).isEqualTo(AssignmentStatus.HANDLING);
		assertThat(Duration.between(assignment.getAssignedAt(), assignment.getDeadline())).isEqualTo(Duration.ofDays(30));
		Task handleCase = this.desk.task(instance, HANDLE_CASE, "unit-social");
		// The unit's form shows why, and what the leader decided, from the case record: the values the forms submitted
		// were taken out of the process when their steps recorded them, and their history shows each once, as submitted.
		assertThat(formValues(handleCase))
			.containsEntry(RETURN_VISIT_COMMENT, "补缴问题没解决")
			.containsEntry(RECEPTION_NOTES, "问了什么、答了什么")
			.containsEntry(RESPONSIBLE_PERSON, "王局长");
		assertThat(this.engine.getRuntimeService().getVariables(instance.getId()))
			.doesNotContainKeys(RETURN_VISIT_COMMENT, SATISFACTION, RETURN_VISIT_METHOD, RECEPTION_NOTES, ASSIGNED_UNITS,
					RESPONSIBLE_PERSON, CHANNEL, REQUEST, PERSONS_COUNT)
			.containsKeys(CASE_ID, OUTCOME, CATEGORY, SUMMARY);
		assertThat(this.engine.getHistoryService().createHistoricDetailQuery().processInstanceId(instance.getId())
			.variableUpdates().list().stream().map((detail) -> (HistoricVariableUpdate) detail)
			.filter((update) -> RETURN_VISIT_COMMENT.equals(update.getVariableName()))
			.map(HistoricVariableUpdate::getValue)).containsExactly("补缴问题没解决");
		assertThat(this.notices.findByCaseIdOrderById(reopened.getId())).last()
			.satisfies((n) -> assertThat(n.getBody()).contains("补缴问题没解决"));

		// The second report is accepted a day past the fresh term: the case closes, but not on time.
		ClockUtil.setCurrentTime(java.util.Date.from(assignment.getDeadline().plus(Duration.ofDays(1))));
		this.desk.report(instance, "unit-social", "已补缴");
		this.desk.verify(instance, Map.of(VERIFICATION, "ACCEPTED"));
		this.desk.visitBack(instance, "SATISFIED", "已解决");
		assertThat(instance).isEnded();
		PetitionCase closed = petitionCase(instance);
		assertThat(closed.getReturnVisitRounds()).isEqualTo(2);
		assertThat(closed.getSatisfiedVisits()).isEqualTo(1);
		assertThat(closed.isClosedOnTime()).isFalse();
	}

	@Test
	void shouldCloseWithTheDissatisfactionRecordedPastTheRoundBound() {
		ProcessInstance instance = this.desk.register("CIVIL_AFFAIRS", 1);
		this.desk.receive(instance, Map.of(RECEPTION_NOTES, "记录", OUTCOME, "SOLVED_ON_THE_SPOT", DECISION, "当场答复"));
		this.desk.visitBack(instance, "DISSATISFIED", "不满意");
		assertThat(instance).isWaitingAt(RECEIVE_PETITIONER);
		assertThat(petitionCase(instance).getStatus()).isEqualTo(CaseStatus.AWAITING_RECEPTION);
		// The leader sees what the petitioner said, from the case record; the new reception starts from empty fields.
		assertThat(formValues(this.desk.task(instance, RECEIVE_PETITIONER, Roles.LEADER)))
			.containsEntry(RETURN_VISIT_COMMENT, "不满意")
			.doesNotContainKeys(RECEPTION_NOTES, DECISION, SATISFACTION);

		this.desk.receive(instance, Map.of(RECEPTION_NOTES, "再次接访", OUTCOME, "SOLVED_ON_THE_SPOT", DECISION, "维持答复"));
		assertThat(this.engine.getRuntimeService().getVariables(instance.getId())).doesNotContainKeys(RETURN_VISIT_COMMENT,
				RECEPTION_NOTES, DECISION);
		this.desk.visitBack(instance, "DISSATISFIED", "仍不满意");

		assertThat(instance).isEnded();
		PetitionCase closed = petitionCase(instance);
		assertThat(closed.getStatus()).isEqualTo(CaseStatus.CLOSED);
		assertThat(closed.getSatisfaction()).isEqualTo(Satisfaction.DISSATISFIED);
		assertThat(closed.getReturnVisitRounds()).isEqualTo(2);
		assertThat(closed.getSatisfiedVisits()).isZero();
		assertThat(closed.isClosedOnTime()).as("closed within the legal term").isTrue();
		assertThat(this.returnVisits.findByPetitionCaseIdOrderByRound(closed.getId()))
			.extracting((v) -> v.getRound() + ":" + v.getSatisfaction())
			.containsExactly("1:DISSATISFIED", "2:DISSATISFIED");
		assertThat(this.notices.findByCaseIdOrderById(closed.getId())).last()
			.satisfies((n) -> assertThat(n.getBody()).contains("复查"));
	}

	@Test
	void shouldKeepAClosedCaseFinal() {
		ProcessInstance instance = this.desk.register("CIVIL_AFFAIRS", 1);
		this.desk.receive(instance, Map.of(RECEPTION_NOTES, "记录", OUTCOME, "SOLVED_ON_THE_SPOT", DECISION, "当场答复"));
		this.desk.visitBack(instance, "SATISFIED", "满意");
		PetitionCase closed = petitionCase(instance);
		assertThatThrownBy(() -> closed.answerDrafted("EXPLAINED", "改", "改")).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void shouldLinkARepeatPetitionToTheOpenCaseAndTellTheRegistrarWhy() {
		Map<String, Object> form = CaseDesk.petition("ENTERPRISE_RESTRUCTURING", 1);
		ProcessInstance first = this.desk.register(form);
		PetitionCase open = petitionCase(first);
		long casesBefore = this.cases.count();

		ProcessInstance repeat = this.desk.register(form);

		assertThat(this.cases.count()).isEqualTo(casesBefore);
		assertThat(repeat).isWaitingAt(ACKNOWLEDGE_REPEAT).task().hasCandidateGroup(Roles.REGISTRAR);
		assertThat(this.engine.getRuntimeService().getVariable(repeat.getId(), REPEAT_OF_CASE_NUMBER))
			.isEqualTo(open.getCaseNumber());
		assertThat((String) this.engine.getRuntimeService().getVariable(repeat.getId(), REPEAT_REASON))
			.contains(open.getCaseNumber()).contains("尚未办结");
		assertThat(this.cases.findById(open.getId()).orElseThrow().getRepeatCount()).isEqualTo(1);
		assertThat(this.repeats.findByPetitionCaseId(open.getId())).hasSize(1);

		assertThatThrownBy(() -> this.desk.complete(repeat, ACKNOWLEDGE_REPEAT, Roles.REGISTRAR,
				Map.of(REPEAT_ACKNOWLEDGED, false)))
			.hasMessageContaining(REPEAT_ACKNOWLEDGED);
		assertThat(repeat).isWaitingAt(ACKNOWLEDGE_REPEAT);
		this.desk.complete(repeat, ACKNOWLEDGE_REPEAT, Roles.REGISTRAR, Map.of(REPEAT_ACKNOWLEDGED, true));
		assertThat(repeat).hasPassed(REPEAT_LINKED).isEnded();
		assertThat(first).isWaitingAt(RECEIVE_PETITIONER);
	}

	@Test
	void shouldOpenANewCaseForTheSamePetitionerInAnotherCategory() {
		Map<String, Object> form = CaseDesk.petition("ENVIRONMENT", 1);
		ProcessInstance first = this.desk.register(form);
		form.put(CATEGORY, "ROADS_TRANSPORT");
		ProcessInstance second = this.desk.register(form);
		assertThat(second).isWaitingAt(RECEIVE_PETITIONER);
		assertThat(petitionCase(second).getId()).isNotEqualTo(petitionCase(first).getId());
		assertThat(petitionCase(second).getPetitioner().getId()).isEqualTo(petitionCase(first).getPetitioner().getId());
	}

	/** The values a task's form opens with, as Tasklist loads them. */
	private Map<String, Object> formValues(Task task) {
		return this.engine.getFormService().getTaskFormVariables(task.getId());
	}

	private PetitionCase petitionCase(ProcessInstance instance) {
		Long caseId = (Long) this.engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(instance.getId())
			.variableName(CASE_ID)
			.singleResult()
			.getValue();
		return this.cases.findWithPetitionerById(caseId).orElseThrow();
	}

	private List<NoticeKind> kinds(PetitionCase petitionCase) {
		return this.notices.findByCaseIdOrderById(petitionCase.getId()).stream().map(Notice::getKind).toList();
	}

	private List<String> recipients(PetitionCase petitionCase, NoticeKind kind) {
		return this.notices.findByCaseIdOrderById(petitionCase.getId())
			.stream()
			.filter((n) -> n.getKind() == kind)
			.map(Notice::getRecipient)
			.toList();
	}

}
