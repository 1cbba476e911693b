package org.pujiang.handling;

import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.pujiang.notice.NoticeKind;
import org.pujiang.notice.Notices;
import org.pujiang.petition.BusinessClock;
import org.pujiang.petition.FormValues;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseProcess;
import org.pujiang.petition.PetitionCaseRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assigned cases: responsible units, deadlines (from processes/HandlingDeadline.dmn), reminders, supervision,
 * extensions, reports and their verification. The diagram's timers and due dates read the deadlines from here.
 */
@Service("handling")
public class Handling {

	public static final String DECISION_KEY = "HandlingDeadline";

	/** Handling ends within 60 days of acceptance (信访工作条例). */
	public static final int LEGAL_MAXIMUM_DAYS = 60;

	/** A complex case may be extended once, by at most 30 days. */
	public static final int MAXIMUM_EXTENSION_DAYS = 30;

	private final DecisionService decisions;

	private final PetitionCaseRepository cases;

	private final ResponsibleUnitRepository units;

	private final AssignmentRepository assignments;

	private final SupervisionRepository supervisions;

	private final Notices notices;

	Handling(DecisionService decisions, PetitionCaseRepository cases, ResponsibleUnitRepository units,
			AssignmentRepository assignments, SupervisionRepository supervisions, Notices notices) {
		this.decisions = decisions;
		this.cases = cases;
		this.units = units;
		this.assignments = assignments;
		this.supervisions = supervisions;
		this.notices = notices;
	}

	/** The default term of a category and how long before its end the reminder goes out. */
	public Terms defaultTerms(String category) {
		DmnDecisionResult result = this.decisions.evaluateDecisionByKey(DECISION_KEY)
			.variables(Variables.putValue("category", category))
			.evaluate();
		if (result.isEmpty()) {
			throw new IllegalStateException("HandlingDeadline has no rule for category " + category);
		}
		Map<String, Object> row = result.getFirstResult().getEntryMap();
		int days = ((Number) row.get("handlingDays")).intValue();
		int reminder = ((Number) row.get("reminderDaysBefore")).intValue();
		if (days < 1 || days > LEGAL_MAXIMUM_DAYS) {
			throw new IllegalStateException("HandlingDeadline gives " + days + " days for " + category
					+ "; the legal maximum is " + LEGAL_MAXIMUM_DAYS);
		}
		return new Terms(days, reminder);
	}

	// Read by the diagram: the units' multi-instance collection, timers and due dates.

	public List<String> unitCodes(Long caseId) {
		return this.assignments.findByPetitionCaseIdOrderById(caseId).stream().map((a) -> a.getUnit().getCode()).toList();
	}

	public Date deadline(Long caseId, String unit) {
		return BusinessClock.toDate(assignment(caseId, unit).getDeadline());
	}

	public Date reminderAt(Long caseId, String unit) {
		return BusinessClock.toDate(assignment(caseId, unit).getReminderAt());
	}

	public Assignment assignment(Long caseId, String unit) {
		return this.assignments.findByCaseAndUnit(caseId, unit)
			.orElseThrow(() -> new IllegalStateException("case " + caseId + " is not assigned to " + unit));
	}

	public List<Assignment> assignments(Long caseId) {
		return this.assignments.findByPetitionCaseIdOrderById(caseId);
	}

	/** Every assignment whose report is not accepted yet, with its case and unit, by case and then in id order. */
	public List<Assignment> openAssignments() {
		return this.assignments.findWithCaseAndUnitByStatusNot(AssignmentStatus.ACCEPTED);
	}

