package org.pujiang.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.cfg.auth.ResourceAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.pujiang.CaseDesk;
import org.pujiang.PujiangTest;
import org.pujiang.security.NewTaskGrantsPlugin.NewTaskGrantsProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A task's candidate groups get the grants Camunda's own provider gives them, whether the task is new in the command
 * (no lookup) or already stored (Camunda's lookup, which adds to a grant the group holds).
 */
@PujiangTest
class NewTaskGrantsPluginTests {

	@Autowired
	ProcessEngine engine;

	private ProcessEngineConfigurationImpl configuration() {
		return (ProcessEngineConfigurationImpl) this.engine.getProcessEngineConfiguration();
	}

	@Test
	void shouldBeTheEnginesProvider() {
		assertThat(configuration().getResourceAuthorizationProvider()).isInstanceOf(NewTaskGrantsProvider.class);
	}

	@Test
	void shouldGrantANewTasksCandidateGroupsWhatCamundasProviderGrants() {
		ProcessInstance ours = new CaseDesk(this.engine).register("ENVIRONMENT", 1);
		ResourceAuthorizationProvider provider = configuration().getResourceAuthorizationProvider();
		ProcessInstance camundas;
		configuration().setResourceAuthorizationProvider(new DefaultAuthorizationProvider());
		try {
			camundas = new CaseDesk(this.engine).register("ENVIRONMENT", 1);
		}
		finally {
			configuration().setResourceAuthorizationProvider(provider);
		}
		Task ourTask = openTask(ours);
		Task camundasTask = openTask(camundas);
		assertThat(ourTask.getTaskDefinitionKey()).isEqualTo(camundasTask.getTaskDefinitionKey());
		assertThat(candidateGroups(ourTask)).isNotEmpty();
		assertThat(grants(ourTask)).hasSize(candidateGroups(ourTask).size()).isEqualTo(grants(camundasTask));
	}

	@Test
	void shouldAddToTheGrantAStoredTasksGroupHoldsAsCamundaDoes() {
		Task task = openTask(new CaseDesk(this.engine).register("ENVIRONMENT", 1));
		List<String> before = grants(task);
		String group = candidateGroups(task).get(0);
		// The task is stored: the group's grant is looked up and added to, not inserted a second time (which the
		// table's unique key would refuse).
		this.engine.getTaskService().addCandidateGroup(task.getId(), group);
		assertThat(grants(task)).isEqualTo(before);
		this.engine.getTaskService().addCandidateGroup(task.getId(), "unit-water");
		assertThat(grants(task)).hasSize(before.size() + 1);
	}

	private Task openTask(ProcessInstance instance) {
		return this.engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
	}

	private List<String> candidateGroups(Task task) {
		return this.engine.getTaskService()
			.getIdentityLinksForTask(task.getId())
			.stream()
			.filter((link) -> IdentityLinkType.CANDIDATE.equals(link.getType()))
			.map(IdentityLink::getGroupId)
			.sorted()
			.toList();
	}

	/** The task's grants: group or user, and the permissions' bits, in order. */
	private List<String> grants(Task task) {
		return this.engine.getAuthorizationService()
			.createAuthorizationQuery()
			.resourceType(Resources.TASK)
			.resourceId(task.getId())
			.list()
			.stream()
			.filter((grant) -> grant.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT)
			.map((grant) -> (grant.getGroupId() != null ? "group " + grant.getGroupId() : "user " + grant.getUserId())
					+ " permissions " + Integer.toBinaryString(((AuthorizationEntity) grant).getPermissions()))
			.sorted()
			.toList();
	}

}
