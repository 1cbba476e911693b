package org.pujiang.demo;

import static org.pujiang.petition.PetitionCaseProcess.PROCESS_ID;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.pujiang.petition.Actors;
import org.springframework.stereotype.Component;

/**
 * Works cases for the demo and the replay the way staff do in Tasklist: as a named user with the user's groups,
 * claiming each task, opening its form and submitting it; and runs the engine's due jobs when the replay moves the
 * clock.
 */
@Component
class Desk {

	private final RuntimeService runtime;

	private final TaskService tasks;

	private final FormService forms;

	private final IdentityService identities;

	private final ManagementService management;

	/** A user's groups, looked up once, as the webapps keep them in the login session. */
	private final Map<String, List<String>> groups = new ConcurrentHashMap<>();

	private final AtomicInteger jobsRun = new AtomicInteger();

	private final AtomicInteger jobsRunAgain = new AtomicInteger();

	Desk(RuntimeService runtime, TaskService tasks, FormService forms, IdentityService identities,
			ManagementService management) {
		this.runtime = runtime;
		this.tasks = tasks;
		this.forms = forms;
		this.identities = identities;
		this.management = management;
	}

	ProcessInstance start(String processKey, String user, Map<String, Object> variables) {
		authenticate(user);
		try {
			return this.runtime.startProcessInstanceByKey(processKey, variables);
		}
		finally {
			this.identities.clearAuthentication();
		}
	}

	ProcessInstance register(String registrar, Map<String, Object> form) {
		return start(PROCESS_ID, registrar, form);
	}

	Object variable(String processInstanceId, String name) {
		return this.runtime.getVariable(processInstanceId, name);
	}

	boolean isActive(String processInstanceId) {
		return this.runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
	}

	/** Whether the process instance has an open task of that kind for the group. */
	boolean has(String processInstanceId, String taskKey, String group) {
		return !open(processInstanceId, taskKey, group).isEmpty();
	}

	/** Claims and completes the task as the user, who belongs to the task's candidate group. */
	void complete(String processInstanceId, String taskKey, String group, String user, Map<String, Object> form) {
		complete(open(processInstanceId, taskKey, group).get(0), user, form);
	}

	void complete(String processInstanceId, String taskKey, String user, Map<String, Object> form) {
		complete(processInstanceId, taskKey, user, user, form);
	}

	/** Claims and completes a task already found in the user's list (the task as the list showed it). */
	void complete(Task task, String user, Map<String, Object> form) {
		authenticate(user);
		try {
			if (task.getAssignee() == null) {
				this.tasks.claim(task.getId(), user);
			}
			// Tasklist loads the form's values when the task is opened.
			this.forms.getTaskFormVariables(task.getId(), null, false);
			this.tasks.complete(task.getId(), form);
		}
		finally {
			this.identities.clearAuthentication();
		}
	}

	/** The jobs due at the engine's current time. */
	List<Job> dueJobs() {
		return this.management.createJobQuery().executable().list();
	}

	/**
	 * Executes the job, and again where another job changed the same rows meanwhile (the engine's optimistic
	 * locking), as the job executor retries it.
	 */
	void run(Job job) {
		for (int attempt = 1;; attempt++) {
			try {
				this.management.executeJob(job.getId());
				this.jobsRun.incrementAndGet();
				return;
			}
			catch (OptimisticLockingException ex) {
				if (attempt == 3) {
					throw ex;
				}
				this.jobsRunAgain.incrementAndGet();
			}
		}
	}

	/** How many jobs {@link #run} has executed so far. */
	int jobsRun() {
		return this.jobsRun.get();
	}

	/** How many times {@link #run} has run a job again after the engine's optimistic locking. */
	int jobsRunAgain() {
		return this.jobsRunAgain.get();
	}

	private void authenticate(String user) {
		this.identities.setAuthentication(user,
				this.groups.computeIfAbsent(user, (u) -> Actors.groups(this.identities, u)));
	}

	private List<Task> open(String processInstanceId, String taskKey, String group) {
		return this.tasks.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey(taskKey)
			.taskCandidateGroup(group)
			.includeAssignedTasks()
			.list();
	}

}
