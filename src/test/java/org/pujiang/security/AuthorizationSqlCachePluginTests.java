package org.pujiang.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.pujiang.CaseDesk;
import org.pujiang.PujiangTest;
import org.pujiang.security.AuthorizationSqlCachePlugin.AuthorizationStatements;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The authorization check's SQL kept per shape is, for every kind of check, the SQL MyBatis builds with the check's
 * own values bound in the same places; and the engine, with it, still grants and refuses as before.
 */
@PujiangTest
class AuthorizationSqlCachePluginTests {

	@Autowired
	ProcessEngine engine;

	private Configuration mybatis() {
		return ((ProcessEngineConfigurationImpl) this.engine.getProcessEngineConfiguration()).getSqlSessionFactory()
			.getConfiguration();
	}

	private AuthorizationStatements interceptor() {
		return mybatis().getInterceptors()
			.stream()
			.filter(AuthorizationStatements.class::isInstance)
			.map(AuthorizationStatements.class::cast)
			.findFirst()
			.orElseThrow();
	}

	@Test
	void shouldBuildTheSqlMyBatisBuildsWithEachChecksOwnValues() {
		AuthorizationStatements interceptor = interceptor();
		MappedStatement statement = mybatis().getMappedStatement(AuthorizationSqlCachePlugin.STATEMENT);
		int checked = 0;
		int failing = 0;
		for (int seed = 0; seed < 3; seed++) {
			// Each shape three times with other ids: learnt the first time, taken as kept after.
			for (AuthorizationCheck check : checks("s" + seed + "-")) {
				BoundSql mybatis;
				try {
					mybatis = statement.getBoundSql(check);
				}
				catch (RuntimeException ex) {
					// A shape Camunda's template cannot build fails here too, not with other SQL.
					assertThatThrownBy(() -> interceptor.boundSql(check)).isInstanceOf(ex.getClass());
					failing++;
					continue;
				}
				BoundSql kept = interceptor.boundSql(check);

				assertThat(kept).as("a shape not kept: %s", AuthorizationSqlCachePlugin.Shapes.key(check)).isNotNull();
				assertThat(kept).isNotSameAs(mybatis);
				assertThat(kept.getSql()).isEqualTo(mybatis.getSql());
				List<Object> values = bound(statement, check, kept);
				assertThat(values).isEqualTo(bound(statement, check, mybatis));
				// The check's own ids are among the values, none of another check's nor of a probe's.
				String own = "s" + seed + "-";
				assertThat(values).contains(check.getAuthUserId())
					.allMatch((value) -> !(value instanceof String text) || "*".equals(text) || text.startsWith(own));
				if (check.getAuthGroupIds() != null) {
					assertThat(values).containsAll(check.getAuthGroupIds());
				}
				checked++;
			}
		}
		assertThat(checked).isGreaterThan(60);
		assertThat(failing).isLessThan(checked);
	}

	@Test
	void shouldLeaveACheckOfAnUnknownKindToMyBatis() {
		AuthorizationCheck subclass = new AuthorizationCheck() {
			private static final long serialVersionUID = 1L;
		};
		subclass.setAuthUserId("someone");
		subclass.addAtomicPermissionCheck(check(Permissions.READ, Resources.TASK, "task-1"));

		assertThat(interceptor().boundSql(subclass)).isNull();
	}

	@Test
	void shouldStillGrantAndRefuseATasksClaim() {
		ProcessInstance instance = new CaseDesk(this.engine).register("ENVIRONMENT", 1);
		Task reception = this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(instance.getId())
			.taskDefinitionKey("Task_ReceivePetitioner")
			.singleResult();

		assertThatThrownBy(() -> as("someone", List.of("no-grant"),
				() -> this.engine.getTaskService().claim(reception.getId(), "someone")))
			.isInstanceOf(AuthorizationException.class);
		assertThat(this.engine.getTaskService().createTaskQuery().taskId(reception.getId()).singleResult().getAssignee())
			.isNull();

		as("leader", List.of("leader"), () -> this.engine.getTaskService().claim(reception.getId(), "leader"));
		assertThat(this.engine.getTaskService().createTaskQuery().taskId(reception.getId()).singleResult().getAssignee())
			.isEqualTo("leader");
		assertThat(interceptor().shapesKept()).isPositive();
	}

	private void as(String user, List<String> groups, Runnable work) {
		this.engine.getIdentityService().setAuthentication(user, groups);
		try {
			work.run();
		}
		finally {
			this.engine.getIdentityService().clearAuthentication();
		}
	}

