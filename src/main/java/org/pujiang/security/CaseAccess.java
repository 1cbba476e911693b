package org.pujiang.security;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.AuthorizationQuery;
import org.springframework.stereotype.Component;

/**
 * Per-case engine authorizations: who follows a case (its receiving leader, its units, the supervision office)
 * may read its process instance; a unit accused in the petition may never read it (信访工作条例, art. 46), even
 * where its users hold another role that reads every instance.
 */
@Component
public class CaseAccess {

	private final AuthorizationService authorizations;

	CaseAccess(AuthorizationService authorizations) {
		this.authorizations = authorizations;
	}

	public void letUserFollow(String processInstanceId, String userId) {
		if (userId != null) {
			save(Authorization.AUTH_TYPE_GRANT, processInstanceId, null, userId);
		}
	}

	public void letGroupFollow(String processInstanceId, String groupId) {
		save(Authorization.AUTH_TYPE_GRANT, processInstanceId, groupId, null);
	}

	public void keepFromAccused(String processInstanceId, String accusedUnit) {
		save(Authorization.AUTH_TYPE_REVOKE, processInstanceId, accusedUnit, null);
	}

	private void save(int type, String processInstanceId, String groupId, String userId) {
		AuthorizationQuery query = this.authorizations.createAuthorizationQuery()
			.resourceType(PROCESS_INSTANCE)
			.resourceId(processInstanceId);
		query = groupId != null ? query.groupIdIn(groupId) : query.userIdIn(userId);
		if (query.list().stream().anyMatch((a) -> a.getAuthorizationType() == type)) {
			return;
		}
		Authorization authorization = this.authorizations.createNewAuthorization(type);
		authorization.setResource(PROCESS_INSTANCE);
		authorization.setResourceId(processInstanceId);
		authorization.setGroupId(groupId);
		authorization.setUserId(userId);
		if (type == Authorization.AUTH_TYPE_GRANT) {
			authorization.addPermission(READ);
		}
		else {
			authorization.removePermission(READ);
		}
		this.authorizations.saveAuthorization(authorization);
	}

}
