package org.pujiang.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.pujiang.Roles;
import org.pujiang.handling.ResponsibleUnit;
import org.pujiang.handling.ResponsibleUnitRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One demo user per role and per responsible unit, password {@code demo}, in groups named after the roles, and
 * the Tasklist filters. The tests work as these users too.
 */
@Component
@Profile({ "demo", "test" })
@Order(1)
class DemoUsers implements ApplicationRunner {

	static final String PASSWORD = "demo";

	private static final Map<String, String> ROLES = new LinkedHashMap<>();

	static {
		ROLES.put(Roles.REGISTRAR, "登记员");
		ROLES.put(Roles.LEADER, "接访领导");
		ROLES.put(Roles.LAWYER, "陪访律师");
		ROLES.put(Roles.SUPERVISOR, "督查室");
		ROLES.put(Roles.RETURN_VISIT, "回访员");
		ROLES.put(Roles.AUDITOR, "审计员");
		ROLES.put(Roles.MANAGER, "信访局管理员");
		ROLES.put(Roles.LOCALITY, "属地县信访局");
	}

	private final IdentityService identities;

	private final ResponsibleUnitRepository units;

	private final TasklistFilters filters;

	DemoUsers(IdentityService identities, ResponsibleUnitRepository units, TasklistFilters filters) {
		this.identities = identities;
		this.units = units;
		this.filters = filters;
	}

	@Override
	public void run(ApplicationArguments args) {
		ROLES.forEach((role, name) -> {
			group(role, name);
			user(role, name, List.of(role));
		});
		group(Roles.UNIT, "责任单位");
		for (ResponsibleUnit unit : this.units.findAll()) {
			group(unit.getCode(), unit.getName());
			user(unit.getCode(), unit.getName(), List.of(unit.getCode(), Roles.UNIT));
		}
		this.filters.create();
	}

	private void group(String id, String name) {
		if (this.identities.createGroupQuery().groupId(id).count() == 0) {
			Group group = this.identities.newGroup(id);
			group.setName(name);
			group.setType("WORKFLOW");
			this.identities.saveGroup(group);
		}
	}

	private void user(String id, String name, List<String> groups) {
		if (this.identities.createUserQuery().userId(id).count() > 0) {
			return;
		}
		User user = this.identities.newUser(id);
		user.setFirstName(name);
		user.setLastName("");
		user.setEmail(id + "@pujiang.local");
		user.setPassword(PASSWORD);
		this.identities.saveUser(user);
		groups.forEach((group) -> this.identities.createMembership(id, group));
	}

}
