package org.pujiang.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_TASK;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.Test;
import org.pujiang.CaseDesk;
import org.pujiang.PujiangTest;
import org.pujiang.petition.Actors;
import org.pujiang.petition.PetitionCaseProcess;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The task query checks a user's grants by "a grant exists" lookups, not Camunda's join, and finds for every kind of
 * user exactly the tasks the engine's own per-task checks allow: by a grant on the task (a unit, a claimant), on its
 * process definition, on every task, under a revoke, or by none.
 */
@PujiangTest
class AuthorizedTasksPluginTests {

	/** The SQL of the statements run on this thread while recording. */
	private static final ThreadLocal<List<String>> STATEMENTS = new ThreadLocal<>();

	@Autowired
	ProcessEngine engine;

	@Test
	void shouldCheckTheGrantsOfATaskQueryByLookupsNotByAJoin() {
		ProcessInstance instance = new CaseDesk(this.engine).register("ENVIRONMENT", 1);

		List<String> sql = recording(() -> as("leader", () -> query().processInstanceId(instance.getId()).count()));

		List<String> taskQueries = sql.stream().filter((s) -> s.contains("ACT_RU_TASK RES")).toList();
		assertThat(taskQueries).hasSize(1);
		assertThat(taskQueries.get(0)).doesNotContain("AUTH ON")
			.containsPattern("exists \\(select 1 from ACT_RU_AUTHORIZATION A where A.RESOURCE_ID_ = RES.ID_\\s")
			.containsPattern("exists \\(select 1 from ACT_RU_AUTHORIZATION A where A.RESOURCE_ID_ = D.KEY_\\s")
			.containsPattern("exists \\(select 1 from ACT_RU_AUTHORIZATION A where A.RESOURCE_ID_ = '\\*'\\s");
	}

	@Test
	void shouldFindTheTasksTheEnginesOwnChecksAllow() {
		CaseDesk desk = new CaseDesk(this.engine);
		ProcessInstance atReception = desk.register("ENVIRONMENT", 1);
		ProcessInstance assigned = desk.register("ENVIRONMENT", 1);
		desk.assign(assigned, "unit-environment", "unit-water");
		claim(assigned, "unit-environment");
		Map<String, Object> accusing = CaseDesk.petition("ENVIRONMENT", 1);
		accusing.put(PetitionCaseProcess.ACCUSED_UNIT, "unit-land");
		ProcessInstance accusation = desk.register(accusing);
		List<String> instances = List.of(atReception.getId(), assigned.getId(), accusation.getId());

		AuthorizationService authorizations = this.engine.getAuthorizationService();
		Authorization byDefinition = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
		byDefinition.setResource(PROCESS_DEFINITION);
		byDefinition.setResourceId(PetitionCaseProcess.PROCESS_ID);
		byDefinition.setUserId("definition-reader");
		byDefinition.addPermission(READ_TASK);
		authorizations.saveAuthorization(byDefinition);
		try {
			List<Task> all = query().processInstanceIdIn(instances.toArray(String[]::new)).list();
			assertThat(all).hasSizeGreaterThanOrEqualTo(4);
			Map<String, List<String>> allowedByUser = new TreeMap<>();
			for (String user : List.of("leader", "unit-environment", "unit-water", "unit-land", "auditor", "registrar",
					"definition-reader", "nobody")) {
				List<String> groups = Actors.groups(this.engine.getIdentityService(), user);
				List<String> allowed = all.stream()
					.filter((task) -> allowed(user, groups, task))
					.map(Task::getId)
					.sorted()
					.toList();
				allowedByUser.put(user, allowed);

				TaskQuery byInstances = query().processInstanceIdIn(instances.toArray(String[]::new));
				assertThat(as(user, () -> ids(byInstances.list()))).as(user).isEqualTo(allowed);
				assertThat(as(user, byInstances::count)).as(user).isEqualTo(allowed.size());

				// Tasklist's filters: the user's groups' tasks, claimed ones too, newest first, a page at a time
				if (!groups.isEmpty()) {
					TaskQuery tasklist = query().processInstanceIdIn(instances.toArray(String[]::new))
						.taskCandidateGroupIn(groups)
						.includeAssignedTasks()
						.orderByTaskCreateTime()
						.desc();
					List<String> mine = as(user, () -> ids(tasklist.list()));
					assertThat(allowed).containsAll(mine);
					assertThat(as(user, tasklist::count)).as(user).isEqualTo(mine.size());
					assertThat(as(user, () -> tasklist.listPage(0, 1))).hasSize(Math.min(1, mine.size()));
				}
				// an or-query joins the process definition by a left join
				TaskQuery either = query().processInstanceIdIn(instances.toArray(String[]::new))
					.or()
					.taskAssignee(user)
					.processDefinitionKey(PetitionCaseProcess.PROCESS_ID)
					.endOr();
				assertThat(as(user, () -> ids(either.list()))).as(user).isEqualTo(allowed);
			}
			// the kinds of user the comparison covers
			assertThat(allowedByUser.get("definition-reader")).isEqualTo(ids(all));
			assertThat(allowedByUser.get("nobody")).isEmpty();
			assertThat(allowedByUser.get("unit-water")).hasSize(1);
			assertThat(allowedByUser.get("unit-environment")).hasSize(1);
			assertThat(allowedByUser.get("leader")).isNotEmpty();
			assertThat(allowedByUser.get("unit-land")).isEmpty();
		}
		finally {
			authorizations.deleteAuthorization(byDefinition.getId());
		}
	}