	/** The values MyBatis's parameter handler sets on the statement, in order. */
	private static List<Object> bound(MappedStatement statement, Object parameter, BoundSql sql) {
		Map<Integer, Object> values = new TreeMap<>();
		PreparedStatement recorder = (PreparedStatement) Proxy.newProxyInstance(
				AuthorizationSqlCachePluginTests.class.getClassLoader(), new Class<?>[] { PreparedStatement.class },
				(proxy, method, args) -> {
					if (method.getName().startsWith("set") && args != null && args.length >= 2
							&& args[0] instanceof Integer index) {
						values.put(index, method.getName().equals("setNull") ? null : args[1]);
						return null;
					}
					throw new UnsupportedOperationException(method.getName());
				});
		try {
			new DefaultParameterHandler(statement, parameter, sql).setParameters(recorder);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		assertThat(values.keySet())
			.containsExactlyElementsOf(IntStream.rangeClosed(1, sql.getParameterMappings().size()).boxed().toList());
		return new ArrayList<>(values.values());
	}

	/** Checks of every shape the engine makes, and more: their ids start with the prefix. */
	private static List<AuthorizationCheck> checks(String prefix) {
		List<AuthorizationCheck> checks = new ArrayList<>();
		List<List<String>> groupLists = Arrays.asList(null, List.of(), List.of(prefix + "leader"),
				List.of(prefix + "unit-water", prefix + "staff", prefix + "unit-land"));
		for (List<String> groups : groupLists) {
			for (boolean revoke : new boolean[] { false, true }) {
				for (String resourceId : Arrays.asList(prefix + "task-1", "*", null)) {
					// One permission on one resource, as a claim or a completion asks.
					checks.add(authorization(prefix, groups, revoke,
							composite(true, check(TaskPermissions.TASK_WORK, Resources.TASK, resourceId))));
				}
				// Either of two, as the task's form asks (a grant on the task or on its process definition).
				checks.add(authorization(prefix, groups, revoke,
						composite(true, check(Permissions.READ, Resources.TASK, prefix + "task-2"),
								check(ProcessDefinitionPermissions.READ_TASK, Resources.PROCESS_DEFINITION,
										prefix + "Process_PetitionCase"))));
				// Both of two, with an answer when no grant is found.
				PermissionCheck notFound = check(Permissions.UPDATE, Resources.TASK, prefix + "task-3");
				notFound.setAuthorizationNotFoundReturnValue(0L);
				checks.add(authorization(prefix, groups, revoke, composite(false, notFound,
						check(ProcessDefinitionPermissions.UPDATE_TASK, Resources.PROCESS_DEFINITION, "*"))));
				// Either of two compositions of checks, and both of them.
				for (boolean disjunctive : new boolean[] { true, false }) {
					CompositePermissionCheck outer = new CompositePermissionCheck(disjunctive);
					outer.addCompositeCheck(composite(true, check(Permissions.READ, Resources.TASK, prefix + "task-4"),
							check(Permissions.READ, Resources.PROCESS_DEFINITION, prefix + "definition-4")));
					outer.addCompositeCheck(composite(false,
							check(Permissions.UPDATE, Resources.TASK, prefix + "task-5"),
							check(Permissions.UPDATE, Resources.PROCESS_INSTANCE, prefix + "instance-5")));
					checks.add(authorization(prefix, groups, revoke, outer));
				}
			}
		}
		return checks;
	}

	private static AuthorizationCheck authorization(String prefix, List<String> groups, boolean revoke,
			CompositePermissionCheck permissions) {
		AuthorizationCheck check = new AuthorizationCheck(prefix + "user", groups == null ? null : new ArrayList<>(groups),
				permissions, revoke);
		check.setRevokeAuthorizationCheckEnabled(revoke);
		return check;
	}

	private static CompositePermissionCheck composite(boolean disjunctive, PermissionCheck... atomics) {
		CompositePermissionCheck composite = new CompositePermissionCheck(disjunctive);
		for (PermissionCheck atomic : atomics) {
			composite.addAtomicCheck(atomic);
		}
		return composite;
	}

	private static PermissionCheck check(Permission permission, Resource resource, String resourceId) {
		PermissionCheck check = new PermissionCheck();
		check.setPermission(permission);
		check.setResource(resource);
		check.setResourceId(resourceId);
		return check;
	}

}
