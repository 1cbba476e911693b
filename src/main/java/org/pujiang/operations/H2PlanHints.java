package org.pujiang.operations;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * On H2, the engine's lookup of a scope's variables planned on the index that serves it, from the first statement on.
 * <p>
 * Each H2 connection keeps its last parsed statements with their plans ({@code QUERY_CACHE_SIZE} in the database
 * URL: 256 here, where H2's 8 had it parse most of the engine's statements anew each time). A plan is made when its
 * statement is first parsed. The engine reads a scope's variables with {@code EXECUTION_ID_ = ? and TASK_ID_ is null
 * and NAME_ in (…)}; until H2 has measured {@code ACT_RU_VARIABLE} (after 2,000 changed rows), it rates all columns
 * alike and plans that on the index over {@code (TASK_ID_, NAME_, TYPE_)}, which matches two of the conditions: a
 * scan of every process variable of those names, since they have no task. Planned on a new database and kept, that
 * plan made the replay of the first day slower than parsing every time. The two columns' selectivity (H2's share of
 * distinct values, which its own measurement replaces later) is set here to what the table shows in use: few tasks,
 * few names. In a profile of the replay with the cache no other statement's plan stood out; and a connection's
 * cache goes with it when the pool retires it (Hikari: after 30 minutes), so a plan made early does not stay.
 */
@Component
class H2PlanHints extends AbstractProcessEnginePlugin {

	static final List<String> HINTS = List.of(
			"alter table ACT_RU_VARIABLE alter column TASK_ID_ selectivity 1",
			"alter table ACT_RU_VARIABLE alter column NAME_ selectivity 1");

	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
			.getProcessEngineConfiguration();
		if (!"h2".equals(configuration.getDatabaseType())) {
			return;
		}
		try (Connection connection = configuration.getDataSource().getConnection();
				Statement statement = connection.createStatement()) {
			// H2 commits a table's definition change itself.
			for (String hint : HINTS) {
				statement.execute(hint);
			}
		}
		catch (SQLException ex) {
			throw new ProcessEngineException("H2: the variable table's statistics could not be set", ex);
		}
	}

}
