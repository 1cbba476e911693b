package org.pujiang.bench;

import static org.pujiang.petition.PetitionCaseProcess.*;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimeDate;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.pujiang.Roles;

/**
 * PetitionCase.bpmn as deployed, with Pujiang's steps taken out: the engine's own work for the real diagram. The
 * same activities, gateways, sub-process, boundary timers, forms and candidate groups; the service tasks evaluate
 * {@code ${true}}, the listeners are gone, the unit list is the reception form's {@code assignedUnits}, and the
 * timers and due dates are a fixed far date. The case id and the gateway flags the steps would set come with the start variables;
 * the forms' values stay in the process (the steps would record them in the case and take them out), and the forms
 * show no case record. Measured beside PetitionCase, it tells what Pujiang's steps cost on top of the engine's work
 * for the same diagram.
 */
final class DiagramOnly {

	static final String PROCESS_ID = "PetitionCaseDiagramOnly";

	/**
	 * What registration, routing, reception and the return visit would set: no repeat, no lawyer, no reception day to
	 * wait for, the receiving leader, no reopening (the case id comes per case).
	 */
	static final Map<String, Object> FLAGS = Map.of(REPEAT_PETITION, false, LAWYER_REQUIRED, false, WAIT_FOR_DAY,
			false, RECEIVING_LEADER, Roles.LEADER, REOPEN, false);

	private static final String FAR = "2099-12-31T00:00:00";

	private DiagramOnly() {
	}

	static BpmnModelInstance model() {
		BpmnModelInstance model;
		try (InputStream diagram = DiagramOnly.class.getResourceAsStream("/processes/PetitionCase.bpmn")) {
			model = Bpmn.readModelFromStream(diagram);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Process process = model.getModelElementById(org.pujiang.petition.PetitionCaseProcess.PROCESS_ID);
		process.setId(PROCESS_ID);
		process.setName(process.getName() + "（无业务步骤）");
		for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
			task.removeAttributeNs(BpmnModelConstants.CAMUNDA_NS, "delegateExpression");
			task.setCamundaExpression("${true}");
		}
		List<ModelElementInstance> listeners = new ArrayList<>(model.getModelElementsByType(CamundaExecutionListener.class));
		listeners.addAll(model.getModelElementsByType(CamundaTaskListener.class));
		for (ModelElementInstance listener : listeners) {
			listener.getParentElement().removeChildElement(listener);
		}
		for (MultiInstanceLoopCharacteristics loop : model.getModelElementsByType(MultiInstanceLoopCharacteristics.class)) {
			loop.setCamundaCollection("${" + ASSIGNED_UNITS + "}");
		}
		for (TimeDate date : model.getModelElementsByType(TimeDate.class)) {
			date.setTextContent(FAR);
		}
		for (UserTask task : model.getModelElementsByType(UserTask.class)) {
			if (task.getCamundaDueDate() != null) {
				task.setCamundaDueDate(FAR);
			}
			if (task.getCamundaFollowUpDate() != null) {
				task.setCamundaFollowUpDate(FAR);
			}
		}
		return model;
	}

	/** Deploys it and grants on it what RoleAuthorizations grants on PetitionCase to the groups the bench works as. */
	static void deploy(ProcessEngine engine) {
		BpmnModelInstance model = model();
		Bpmn.validateModel(model);
		engine.getRepositoryService().createDeployment().name(PROCESS_ID).addModelInstance(PROCESS_ID + ".bpmn", model).deploy();
		List<String> groups = new ArrayList<>(List.of(Roles.REGISTRAR, Roles.LEADER, Roles.RETURN_VISIT, Roles.UNIT));
		groups.addAll(CaseDriver.UNITS.values().stream().distinct().toList());
		BareLifecycle.grantAsOnPetitionCase(engine.getAuthorizationService(), PROCESS_ID, groups);
	}

}
