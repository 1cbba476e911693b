package org.pujiang.intake;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.pujiang.handling.Assignment;
import org.pujiang.handling.AssignmentStatus;
import org.pujiang.handling.Handling;
import org.pujiang.petition.CaseStatus;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.returnvisit.Answers;
import org.pujiang.routing.Categories;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a petitioner may learn of their case: where it stands and the answer, and no one's personal data. */
@Service
class CaseLookup {

	private final PetitionCaseRepository cases;

	private final Handling handling;

	private final TaskService tasks;

	private final Categories categories;

	private final Answers answers;

	CaseLookup(PetitionCaseRepository cases, Handling handling, TaskService tasks, Categories categories,
			Answers answers) {
		this.cases = cases;
		this.handling = handling;
		this.tasks = tasks;
		this.categories = categories;
		this.answers = answers;
	}

	/** Empty when there is no such case or the phone is not the one it was registered with. */
	@Transactional(readOnly = true)
	public Optional<CaseView> find(String caseNumber, String phone) {
		return this.cases.findByCaseNumber(caseNumber)
			.filter((petitionCase) -> petitionCase.getPetitioner().getPhone().equals(phone))
			.map(this::view);
	}

	private CaseView view(PetitionCase petitionCase) {
		List<Assignment> assignments = this.handling.assignments(petitionCase.getId());
		Instant deadline = assignments.stream()
			.filter((a) -> a.getStatus() != AssignmentStatus.ACCEPTED)
			.map(Assignment::getDeadline)
			.max(Comparator.naturalOrder())
			.orElse(null);
		String step = petitionCase.getProcessInstanceId() == null ? null
				: this.tasks.createTaskQuery()
					.processInstanceId(petitionCase.getProcessInstanceId())
					.list()
					.stream()
					.map(Task::getName)
					.distinct()
					.collect(Collectors.joining("、"));
		boolean answered = petitionCase.getAnsweredAt() != null;
		return new CaseView(petitionCase.getCaseNumber(),
				this.categories.name(petitionCase.getCategory()),
				petitionCase.getStatus(), petitionCase.getStatus().label(), step == null || step.isEmpty() ? null : step,
				petitionCase.getRegisteredAt(), deadline,
				petitionCase.getOutcome() == null ? null : petitionCase.getOutcome().label(),
				answered ? this.answers.of(petitionCase) : null, petitionCase.getClosedAt());
	}

	@Schema(description = "案件办理进度")
	record CaseView(@Schema(description = "案件编号") String caseNumber, @Schema(description = "信访类别") String category,
			@Schema(description = "状态代码") CaseStatus status, @Schema(description = "状态") String statusName,
			@Schema(description = "当前环节") String step, @Schema(description = "登记时间") Instant registeredAt,
			@Schema(description = "办理期限（交办案件）") Instant deadline, @Schema(description = "处理方式") String outcome,
			@Schema(description = "答复意见（答复后）") String answer, @Schema(description = "办结时间") Instant closedAt) {
	}

}
