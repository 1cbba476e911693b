package org.pujiang.bench;

import static org.pujiang.petition.PetitionCaseProcess.*;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.pujiang.Roles;
import org.pujiang.petition.Actors;
import org.pujiang.petition.Outcome;
import org.pujiang.registration.ResidentIdValidator;

/**
 * Works one case through its whole lifecycle the way staff do in Tasklist: registered by the registrar, each task
 * found in its group's list, claimed and completed with its form by a member of the group. The same calls and the
 * same forms for PetitionCase, for its diagram without steps and for the bare baseline.
 */
final class CaseDriver {

	/** Categories whose routing needs no lawyer (1–4 persons), and the unit each is assigned to. */
	static final Map<String, String> UNITS = Map.of("ENTERPRISE_RESTRUCTURING", "unit-economy", "LABOUR_WAGES",
			"unit-social", "SOCIAL_SECURITY", "unit-social", "ROADS_TRANSPORT", "unit-transport", "WATER_RESERVOIRS",
			"unit-water", "ENVIRONMENT", "unit-environment", "RURAL_AFFAIRS", "unit-agriculture", "URBAN_CONSTRUCTION",
			"unit-housing", "EDUCATION_HEALTH", "unit-education", "CIVIL_AFFAIRS", "unit-civil");

	private static final List<String> CATEGORIES = UNITS.keySet().stream().sorted().toList();

	private static final LocalDate FIRST_BIRTHDAY = LocalDate.of(1940, 1, 1);

	/** The processes driven. */
	enum Variant {

		PUJIANG(PROCESS_ID, "Pujiang"), DIAGRAM_ONLY(DiagramOnly.PROCESS_ID, "same diagram without steps"),
		BASELINE(BareLifecycle.PROCESS_ID, "baseline");

		final String processKey;

		final String label;

		Variant(String processKey, String label) {
			this.processKey = processKey;
			this.label = label;
		}

		String unitGroup(String unit) {
			return this == BASELINE ? BareLifecycle.UNIT_GROUP : unit;
		}

	}

	private final ProcessEngine engine;

	private final TaskService tasks;

	private final IdentityService identities;

	/** A user's groups, looked up once, as the webapps keep them in the login session. */
	private final Map<String, List<String>> groups = new ConcurrentHashMap<>();

	CaseDriver(ProcessEngine engine) {
		this.engine = engine;
		this.tasks = engine.getTaskService();
		this.identities = engine.getIdentityService();
	}

	/** Case number {@code n} of a run: registration to closure along the path. */
	void drive(Variant variant, Outcome path, int n) {
		String category = CATEGORIES.get(n % CATEGORIES.size());
		String unit = UNITS.get(category);
		Map<String, Object> registration = petition(category, n);
		if (variant == Variant.DIAGRAM_ONLY) {
			registration.putAll(DiagramOnly.FLAGS);
			registration.put(CASE_ID, (long) n);
		}
		String instance = start(variant.processKey, Roles.REGISTRAR, registration);
		complete(instance, RECEIVE_PETITIONER, Roles.LEADER, Roles.LEADER, reception(path, unit, n));
		if (path == Outcome.ASSIGNED) {
			complete(instance, HANDLE_CASE, variant.unitGroup(unit), unit,
					Map.of(HANDLING_ACTION, "REPORT", HANDLING_REPORT, "已按要求办理并答复信访人 " + n));
			complete(instance, VERIFY_REPORT, Roles.REGISTRAR, Roles.REGISTRAR, Map.of(VERIFICATION, "ACCEPTED"));
		}
		else if (path == Outcome.DEFINITIVE_ANSWER) {
			complete(instance, DRAFT_ANSWER, Roles.REGISTRAR, Roles.REGISTRAR, Map.of(ANSWER_FORM, "EXPLAINED",
					ANSWER_TEXT, "经核查，诉求于法无据，已当面说明 " + n, ANSWER_BASIS, "《信访工作条例》第三十二条"));
			complete(instance, APPROVE_ANSWER, Roles.LEADER, Roles.LEADER, Map.of(ANSWER_APPROVAL, "APPROVED"));
		}
		complete(instance, RETURN_VISIT, Roles.RETURN_VISIT, Roles.RETURN_VISIT,
				Map.of(RETURN_VISIT_METHOD, "PHONE", SATISFACTION, "SATISFIED", RETURN_VISIT_COMMENT, "满意"));
	}

	long openInstances(Variant variant) {
		return this.engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(variant.processKey).count();
	}

	/** A valid walk-in registration; {@code n} makes the resident ID number and phone distinct. */
	static Map<String, Object> petition(String category, int n) {
		String first17 = "330726" + FIRST_BIRTHDAY.plusDays(n / 1000).toString().replace("-", "")
				+ String.format("%03d", n % 1000);
		Map<String, Object> form = new HashMap<>();
		form.put(PETITIONER_NAME, "测试信访人" + n);
		form.put(RESIDENT_ID, first17 + ResidentIdValidator.checkCharacter(first17));
		form.put(PHONE, String.format("138%08d", n));
		form.put(PERSONS_COUNT, 1 + n % 4);
		form.put(CATEGORY, category);
		form.put(CHANNEL, "WALK_IN");
		form.put(SUMMARY, "事项摘要 " + n);
		form.put(REQUEST, "信访诉求 " + n);
		return form;
	}

	private static Map<String, Object> reception(Outcome path, String unit, int n) {
		Map<String, Object> form = new HashMap<>();
		form.put(RECEPTION_NOTES, "问了什么、答了什么 " + n);
		form.put(OUTCOME, path.name());
		if (path == Outcome.SOLVED_ON_THE_SPOT) {
			form.put(DECISION, "当场决定解决 " + n);
		}
		else if (path == Outcome.ASSIGNED) {
			form.put(ASSIGNED_UNITS, List.of(unit));
			form.put(RESPONSIBLE_PERSON, "王局长");
		}
		return form;
	}

	private String start(String processKey, String user, Map<String, Object> variables) {
		this.identities.setAuthentication(user, groupsOf(user));
		try {
			return this.engine.getRuntimeService().startProcessInstanceByKey(processKey, variables).getId();
		}
		finally {
			this.identities.clearAuthentication();
		}
	}

	private void complete(String instance, String taskKey, String group, String user, Map<String, Object> form) {
		Task task = this.tasks.createTaskQuery()
			.processInstanceId(instance)
			.taskDefinitionKey(taskKey)
			.taskCandidateGroup(group)
			.includeAssignedTasks()
			.singleResult();
		if (task == null) {
			throw new IllegalStateException("no open " + taskKey + " for " + group + " in " + instance);
		}
		this.identities.setAuthentication(user, groupsOf(user));
		try {
			if (task.getAssignee() == null) {
				this.tasks.claim(task.getId(), user);
			}
			// Tasklist loads the form's values when the task is opened.
			this.engine.getFormService().getTaskFormVariables(task.getId(), null, false);
			this.tasks.complete(task.getId(), form);
		}
		finally {
			this.identities.clearAuthentication();
		}
	}

	private List<String> groupsOf(String user) {
		return this.groups.computeIfAbsent(user, (id) -> Actors.groups(this.identities, id));
	}

}
