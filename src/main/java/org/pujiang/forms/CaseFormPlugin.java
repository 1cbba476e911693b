package org.pujiang.forms;

import static org.pujiang.petition.PetitionCaseProcess.CASE_ID;
import static org.pujiang.petition.PetitionCaseProcess.PROCESS_ID;
import static org.pujiang.petition.PetitionCaseProcess.UNIT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.FormFieldValidationConstraint;
import org.camunda.bpm.engine.form.FormType;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.FormDataImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of PetitionCase, as deployed (from this application or from Camunda Modeler), the case's
 * fields its form shows ({@link CaseFormFields}): Tasklist loads a Camunda Form's values with the task's form
 * variables, where the engine puts a task form's fields before the process variables. A submission never writes
 * them back into the process.
 */
@Component
class CaseFormPlugin extends AbstractProcessEnginePlugin {

	/** Looked up on first use: the fields read the case through beans that need the engine this plugin builds. */
	private final ObjectProvider<CaseFormFields> fields;

	CaseFormPlugin(ObjectProvider<CaseFormFields> fields) {
		this.fields = fields;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getCustomPostBPMNParseListeners() == null) {
			configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
		}
		configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
			@Override
			public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
				if (activity.getProcessDefinition() instanceof ProcessDefinitionEntity process
						&& PROCESS_ID.equals(process.getKey())
						&& activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
					TaskDefinition definition = userTask.getTaskDefinition();
					definition.setTaskFormHandler(new CaseFormHandler(definition.getTaskFormHandler()));
				}
			}
		});
	}

	/** The task's own form handler, with the case's fields added to what it reports of the form. */
	final class CaseFormHandler implements TaskFormHandler {

		private final TaskFormHandler delegate;

		CaseFormHandler(TaskFormHandler delegate) {
			this.delegate = delegate;
		}

		@Override
		public TaskFormData createTaskForm(TaskEntity task) {
			TaskFormData form = this.delegate.createTaskForm(task);
			Long caseId = (Long) task.getVariable(CASE_ID);
			if (caseId != null && form instanceof FormDataImpl data) {
				List<FormField> formFields = new ArrayList<>(data.getFormFields());
				shown(task, caseId).forEach((name, value) -> formFields.add(new ShownField(name, value)));
				data.setFormFields(formFields);
			}
			return form;
		}

		/** What staff submit goes to the process, less the case's fields the form only shows. */
		@Override
		public void submitFormVariables(VariableMap properties, VariableScope scope) {
			VariableMap submitted = properties;
			if (scope instanceof TaskEntity task && task.getVariable(CASE_ID) instanceof Long caseId) {
				Set<String> shown = shown(task, caseId).keySet();
				submitted = Variables.createVariables();
				for (String name : properties.keySet()) {
					if (!shown.contains(name)) {
						submitted.putValueTyped(name, properties.getValueTyped(name));
					}
				}
			}
			this.delegate.submitFormVariables(submitted, scope);
		}

		@Override
		public void parseConfiguration(Element activityElement, DeploymentEntity deployment,
				ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
			this.delegate.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
		}

		private Map<String, Supplier<TypedValue>> shown(TaskEntity task, Long caseId) {
			return CaseFormPlugin.this.fields.getObject()
				.shownBy(task.getTaskDefinitionKey(), caseId, (String) task.getVariable(UNIT));
		}

	}

	/** A read-only field of the form, its value read when the form's variables are. */
	static final class ShownField implements FormField {

		private final String id;

		private final Supplier<TypedValue> value;

		ShownField(String id, Supplier<TypedValue> value) {
			this.id = id;
			this.value = value;
		}

		@Override
		public String getId() {
			return this.id;
		}

		/**
		 * Read past the engine's authorization checks: the engine has checked that the user may read the task's
		 * variables, and the case's category names come from a decision table staff may not query themselves.
		 */
		@Override
		public TypedValue getValue() {
			CommandContext context = Context.getCommandContext();
			return context == null ? this.value.get() : context.runWithoutAuthorization(() -> this.value.get());
		}

		@Override
		public String getLabel() {
			return null;
		}

		@Override
		public FormType getType() {
			return null;
		}

		@Override
		public String getTypeName() {
			return null;
		}

		@Override
		public Object getDefaultValue() {
			return null;
		}

		@Override
		public List<FormFieldValidationConstraint> getValidationConstraints() {
			return List.of();
		}

		@Override
		public Map<String, String> getProperties() {
			return Map.of();
		}

		@Override
		public boolean isBusinessKey() {
			return false;
		}

	}

}
