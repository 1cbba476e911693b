package org.pujiang.security;

import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * The engine's grants for a task's candidate groups and users, without looking for a grant a task created in the same
 * command cannot have yet.
 * <p>
 * When a user task starts, Camunda's {@link DefaultAuthorizationProvider} gives each candidate group (and an assignee
 * set at once) its permissions on the task: for each it first selects the grant that group may already hold on the
 * task, to add to it, and creates one when there is none. A task created in this command has an id no row of
 * {@code ACT_RU_AUTHORIZATION} can name yet (its own grants are inserted with it when the command ends), so the
 * select always finds nothing: one statement for each candidate group of every task a case reaches. Here it is
 * skipped for such a task, and the grant is created as Camunda creates it; for a task already stored (a claim, a
 * candidate group added later) the lookup is Camunda's.
 */
@Component
class NewTaskGrantsPlugin extends AbstractProcessEnginePlugin {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getResourceAuthorizationProvider() == null) {
			configuration.setResourceAuthorizationProvider(new NewTaskGrantsProvider());
		}
	}

	/** Camunda's provider, without the lookup for a task created in the current command. */
	static final class NewTaskGrantsProvider extends DefaultAuthorizationProvider {

		@Override
		protected AuthorizationEntity getGrantAuthorization(String taskId, String userId, String groupId,
				Resource resource) {
			if (createdInThisCommand(taskId)) {
				return null;
			}
			return super.getGrantAuthorization(taskId, userId, groupId, resource);
		}

		/** Whether the task is one this command created and has not yet inserted. */
		static boolean createdInThisCommand(String taskId) {
			CommandContext command = Context.getCommandContext();
			if (taskId == null || command == null) {
				return false;
			}
			CachedDbEntity cached = command.getDbEntityManager().getDbEntityCache().getCachedEntity(TaskEntity.class, taskId);
			return cached != null && cached.getEntityState() == DbEntityState.TRANSIENT;
		}

	}

}
