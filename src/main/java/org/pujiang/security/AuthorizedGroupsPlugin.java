package org.pujiang.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * The engine's authorization checks without their table-wide lookup of every group that holds an authorization.
 * <p>
 * Before its first check in a command, Camunda's {@link AuthorizationManager} reads
 * {@code select distinct GROUP_ID_ from ACT_RU_AUTHORIZATION} and keeps only the user's groups found there, to keep
 * the {@code GROUP_ID_ in (…)} lists of its checks short for users of many groups. Here a user belongs to a role
 * and at most a unit, while the table holds a grant for every unit and office following an open case and for every
 * open task's candidate group and claimant: the lookup read the whole table in every command of every user (see
 * camunda-bpm-platform issue 5485), 5.4 ms a command on PostgreSQL at 10,000 open cases (40,000 rows), and was
 * 11.7 of the 406 statements of a case's lifecycle. A group that holds no authorization matches no row of a check,
 * so passing a short list through unchanged gives every check the same answer; lists longer than
 * {@link #SHORT_LIST} are filtered as Camunda does.
 */
@Component
class AuthorizedGroupsPlugin extends AbstractProcessEnginePlugin {

	/** The most groups a user's list may have to go to the checks as it is. */
	static final int SHORT_LIST = 20;

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getCustomSessionFactories() == null) {
			configuration.setCustomSessionFactories(new ArrayList<>());
		}
		// Added after the engine's own factories, this one replaces the factory of the same session type.
		configuration.getCustomSessionFactories().add(new SessionFactory() {
			@Override
			public Class<?> getSessionType() {
				return AuthorizationManager.class;
			}

			@Override
			public Session openSession() {
				return new ShortListAuthorizationManager();
			}
		});
	}

	/** Camunda's authorization manager, a user's short list of groups not looked up in the table. */
	static final class ShortListAuthorizationManager extends AuthorizationManager {

		@Override
		public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
			if (authenticatedGroupIds != null && !authenticatedGroupIds.isEmpty()
					&& authenticatedGroupIds.size() <= SHORT_LIST) {
				return new ArrayList<>(authenticatedGroupIds);
			}
			return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
		}

	}

}
