package org.pujiang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.pujiang.handling.ResponsibleUnit;
import org.pujiang.handling.ResponsibleUnitRepository;
import org.pujiang.petition.PetitionCaseProcess;
import org.pujiang.routing.CaseRouting;
import org.springframework.beans.factory.annotation.Autowired;

/** What lies in processes/ and forms/ is what the engine deployed, and every form a diagram names exists. */
@PujiangTest
class DeploymentTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	CaseRouting routing;

	@Autowired
	ResponsibleUnitRepository units;

	@Test
	void shouldDeployEveryFileInProcessesAndForms() throws IOException {
		Set<String> files = files("processes", "forms");
		Set<String> deployed = this.engine.getRepositoryService()
			.createDeploymentQuery()
			.list()
			.stream()
			.flatMap((d) -> this.engine.getRepositoryService().getDeploymentResources(d.getId()).stream())
			.map(Resource::getName)
			.map((name) -> Path.of(name).getFileName().toString())
			.collect(Collectors.toSet());
		assertThat(files).isNotEmpty();
		assertThat(deployed).containsAll(files);
	}

	@Test
	void shouldGiveEveryProcessAndDecisionAHistoryTimeToLive() {
		RepositoryService repository = this.engine.getRepositoryService();
		assertThat(repository.createProcessDefinitionQuery().latestVersion().list())
			.allSatisfy((p) -> assertThat(p.getHistoryTimeToLive()).isPositive());
		assertThat(repository.createDecisionDefinitionQuery().latestVersion().list()).hasSize(2)
			.allSatisfy((d) -> assertThat(d.getHistoryTimeToLive()).isPositive());
	}

	@Test
	void shouldResolveTheStartFormAndTheFormOfEveryUserTask() throws IOException {
		ProcessDefinition definition = this.engine.getRepositoryService()
			.createProcessDefinitionQuery()
			.processDefinitionKey(PetitionCaseProcess.PROCESS_ID)
			.latestVersion()
			.singleResult();
		assertThat(this.engine.getFormService().getDeployedStartForm(definition.getId())).isNotNull();

		BpmnModelInstance model = this.engine.getRepositoryService().getBpmnModelInstance(definition.getId());
		Set<String> formIds = formIds();
		List<UserTask> userTasks = List.copyOf(model.getModelElementsByType(UserTask.class));
		assertThat(userTasks).hasSize(10);
		assertThat(userTasks).allSatisfy((task) -> assertThat(formIds).contains(task.getCamundaFormRef()));
	}

	@Test
	void shouldOfferExactlyTheCategoriesOfTheRoutingTableOnTheRegistrationForm() throws IOException {
		JsonNode form = new ObjectMapper().readTree(Path.of("forms/RegisterPetition.form").toFile());
		List<String> offered = form.findParents("key")
			.stream()
			.filter((component) -> "category".equals(component.get("key").asText()))
			.flatMap((component) -> component.get("values").findValuesAsText("value").stream())
			.toList();
		assertThat(offered).hasSize(14).allSatisfy((category) -> assertThat(this.routing.knows(category)).isTrue());
	}

	@Test
	void shouldOfferExactlyTheResponsibleUnitsAsAccusedUnitsOnTheRegistrationForm() throws IOException {
		JsonNode form = new ObjectMapper().readTree(Path.of("forms/RegisterPetition.form").toFile());
		List<String> offered = form.findParents("key")
			.stream()
			.filter((component) -> "accusedUnit".equals(component.get("key").asText()))
			.flatMap((component) -> component.get("values").findValuesAsText("value").stream())
			.toList();
		assertThat(offered).containsExactlyInAnyOrderElementsOf(
				this.units.findAll().stream().map(ResponsibleUnit::getCode).toList());
	}

	private static Set<String> formIds() throws IOException {
		ObjectMapper json = new ObjectMapper();
		try (Stream<Path> forms = Files.list(Path.of("forms"))) {
			return forms.map((path) -> {
				try {
					return json.readTree(path.toFile()).get("id").asText();
				}
				catch (IOException ex) {
					throw new IllegalStateException(path + " is not JSON", ex);
				}
			}).collect(Collectors.toSet());
		}
	}

	private static Set<String> files(String... folders) throws IOException {
		Set<String> names = new java.util.TreeSet<>();
		for (String folder : folders) {
			try (Stream<Path> walk = Files.walk(Path.of(folder))) {
				walk.filter(Files::isRegularFile).map((p) -> p.getFileName().toString()).forEach(names::add);
			}
		}
		return names;
	}

}
