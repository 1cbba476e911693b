package org.pujiang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pujiang.petition.PetitionCaseProcess.*;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pujiang.petition.Actors;
import org.pujiang.registration.ResidentIdValidator;

/**
 * Works cases the way staff do in Tasklist: as a named user, claiming each task and submitting its form, and
 * checking first that the task's form resolves.
 */
public class CaseDesk {

	private static final AtomicInteger SEQUENCE = new AtomicInteger(100);

	private final ProcessEngine engine;

	public CaseDesk(ProcessEngine engine) {
		this.engine = engine;
	}

	/** A valid registration form with a resident ID number no other test uses. */
	public static Map<String, Object> petition(String category, int persons) {
		int n = SEQUENCE.incrementAndGet();
		String first17 = String.format("330726%04d0101%03d", 1950 + n % 50, n % 1000);
		Map<String, Object> form = new HashMap<>();
		form.put(PETITIONER_NAME, "测试信访人" + n);
		form.put(RESIDENT_ID, first17 + ResidentIdValidator.checkCharacter(first17));
		form.put(PHONE, String.format("139%08d", n));
		form.put(PERSONS_COUNT, persons);
		form.put(CATEGORY, category);
		form.put(CHANNEL, "WALK_IN");
		form.put(SUMMARY, "事项摘要 " + n);
		form.put(REQUEST, "信访诉求 " + n);
		return form;
	}

	public ProcessInstance register(Map<String, Object> form) {
		Actors.authenticate(this.engine.getIdentityService(), Roles.REGISTRAR);
		try {
			return this.engine.getRuntimeService().startProcessInstanceByKey(PROCESS_ID, form);
		}
		finally {
			this.engine.getIdentityService().clearAuthentication();
		}
	}

	/** Starts a process as the user (authenticated with the user's groups). */
	public ProcessInstance start(String processKey, String user, Map<String, Object> variables) {
		Actors.authenticate(this.engine.getIdentityService(), user);
		try {
			return this.engine.getRuntimeService().startProcessInstanceByKey(processKey, variables);
		}
		finally {
			this.engine.getIdentityService().clearAuthentication();
		}
	}

	public ProcessInstance register(String category, int persons) {
		return register(petition(category, persons));
	}

	public Task task(ProcessInstance instance, String key, String group) {
		List<Task> tasks = this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(instance.getId())
			.taskDefinitionKey(key)
			.taskCandidateGroup(group)
			.includeAssignedTasks()
			.list();
		assertThat(tasks).as("open %s tasks for group %s", key, group).hasSize(1);
		return tasks.get(0);
	}

	/** Claims and completes the task as the user, who is also in the task's candidate group. */
	public void complete(ProcessInstance instance, String key, String user, Map<String, Object> form) {
		complete(instance, key, user, user, form);
	}

	public void complete(ProcessInstance instance, String key, String group, String user, Map<String, Object> form) {
		Task task = task(instance, key, group);
		assertThat(this.engine.getFormService().getDeployedTaskForm(task.getId())).as("form of " + key).isNotNull();
		Actors.authenticate(this.engine.getIdentityService(), user);
		try {
			this.engine.getTaskService().claim(task.getId(), user);
			this.engine.getTaskService().complete(task.getId(), form);
		}
		finally {
			this.engine.getIdentityService().clearAuthentication();
		}
	}

	public void receive(ProcessInstance instance, Map<String, Object> form) {
		complete(instance, RECEIVE_PETITIONER, Roles.LEADER, form);
	}

	public void assign(ProcessInstance instance, String... units) {
		receive(instance, Map.of(RECEPTION_NOTES, "问了什么、答了什么", OUTCOME, "ASSIGNED", ASSIGNED_UNITS, List.of(units),
				RESPONSIBLE_PERSON, "王局长"));
	}

	public void report(ProcessInstance instance, String unit, String report) {
		complete(instance, HANDLE_CASE, unit, Map.of(HANDLING_ACTION, "REPORT", HANDLING_REPORT, report));
	}

	public void verify(ProcessInstance instance, Map<String, Object> form) {
		complete(instance, VERIFY_REPORT, Roles.REGISTRAR, form);
	}

	public void visitBack(ProcessInstance instance, String satisfaction, String comment) {
		complete(instance, RETURN_VISIT, Roles.RETURN_VISIT,
				Map.of(RETURN_VISIT_METHOD, "PHONE", SATISFACTION, satisfaction, RETURN_VISIT_COMMENT, comment));
	}

	/** Moves the engine clock past the timer's due date and fires it. */
	public void fire(ProcessInstance instance, String timerActivity) {
		Job job = timer(instance, timerActivity);
		ClockUtil.setCurrentTime(new Date(job.getDuedate().getTime() + 1000));
		this.engine.getManagementService().executeJob(job.getId());
	}

	/** Runs the case's asynchronous continuation after the activity, as the job executor would. */
	public void continueAfter(ProcessInstance instance, String activity) {
		this.engine.getManagementService().executeJob(job(instance, activity, "continuations after ").getId());
	}

	public Job timer(ProcessInstance instance, String timerActivity) {
		return job(instance, timerActivity, "timers at ");
	}

	/** The instance's one job at the activity. */
	private Job job(ProcessInstance instance, String activity, String what) {
		List<Job> jobs = this.engine.getManagementService()
			.createJobQuery()
			.processInstanceId(instance.getId())
			.activityId(activity)
			.list();
		assertThat(jobs).as(what + activity).hasSize(1);
		return jobs.get(0);
	}

}
