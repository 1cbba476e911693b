package org.pujiang.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.pujiang.CaseDesk;
import org.pujiang.PujiangTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's authorization checks take a user's few groups as they are, without reading every group of the
 * authorization table, and answer as they do with Camunda's own filtering, which a long list still goes through.
 */
@PujiangTest
class AuthorizedGroupsPluginTests {

	@Autowired
	ProcessEngine engine;

	/** The leader's group holds grants; none of these does. */
	private static List<String> leaderAnd(int groupsWithoutGrants) {
		List<String> groups = new ArrayList<>(List.of("leader"));
		IntStream.rangeClosed(1, groupsWithoutGrants).forEach((i) -> groups.add("no-grant-" + i));
		return groups;
	}

	@Test
	void shouldTakeAFewGroupsAsTheyAreAndFilterManyAsCamundaDoes() {
		List<String> few = leaderAnd(AuthorizedGroupsPlugin.SHORT_LIST - 1);
		List<String> many = leaderAnd(AuthorizedGroupsPlugin.SHORT_LIST);

		assertThat(checkedGroups(few)).isEqualTo(few);
		// Camunda's filter: only the groups the table holds an authorization for.
		assertThat(checkedGroups(many)).containsExactly("leader");
		assertThat(checkedGroups(List.of())).isEmpty();
	}

	@Test
	void shouldAnswerAsCamundaDoes() {
		ProcessInstance instance = new CaseDesk(this.engine).register("ENVIRONMENT", 1);

		List<String> seen = receptionTasks("leader", leaderAnd(1), instance);
		assertThat(seen).hasSize(1);
		assertThat(receptionTasks("leader", leaderAnd(AuthorizedGroupsPlugin.SHORT_LIST), instance)).isEqualTo(seen);
		assertThat(receptionTasks("someone", leaderAnd(1).subList(1, 2), instance)).isEmpty();
		assertThat(receptionTasks("someone", leaderAnd(AuthorizedGroupsPlugin.SHORT_LIST).subList(1, 21), instance))
			.isEmpty();
	}

	/** The groups the engine's authorization checks go by, in a command of the engine's own. */
	private List<String> checkedGroups(List<String> groups) {
		return ((ProcessEngineConfigurationImpl) this.engine.getProcessEngineConfiguration())
			.getCommandExecutorTxRequired()
			.execute((context) -> context.getAuthorizationManager().filterAuthenticatedGroupIds(groups));
	}

	private List<String> receptionTasks(String user, List<String> groups, ProcessInstance instance) {
		this.engine.getIdentityService().setAuthentication(user, groups);
		try {
			return this.engine.getTaskService()
				.createTaskQuery()
				.processInstanceId(instance.getId())
				.taskDefinitionKey("Task_ReceivePetitioner")
				.list()
				.stream()
				.map(Task::getId)
				.toList();
		}
		finally {
			this.engine.getIdentityService().clearAuthentication();
		}
	}

}
