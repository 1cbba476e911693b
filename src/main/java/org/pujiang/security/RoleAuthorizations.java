package org.pujiang.security;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.ALL;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_TASK;
import static org.camunda.bpm.engine.authorization.Resources.OPERATION_LOG_CATEGORY;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.pujiang.Roles;
import org.pujiang.handling.ResponsibleUnit;
import org.pujiang.handling.ResponsibleUnitRepository;
import org.pujiang.petition.PetitionCaseProcess;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The engine's authorizations per role, granted to the role's group at start-up (idempotent, every profile).
 * Tasks need nothing here: the engine grants a task to its candidate group when it is created, so a unit sees
 * and completes only its own. Per-case grants (the receiving leader, the assigned units, the supervision office)
 * and the confidentiality revoke are made by {@link CaseAccess} as the case moves.
 */
@Component
@Order(0)
class RoleAuthorizations implements ApplicationRunner {

	private static final String ANY = "*";

	private static final String RECEPTION_DAY = "ReceptionDay";

	private final AuthorizationService authorizations;

	private final ResponsibleUnitRepository units;

	RoleAuthorizations(AuthorizationService authorizations, ResponsibleUnitRepository units) {
		this.authorizations = authorizations;
		this.units = units;
	}

	@Override
	public void run(ApplicationArguments args) {
		List<String> tasklistUsers = new java.util.ArrayList<>(List.of(Roles.REGISTRAR, Roles.LEADER, Roles.LAWYER,
				Roles.SUPERVISOR, Roles.RETURN_VISIT, Roles.MANAGER, Roles.LOCALITY, Roles.UNIT));
		this.units.findAll().stream().map(ResponsibleUnit::getCode).forEach(tasklistUsers::add);
		for (String group : tasklistUsers) {
			grant(group, APPLICATION, "tasklist", ACCESS);
			grant(group, FILTER, ANY, READ);
			grant(group, PROCESS_DEFINITION, PetitionCaseProcess.PROCESS_ID, READ);
			grant(group, PROCESS_DEFINITION, RECEPTION_DAY, READ);
			grant(group, DEPLOYMENT, ANY, READ);
		}
		grant(Roles.REGISTRAR, PROCESS_DEFINITION, PetitionCaseProcess.PROCESS_ID, READ, CREATE_INSTANCE);
		grant(Roles.REGISTRAR, PROCESS_INSTANCE, ANY, CREATE);
		// The locality prepares a day's known cases and may pre-register them.
		grant(Roles.LOCALITY, PROCESS_DEFINITION, PetitionCaseProcess.PROCESS_ID, READ, CREATE_INSTANCE);
		grant(Roles.LOCALITY, PROCESS_INSTANCE, ANY, CREATE);
		grant(Roles.MANAGER, PROCESS_DEFINITION, RECEPTION_DAY, READ, CREATE_INSTANCE);
		grant(Roles.MANAGER, PROCESS_INSTANCE, ANY, CREATE);

		for (String reader : List.of(Roles.AUDITOR, Roles.MANAGER)) {
			grant(reader, APPLICATION, "cockpit", ACCESS);
			grant(reader, PROCESS_DEFINITION, ANY, READ, READ_HISTORY, READ_INSTANCE);
			grant(reader, PROCESS_INSTANCE, ANY, READ);
			grant(reader, TASK, ANY, READ);
			grant(reader, DECISION_DEFINITION, ANY, READ, READ_HISTORY);
			grant(reader, DECISION_REQUIREMENTS_DEFINITION, ANY, READ);
			grant(reader, DEPLOYMENT, ANY, READ);
			grant(reader, HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
			grant(reader, HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
			grant(reader, OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ);
		}
		grant(Roles.MANAGER, DEPLOYMENT, ANY, ALL);
		grant(Roles.MANAGER, PROCESS_DEFINITION, ANY, ALL);
		grant(Roles.MANAGER, DECISION_DEFINITION, ANY, ALL);
		grant(Roles.MANAGER, DECISION_REQUIREMENTS_DEFINITION, ANY, ALL);
	}

	/**
	 * Grants the permissions unless they are granted already (nothing is written then). Nodes of a cluster starting
	 * at the same moment may grant the same thing at once: the loser of that race reads again and finds it done.
	 */
	private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
		for (int attempt = 1;; attempt++) {
			try {
				grantOnce(group, resource, resourceId, permissions);
				return;
			}
			catch (ProcessEngineException ex) {
				if (attempt == 3) {
					throw ex;
				}
			}
		}
	}

	private void grantOnce(String group, Resource resource, String resourceId, Permission... permissions) {
		Authorization authorization = this.authorizations.createAuthorizationQuery()
			.groupIdIn(group)
			.resourceType(resource)
			.resourceId(resourceId)
			.list()
			.stream()
			.filter((a) -> a.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT)
			.findFirst()
			.orElse(null);
		if (authorization != null && java.util.Arrays.stream(permissions).allMatch(authorization::isPermissionGranted)) {
			return;
		}
		if (authorization == null) {
			authorization = this.authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
			authorization.setGroupId(group);
			authorization.setResource(resource);
			authorization.setResourceId(resourceId);
		}
		for (Permission permission : permissions) {
			authorization.addPermission(permission);
		}
		this.authorizations.saveAuthorization(authorization);
	}

}
