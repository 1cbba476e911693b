package org.pujiang.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.ibatis.ognl.OgnlRuntime;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.pujiang.CaseDesk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What operators watch: the health of the database and the engine, and the case figures for Prometheus (metrics
 * export is on here, as in production; tests elsewhere leave it off).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		// A database and an engine name of its own: the engine REST API of the other web test context finds its
		// engine by the name "default" in the JVM-wide registry.
		properties = { "spring.datasource.url=jdbc:h2:mem:pujiang-operations;DB_CLOSE_DELAY=-1",
				"camunda.bpm.process-engine-name=operations" })
@ActiveProfiles("test")
@AutoConfigureObservability
class OperationsTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	ProcessEngine engine;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void shouldReportTheHealthOfTheDatabaseAndTheEngine() {
		JsonNode components = this.http.getForEntity("/actuator/health", JsonNode.class).getBody().get("components");
		assertThat(components.get("db").get("status").asText()).isEqualTo("UP");
		assertThat(components.get("processEngine").get("status").asText()).isEqualTo("UP");
		// Readiness asks the database on a connection of its own, the embedded H2 too.
		assertThat(components.get("database").get("status").asText()).isEqualTo("UP");
		JsonNode readiness = this.http.getForEntity("/actuator/health/readiness", JsonNode.class).getBody();
		assertThat(readiness.get("status").asText()).isEqualTo("UP");
		assertThat(readiness.at("/components/database/status").asText()).isEqualTo("UP");
	}

	@Test
	void shouldExposeTheCaseFiguresToPrometheus() {
		new CaseDesk(this.engine).register(CaseDesk.petition("ENVIRONMENT", 1));
		String metrics = this.http.getForEntity("/actuator/prometheus", String.class).getBody();
		assertThat(metrics).contains("pujiang_cases_registered").contains("pujiang_cases_closed")
			.contains("pujiang_assignments_overdue");
		double registered = metrics.lines()
			.filter((line) -> line.startsWith("pujiang_cases_registered"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow();
		assertThat(registered).isGreaterThanOrEqualTo(1);
	}


	@Test
	void shouldPlanTheEnginesVariableLookupOnTheExecutionsIndexOnH2() {
		// The engine's lookup of a scope's variables (selectVariablesByExecutionId), on a database too new for H2 to
		// have measured its tables: planned on the task, name and type index it would scan every process variable of
		// those names.
		String plan = this.jdbc.queryForObject("explain select * from ACT_RU_VARIABLE RES where EXECUTION_ID_ = ? "
				+ "and TASK_ID_ is null and NAME_ in (?, ?)", String.class, "some-execution", "caseId", "outcome");
		assertThat(plan).containsPattern("/\\* PUBLIC\\.\\w+: EXECUTION_ID_ = \\?1")
			.doesNotContain("ACT_IDX_VARIABLE_TASK_NAME_TYPE");
	}

	@Test
	void shouldParseEachFeelExpressionOfTheDecisionTablesOnlyOnce() throws Exception {
		Object scalaFeel = ((DefaultDmnEngineConfiguration) ((ProcessEngineConfigurationImpl) this.engine
			.getProcessEngineConfiguration()).getDmnEngineConfiguration()).getFeelEngine();
		Field field = ScalaFeelEngine.class.getDeclaredField("feelEngine");
		field.setAccessible(true);
		ParsedFeelPlugin.ParsingOnce feel = (ParsedFeelPlugin.ParsingOnce) field.get(scalaFeel);

		DmnDecisionResult first = route("LAND_REQUISITION", 12);
		int parsed = feel.parsed();
		assertThat(parsed).as("expressions parsed by the first evaluation").isPositive();
		DmnDecisionResult again = route("LAND_REQUISITION", 12);
		assertThat(feel.parsed()).as("nothing parsed again").isEqualTo(parsed);
		assertThat(again.getResultList()).isEqualTo(first.getResultList()).isNotEmpty();
		assertThat(route("LAND_REQUISITION", 1).getResultList()).isNotEqualTo(first.getResultList());
	}

	@Test
	void shouldKeepATransactionsValuesFromTheTransactionsItSuspends() {
		// What a transaction keeps (the heads of the audit chains it appended to, the routing table it read) is about
		// its own uncommitted work: a transaction started while it is suspended must not see it, and it must find its
		// own again when it resumes.
		Object key = new Object();
		TransactionTemplate outer = new TransactionTemplate(this.transactions);
		TransactionTemplate inner = new TransactionTemplate(this.transactions);
		List<List<String>> seen = new ArrayList<>();
		for (int propagation : List.of(TransactionDefinition.PROPAGATION_REQUIRES_NEW,
				TransactionDefinition.PROPAGATION_NOT_SUPPORTED)) {
			inner.setPropagationBehavior(propagation);
			outer.executeWithoutResult((status) -> {
				List<String> kept = TransactionScoped.<List<String>>get(key, ArrayList::new);
				kept.add("outer");
				assertThat(TransactionScoped.<List<String>>get(key, ArrayList::new)).isSameAs(kept);
				inner.executeWithoutResult((innerStatus) -> {
					List<String> own = TransactionScoped.<List<String>>get(key, ArrayList::new);
					seen.add(List.copyOf(own));
					own.add("inner");
					assertThat(TransactionScoped.<List<String>>get(key, ArrayList::new)).isSameAs(own);
				});
				seen.add(List.copyOf(TransactionScoped.<List<String>>get(key, ArrayList::new)));
			});
			assertThat(TransactionSynchronizationManager.getResource(key)).as("forgotten when the transaction ends")
				.isNull();
		}
		assertThat(seen).as("the inner transaction starts empty; the outer finds its own again, for each propagation")
			.containsExactly(List.of(), List.of("outer"), List.of(), List.of("outer"));
	}

	@Test
	void shouldReadTheTaskQuerysConditionsByTheMethodFoundOnce() throws Exception {
		assertThat(OgnlRuntime.getPropertyAccessor(TaskQueryImpl.class))
			.isInstanceOf(PropertyReadsPlugin.KeptReadMethods.class);
		// In place is not enough: OGNL must read the query's conditions through it (an OGNL that read properties some
		// other way would leave it unused). Nothing but OGNL asks it before the direct calls below.
		this.engine.getTaskService().createTaskQuery().or().taskAssignee("nobody").endOr().list();
		assertThat(PropertyReadsPlugin.KeptReadMethods.asked(TaskQueryImpl.class, "isOrQueryActive"))
			.as("the condition query.isOrQueryActive read through the accessor").isTrue();
		// OGNL's own scan copies the class's methods at every read; the accessor keeps what it found.
		assertThat(OgnlRuntime.getReadMethod(TaskQueryImpl.class, "isOrQueryActive", null))
			.isNotSameAs(OgnlRuntime.getReadMethod(TaskQueryImpl.class, "isOrQueryActive", null));
		Method orQueryActive = PropertyReadsPlugin.KeptReadMethods.readMethod(TaskQueryImpl.class, "isOrQueryActive");
		assertThat(orQueryActive).isEqualTo(TaskQueryImpl.class.getMethod("isOrQueryActive"))
			.isSameAs(PropertyReadsPlugin.KeptReadMethods.readMethod(TaskQueryImpl.class, "isOrQueryActive"));
		assertThat(PropertyReadsPlugin.KeptReadMethods.readMethod(TaskQueryImpl.class, "assignee"))
			.as("a property with a getter, read by OGNL as before").isNull();

		// The task query's conditions read so (query.isOrQueryActive, query.isWithoutTenantId) still choose its SQL.
		TaskService tasks = this.engine.getTaskService();
		List<String> ids = new ArrayList<>();
		try {
			Task assigned = task(tasks, ids, "属性读取-指派", null);
			tasks.setAssignee(assigned.getId(), "property-reads-user");
			Task offered = task(tasks, ids, "属性读取-候选组", null);
			tasks.addCandidateGroup(offered.getId(), "property-reads-group");
			Task otherTenant = task(tasks, ids, "属性读取-其他租户", "property-reads-tenant");
			tasks.addCandidateGroup(otherTenant.getId(), "property-reads-group");
			task(tasks, ids, "属性读取-其他", null);

			assertThat(tasks.createTaskQuery()
				.or()
				.taskAssignee("property-reads-user")
				.taskCandidateGroup("property-reads-group")
				.endOr()
				.list()).extracting(Task::getName)
				.containsExactlyInAnyOrder("属性读取-指派", "属性读取-候选组", "属性读取-其他租户");
			assertThat(tasks.createTaskQuery()
				.or()
				.taskAssignee("property-reads-user")
				.taskCandidateGroup("property-reads-group")
				.endOr()
				.withoutTenantId()
				.list()).extracting(Task::getName).containsExactlyInAnyOrder("属性读取-指派", "属性读取-候选组");
			assertThat(tasks.createTaskQuery()
				.taskAssignee("property-reads-user")
				.taskCandidateGroup("property-reads-group")
				.count()).as("the same conditions without or(): both must hold").isZero();
		}
		finally {
			ids.forEach((id) -> tasks.deleteTask(id, true));
		}
	}

	private static Task task(TaskService tasks, List<String> ids, String name, String tenant) {
		Task task = tasks.newTask();
		task.setName(name);
		task.setTenantId(tenant);
		tasks.saveTask(task);
		ids.add(task.getId());
		return task;
	}

	private DmnDecisionResult route(String category, int personsCount) {
		return this.engine.getDecisionService()
			.evaluateDecisionByKey("CaseRouting")
			.variables(Variables.putValue("category", category).putValue("personsCount", personsCount))
			.evaluate();
	}

}
