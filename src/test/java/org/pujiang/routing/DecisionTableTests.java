package org.pujiang.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.pujiang.PujiangTest;
import org.pujiang.handling.Handling;
import org.pujiang.handling.Handling.Terms;
import org.pujiang.routing.CaseRouting.Route;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The rows of processes/CaseRouting.dmn and processes/HandlingDeadline.dmn, evaluated by the engine. */
@PujiangTest
class DecisionTableTests {

	@Autowired
	CaseRouting routing;

	@Autowired
	Handling handling;

	@Autowired
	HistoryService history;

	@Autowired
	RepositoryService repository;

	@Autowired
	Categories categories;

	@Autowired
	PlatformTransactionManager transactions;

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			LAND_REQUISITION         | 土地征用 | 第1接待室（土地征用）  | unit-land;unit-agriculture   | true
			DEMOLITION               | 房屋拆迁 | 第2接待室（房屋拆迁）  | unit-housing;unit-land       | true
			ENTERPRISE_RESTRUCTURING | 企业改制 | 第3接待室（企业改制）  | unit-economy;unit-social     | false
			LABOUR_WAGES             | 劳资纠纷 | 第4接待室（劳资纠纷）  | unit-social                  | false
			SOCIAL_SECURITY          | 社会保障 | 第5接待室（社会保障）  | unit-social;unit-civil       | false
			ROADS_TRANSPORT          | 交通道路 | 第6接待室（交通道路）  | unit-transport               | false
			WATER_RESERVOIRS         | 水利库区 | 第7接待室（水利库区）  | unit-water                   | false
			ENVIRONMENT              | 环境保护 | 第8接待室（环境保护）  | unit-environment             | false
			RURAL_AFFAIRS            | 农村农业 | 第9接待室（农村农业）  | unit-agriculture             | false
			URBAN_CONSTRUCTION       | 城乡建设 | 第10接待室（城乡建设） | unit-housing                 | false
			EDUCATION_HEALTH         | 教育卫生 | 第11接待室（教育卫生） | unit-education;unit-health   | false
			CIVIL_AFFAIRS            | 民政事务 | 第12接待室（民政事务） | unit-civil                   | false
			LAW_RELATED              | 涉法涉诉 | 第13接待室（涉法涉诉） | unit-justice                 | true
			ACCUSATION               | 检举控告 | 第14接待室（检举控告） | unit-discipline              | false
			""")
	void shouldRouteEachCategoryToItsRoomUnitsAndLawyer(String category, String name, String room, String units,
			boolean lawyer) {
		assertThat(this.routing.route(category, 1))
			.contains(new Route(name, room, List.of(units.split(";")), lawyer));
	}

	@Test
	void shouldReceiveCollectiveVisitsInTheHallWithALawyer() {
		Route four = this.routing.route("ENVIRONMENT", 4).orElseThrow();
		Route five = this.routing.route("ENVIRONMENT", 5).orElseThrow();
		assertThat(four.room()).isEqualTo("第8接待室（环境保护）");
		assertThat(four.lawyerRequired()).isFalse();
		assertThat(five.room()).isEqualTo("集体访接待室");
		assertThat(five.lawyerRequired()).isTrue();
		assertThat(five.units()).isEqualTo(four.units());
	}

	@Test
	void shouldKeepCollectiveAccusationsInTheConfidentialRoom() {
		assertThat(this.routing.route("ACCUSATION", 12).orElseThrow().room()).isEqualTo("第14接待室（检举控告）");
	}

	@Test
	void shouldKnowNoCategoryOutsideTheTable() {
		assertThat(this.routing.route("ALIENS", 1)).isEmpty();
		assertThat(this.routing.knows("ALIENS")).isFalse();
		assertThat(this.routing.knows(null)).isFalse();
		assertThat(this.routing.knows("LABOUR_WAGES")).isTrue();
	}

	@Test
	void shouldKnowACategoryWithoutADecisionInTheHistory() {
		long decisions = this.history.createHistoricDecisionInstanceQuery().count();
		assertThat(this.routing.knows("ACCUSATION")).isTrue();
		assertThat(this.routing.knows("ALIENS")).isFalse();
		assertThat(this.history.createHistoricDecisionInstanceQuery().count()).isEqualTo(decisions);
	}

	@Test
	void shouldKnowTheCategoriesOfTheTableAsSoonAsANewVersionIsDeployed() throws IOException {
		assertThat(this.routing.knows("PENSIONS")).isFalse();
		String table = Files.readString(Path.of("processes/CaseRouting.dmn"));
		String accusation = rule(table, "Rule_Accusation");
		String pensions = accusation.replace("Accusation", "Pensions").replace("\"ACCUSATION\"", "\"PENSIONS\"");
		Deployment deployment = this.repository.createDeployment()
			.addString("CaseRouting.dmn", table.replace(accusation, pensions + accusation))
			.deploy();
		try {
			assertThat(this.routing.knows("PENSIONS")).isTrue();
		}
		finally {
			this.repository.deleteDeployment(deployment.getId(), true);
		}
		assertThat(this.routing.knows("PENSIONS")).isFalse();
	}

	@Test
	void shouldRouteACaseByTheTableItsRegistrationWasCheckedAgainstInTheSameTransaction() throws IOException {
		String table = Files.readString(Path.of("processes/CaseRouting.dmn"));
		String accusation = rule(table, "Rule_Accusation");
		String pensions = accusation.replace("Accusation", "Pensions").replace("\"ACCUSATION\"", "\"PENSIONS\"");
		List<Deployment> deployed = new ArrayList<>();
		try {
			new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
				String checkedAgainst = this.categories.latest().getId();
				assertThat(this.routing.knows("PENSIONS")).isFalse();
				// A manager deploys a new version meanwhile; it commits on its own.
				deployed.add(CompletableFuture.supplyAsync(() -> this.repository.createDeployment()
					.addString("CaseRouting.dmn", table.replace(accusation, pensions + accusation))
					.deploy()).join());
				assertThat(this.repository.createDecisionDefinitionQuery()
					.decisionDefinitionKey(CaseRouting.DECISION_KEY)
					.latestVersion()
					.singleResult()
					.getId()).isNotEqualTo(checkedAgainst);
				assertThat(this.categories.latest().getId()).isEqualTo(checkedAgainst);
				assertThat(this.routing.knows("PENSIONS")).isFalse();
				assertThat(this.routing.route("PENSIONS", 1)).isEmpty();
				assertThat(this.routing.route("ACCUSATION", 1).orElseThrow().room()).isEqualTo("第14接待室（检举控告）");
			});
			// The next transaction reads the new version.
			assertThat(this.routing.knows("PENSIONS")).isTrue();
			assertThat(this.routing.route("PENSIONS", 1).orElseThrow().units()).containsExactly("unit-discipline");
		}
		finally {
			deployed.forEach((deployment) -> this.repository.deleteDeployment(deployment.getId(), true));
		}
	}

	@Test
	void shouldShowNamesFromARecentListButANewCategoryAtOnce() throws IOException {
		Categories recent = new Categories(this.repository, Duration.ofHours(1));
		Categories now = new Categories(this.repository, Duration.ZERO);
		assertThat(recent.name("ACCUSATION")).isEqualTo("检举控告");
		String table = Files.readString(Path.of("processes/CaseRouting.dmn"));
		String accusation = rule(table, "Rule_Accusation");
		String pensions = accusation.replace("Accusation", "Pensions")
			.replace("\"ACCUSATION\"", "\"PENSIONS\"")
			.replace("检举控告", "养老保险");
		Deployment deployment = this.repository.createDeployment()
			.addString("CaseRouting.dmn", table.replace(accusation, pensions + accusation.replace("\"检举控告\"", "\"检举控告事项\"")))
			.deploy();
		try {
			// The renamed category: the recent list still shows the name it holds; a list looked up now, the new one.
			assertThat(recent.name("ACCUSATION")).isEqualTo("检举控告");
			assertThat(now.name("ACCUSATION")).isEqualTo("检举控告事项");
			// A code the recent list lacks is looked up at once, and that refreshes the list.
			assertThat(recent.name("PENSIONS")).isEqualTo("养老保险");
			assertThat(recent.name("ACCUSATION")).isEqualTo("检举控告事项");
		}
		finally {
			this.repository.deleteDeployment(deployment.getId(), true);
		}
		assertThat(now.name("PENSIONS")).isEqualTo("PENSIONS");
		assertThat(now.name("ACCUSATION")).isEqualTo("检举控告");
	}

	@ParameterizedTest
	@CsvSource({ "LABOUR_WAGES, 15, 3", "SOCIAL_SECURITY, 30, 5", "CIVIL_AFFAIRS, 30, 5", "LAND_REQUISITION, 60, 10",
			"DEMOLITION, 60, 10", "ENTERPRISE_RESTRUCTURING, 60, 10", "LAW_RELATED, 60, 10", "ENVIRONMENT, 30, 5",
			"ACCUSATION, 30, 5" })
	void shouldGiveEachCategoryItsHandlingTermWithinTheLegalMaximum(String category, int days, int reminder) {
		Terms terms = this.handling.defaultTerms(category);
		assertThat(terms).isEqualTo(new Terms(days, reminder));
		assertThat(terms.handlingDays()).isLessThanOrEqualTo(Handling.LEGAL_MAXIMUM_DAYS);
	}

	/** A rule of the table as written in the file, from its opening tag to its closing one. */
	private static String rule(String table, String id) {
		int start = table.indexOf("<rule id=\"" + id + "\">");
		return table.substring(start, table.indexOf("</rule>", start) + "</rule>".length());
	}

}