	/** The engine's own answer for one task: a grant on it, or on reading its definition's tasks. */
	private boolean allowed(String user, List<String> groups, Task task) {
		AuthorizationService authorizations = this.engine.getAuthorizationService();
		String definitionKey = this.engine.getRepositoryService()
			.getProcessDefinition(task.getProcessDefinitionId())
			.getKey();
		return authorizations.isUserAuthorized(user, groups, READ, TASK, task.getId())
				|| authorizations.isUserAuthorized(user, groups, READ_TASK, PROCESS_DEFINITION, definitionKey);
	}

	private void claim(ProcessInstance instance, String unitUser) {
		Task task = new CaseDesk(this.engine).task(instance, PetitionCaseProcess.HANDLE_CASE, unitUser);
		as(unitUser, () -> {
			this.engine.getTaskService().claim(task.getId(), unitUser);
			return null;
		});
	}

	private TaskQuery query() {
		return this.engine.getTaskService().createTaskQuery();
	}

	private static List<String> ids(List<Task> tasks) {
		return tasks.stream().map(Task::getId).sorted(Comparator.naturalOrder()).toList();
	}

	private <T> T as(String user, Supplier<T> work) {
		this.engine.getIdentityService()
			.setAuthentication(user, Actors.groups(this.engine.getIdentityService(), user));
		try {
			return work.get();
		}
		finally {
			this.engine.getIdentityService().clearAuthentication();
		}
	}

	private List<String> recording(Supplier<?> work) {
		Configuration configuration = ((ProcessEngineConfigurationImpl) this.engine.getProcessEngineConfiguration())
			.getSqlSessionFactory()
			.getConfiguration();
		synchronized (AuthorizedTasksPluginTests.class) {
			if (configuration.getInterceptors().stream().noneMatch(Recorder.class::isInstance)) {
				configuration.addInterceptor(new Recorder());
			}
		}
		STATEMENTS.set(new ArrayList<>());
		try {
			work.get();
			return STATEMENTS.get();
		}
		finally {
			STATEMENTS.remove();
		}
	}

	/** Records the SQL prepared on a thread that records; added once to the shared engine, idle elsewhere. */
	@Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = { Connection.class, Integer.class }))
	static final class Recorder implements Interceptor {

		@Override
		public Object intercept(Invocation invocation) throws Throwable {
			List<String> statements = STATEMENTS.get();
			if (statements != null) {
				statements.add(((StatementHandler) invocation.getTarget()).getBoundSql().getSql());
			}
			return invocation.proceed();
		}

	}

}