	@Transactional
	public List<Assignment> assign(Long caseId, List<String> unitCodes, String responsiblePerson, Integer deadlineDays) {
		PetitionCase petitionCase = this.cases.require(caseId);
		if (unitCodes.isEmpty()) {
			throw FormValues.invalid(PetitionCaseProcess.ASSIGNED_UNITS, "至少选择一个责任单位");
		}
		if (responsiblePerson == null) {
			throw FormValues.invalid(PetitionCaseProcess.RESPONSIBLE_PERSON, "交办须明确责任人");
		}
		Terms terms = defaultTerms(petitionCase.getCategory());
		int days = deadlineDays == null ? terms.handlingDays() : deadlineDays;
		if (days < 1 || days > LEGAL_MAXIMUM_DAYS) {
			throw FormValues.invalid(PetitionCaseProcess.DEADLINE_DAYS, "办理期限应为1至" + LEGAL_MAXIMUM_DAYS + "天");
		}
		if (unitCodes.contains(petitionCase.getAccusedUnit())) {
			throw FormValues.invalid(PetitionCaseProcess.ASSIGNED_UNITS, "不得交由被举报控告的单位办理");
		}
		List<ResponsibleUnit> chosen = new LinkedHashSet<>(unitCodes).stream()
			.map((code) -> this.units.findById(code)
				.orElseThrow(() -> FormValues.invalid(PetitionCaseProcess.ASSIGNED_UNITS, "没有这个责任单位：" + code)))
			.toList();
		petitionCase.assignedTo(responsiblePerson);
		List<Assignment> created = chosen.stream()
			.map((unit) -> this.assignments.save(new Assignment(petitionCase, unit, responsiblePerson,
					Duration.ofDays(days), Duration.ofDays(terms.reminderDaysBefore()))))
			.toList();
		String names = String.join("、", chosen.stream().map(ResponsibleUnit::getName).toList());
		String deadline = BusinessClock.date(created.get(0).getDeadline());
		for (Assignment assignment : created) {
			this.notices.toUnit(petitionCase, assignment.getUnit().getEmail(), NoticeKind.ASSIGNED,
					"交办：" + petitionCase.getCaseNumber(), "信访案件 " + petitionCase.getCaseNumber() + " 交由"
							+ assignment.getUnit().getName() + "办理，责任人 " + responsiblePerson + "，办理期限 " + deadline
							+ (chosen.size() > 1 ? "；联合会商单位：" + names : "") + "。");
		}
		this.notices.toLeader(petitionCase, NoticeKind.ASSIGNED, "已交办：" + petitionCase.getCaseNumber(),
				"您接访的案件 " + petitionCase.getCaseNumber() + " 已交" + names + "办理，期限 " + deadline + "。");
		this.notices.toPetitioner(petitionCase, NoticeKind.ASSIGNED, "信访事项已交办：" + petitionCase.getCaseNumber(),
				"您的信访事项 " + petitionCase.getCaseNumber() + " 已交" + names + "办理，办理期限 " + deadline + "。");
		return created;
	}

	@Transactional
	public void report(Long caseId, String unit, String report, String responsiblePerson) {
		assignment(caseId, unit).report(report, responsiblePerson);
	}

	@Transactional
	public void requestExtension(Long caseId, String unit, Integer days, String reason) {
		Assignment assignment = assignment(caseId, unit);
		if (assignment.isExtended()) {
			throw FormValues.invalid(PetitionCaseProcess.EXTENSION_DAYS, "本案已延期一次，不能再次申请延期");
		}
		if (days == null || days < 1 || days > MAXIMUM_EXTENSION_DAYS) {
			throw FormValues.invalid(PetitionCaseProcess.EXTENSION_DAYS, "延期天数应为1至" + MAXIMUM_EXTENSION_DAYS + "天");
		}
		assignment.requestExtension(days, reason);
	}

	@Transactional
	public void decideExtension(Long caseId, String unit, boolean approved, String comment) {
		Assignment assignment = assignment(caseId, unit);
		PetitionCase petitionCase = assignment.getPetitionCase();
		if (approved) {
			assignment.approveExtension(comment,
					Duration.ofDays(defaultTerms(petitionCase.getCategory()).reminderDaysBefore()));
			petitionCase.extended();
		}
		else {
			assignment.refuseExtension(comment);
		}
		this.notices.toUnit(petitionCase, assignment.getUnit().getEmail(), NoticeKind.EXTENSION,
				(approved ? "延期已批准：" : "延期未批准：") + petitionCase.getCaseNumber(),
				"案件 " + petitionCase.getCaseNumber() + (approved ? " 延期申请已批准，新的办理期限 " : " 延期申请未获批准，办理期限仍为 ")
						+ BusinessClock.date(assignment.getDeadline()) + "。意见：" + comment);
	}

