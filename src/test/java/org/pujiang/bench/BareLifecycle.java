package org.pujiang.bench;

import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.pujiang.petition.PetitionCaseProcess.*;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.pujiang.Roles;

/**
 * The baseline: a bare process with the user tasks PetitionCase has on each of the three paths without a lawyer
 * (reception, then return visit; or unit handling and verification; or draft and approval of the written answer),
 * the same ids and candidate groups, one gateway on the outcome, and no delegates, listeners, timers or business
 * records. Its tasks are worked with the same calls and forms as the real process.
 */
final class BareLifecycle {

	static final String PROCESS_ID = "BareLifecycle";

	/** The bare process's unit task goes to every unit (it has no assignment to name one). */
	static final String UNIT_GROUP = Roles.UNIT;

	private BareLifecycle() {
	}

	static BpmnModelInstance model() {
		return Bpmn.createExecutableProcess(PROCESS_ID)
			.name("基准流程（无业务逻辑）")
			.camundaHistoryTimeToLive(3650)
			.startEvent("StartEvent_Registered")
			.userTask(RECEIVE_PETITIONER)
			.camundaCandidateGroups(Roles.LEADER)
			.exclusiveGateway("Gateway_Outcome")
			.condition("当场解决", "${outcome == 'SOLVED_ON_THE_SPOT'}")
			.userTask(RETURN_VISIT)
			.camundaCandidateGroups(Roles.RETURN_VISIT)
			.endEvent("EndEvent_Closed")
			.moveToNode("Gateway_Outcome")
			.condition("交办", "${outcome == 'ASSIGNED'}")
			.userTask(HANDLE_CASE)
			.camundaCandidateGroups(UNIT_GROUP)
			.userTask(VERIFY_REPORT)
			.camundaCandidateGroups(Roles.REGISTRAR)
			.connectTo(RETURN_VISIT)
			.moveToNode("Gateway_Outcome")
			.condition("定性处理", "${outcome == 'DEFINITIVE_ANSWER'}")
			.userTask(DRAFT_ANSWER)
			.camundaCandidateGroups(Roles.REGISTRAR)
			// As in PetitionCase, where the approval goes to the receiving leader.
			.userTask(APPROVE_ANSWER)
			.camundaAssignee(Roles.LEADER)
			.camundaCandidateGroups(Roles.LEADER)
			.connectTo(RETURN_VISIT)
			.done();
	}

	/** Deploys the bare process and grants on it what RoleAuthorizations grants on PetitionCase. */
	static void deploy(ProcessEngine engine) {
		engine.getRepositoryService().createDeployment().name(PROCESS_ID).addModelInstance(PROCESS_ID + ".bpmn", model()).deploy();
		grantAsOnPetitionCase(engine.getAuthorizationService(), PROCESS_ID,
				List.of(Roles.REGISTRAR, Roles.LEADER, Roles.RETURN_VISIT, Roles.UNIT));
	}

	/** Each group may read the process definition, as on PetitionCase; the registrar may start it too. */
	static void grantAsOnPetitionCase(AuthorizationService authorizations, String processId, List<String> groups) {
		for (String group : groups) {
			Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
			grant.setGroupId(group);
			grant.setResource(PROCESS_DEFINITION);
			grant.setResourceId(processId);
			grant.addPermission(READ);
			if (group.equals(Roles.REGISTRAR)) {
				grant.addPermission(CREATE_INSTANCE);
			}
			authorizations.saveAuthorization(grant);
		}
	}

}