	@Transactional
	public void verify(Long caseId, String unit, boolean accepted, String sentBackReason) {
		Assignment assignment = assignment(caseId, unit);
		if (accepted) {
			assignment.accept();
		}
		else {
			assignment.sendBack(sentBackReason);
		}
	}

	/** Sends the reminder once per deadline, to the unit and the leader who owns the case; true if it was sent. */
	@Transactional
	public boolean remind(Long caseId, String unit) {
		Assignment assignment = assignment(caseId, unit);
		if (!assignment.remind()) {
			return false;
		}
		PetitionCase petitionCase = assignment.getPetitionCase();
		String text = "案件 " + petitionCase.getCaseNumber() + " 的办理期限 " + BusinessClock.date(assignment.getDeadline())
				+ " 临近，请" + assignment.getUnit().getName() + "抓紧办理。";
		this.notices.toUnit(petitionCase, assignment.getUnit().getEmail(), NoticeKind.REMINDER,
				"催办：" + petitionCase.getCaseNumber(), text);
		this.notices.toLeader(petitionCase, NoticeKind.REMINDER, "催办：" + petitionCase.getCaseNumber(), text);
		return true;
	}

	/** The deadline passed: the supervision office takes it up and the owning leader is told; the unit keeps it. */
	@Transactional
	public void startSupervision(Long caseId, String unit) {
		Assignment assignment = assignment(caseId, unit);
		assignment.supervise();
		this.supervisions.save(new Supervision(assignment));
		PetitionCase petitionCase = assignment.getPetitionCase();
		petitionCase.supervised();
		String text = "案件 " + petitionCase.getCaseNumber() + " 已超过办理期限 " + BusinessClock.date(assignment.getDeadline())
				+ "，责任单位" + assignment.getUnit().getName() + "尚未办结，已启动督办。";
		this.notices.toSupervisionOffice(petitionCase, NoticeKind.SUPERVISION, "督办：" + petitionCase.getCaseNumber(), text);
		this.notices.toLeader(petitionCase, NoticeKind.SUPERVISION, "督办：" + petitionCase.getCaseNumber(), text);
		this.notices.toUnit(petitionCase, assignment.getUnit().getEmail(), NoticeKind.SUPERVISION,
				"督办：" + petitionCase.getCaseNumber(), text);
	}

	@Transactional
	public void recordSupervision(Long caseId, String unit, String measure, String notes, String supervisor) {
		Assignment assignment = assignment(caseId, unit);
		Supervision supervision = this.supervisions
			.findFirstByAssignmentIdAndRecordedAtIsNullOrderByIdDesc(assignment.getId())
			.orElseGet(() -> this.supervisions.save(new Supervision(assignment)));
		supervision.record(measure, notes, supervisor);
	}

	/** Back to every unit after a dissatisfied return visit, with a fresh term and the petitioner's comment. */
	@Transactional
	public void reopen(Long caseId, String comment) {
		PetitionCase petitionCase = this.cases.require(caseId);
		Terms terms = defaultTerms(petitionCase.getCategory());
		for (Assignment assignment : assignments(caseId)) {
			assignment.reopen(Duration.ofDays(terms.handlingDays()), Duration.ofDays(terms.reminderDaysBefore()));
			this.notices.toUnit(petitionCase, assignment.getUnit().getEmail(), NoticeKind.ASSIGNED,
					"重新办理：" + petitionCase.getCaseNumber(),
					"信访人对案件 " + petitionCase.getCaseNumber() + " 的办理结果不满意，请重新办理，期限 "
							+ BusinessClock.date(assignment.getDeadline()) + "。回访意见：" + comment);
		}
	}

	/** True when every unit's report on the case was accepted by its deadline (so too when it has no assignment). */
	@Transactional(readOnly = true)
	public boolean reportsAcceptedInTime(Long caseId) {
		return assignments(caseId).stream()
			.allMatch((a) -> a.getAcceptedAt() != null && !a.getAcceptedAt().isAfter(a.getDeadline()));
	}

	/** A category's default handling term and reminder lead, as the HandlingDeadline table gives them. */
	public record Terms(int handlingDays, int reminderDaysBefore) {
	}

}
