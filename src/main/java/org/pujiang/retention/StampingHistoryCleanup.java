package org.pujiang.retention;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.historycleanup.HistoryCleanupJobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.historycleanup.HistoryCleanupJobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine's history cleanup job, which first stamps the processes ended since its last run with their removal
 * time (end time plus their definition's time-to-live), with the same calls as the engine's "end" removal-time
 * strategy makes when a process ends ({@link DeferredRemovalTime} leaves that out), and then cleans up what is due.
 * <p>
 * Stamping at the end rewrites every history row of a case (over a hundred, with every index on them) in the
 * transaction that closes it, while staff wait: about a fifth of the database's work for a case on H2. Here it runs
 * in the cleanup window, on the one node that holds the cleanup job, a bounded number of processes a run (the job
 * runs several times a night: the engine waits at most an hour between runs). A process ended today has no removal
 * time until the night; it is not due for years.
 */
class StampingHistoryCleanup extends HistoryCleanupJobHandler {

	private static final Logger log = LoggerFactory.getLogger(StampingHistoryCleanup.class);

	/** Processes stamped a run at most: a busy day's closures, in one transaction of the nightly job. */
	static final int STAMPED_A_RUN = 1000;

	/** Ended root processes without a removal time, oldest first, with their definition's time-to-live in days. */
	private static final String UNSTAMPED = """
			select p.ID_, p.END_TIME_, d.HISTORY_TTL_ from ACT_HI_PROCINST p
			join ACT_RE_PROCDEF d on d.ID_ = p.PROC_DEF_ID_
			where p.REMOVAL_TIME_ is null and p.END_TIME_ is not null and p.ID_ = p.ROOT_PROC_INST_ID_
			and d.HISTORY_TTL_ is not null
			order by p.END_TIME_""";

	private final JdbcTemplate jdbc;

	StampingHistoryCleanup(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setMaxRows(STAMPED_A_RUN);
	}

	@Override
	public void execute(HistoryCleanupJobHandlerConfiguration configuration, ExecutionEntity execution,
			CommandContext commandContext, String tenantId) {
		if (configuration.isImmediatelyDue() || isWithinBatchWindow(commandContext)) {
			stamp(commandContext);
		}
		super.execute(configuration, execution, commandContext, tenantId);
	}

	/** Stamps the ended processes not stamped yet, in the command's transaction. */
	private void stamp(CommandContext commandContext) {
		List<Unstamped> unstamped = this.jdbc.query(UNSTAMPED, (row, n) -> new Unstamped(row.getString(1),
				row.getTimestamp(2).toInstant().toEpochMilli(), row.getInt(3)));
		for (Unstamped process : unstamped) {
			Date removal = new Date(process.endedAt() + Duration.ofDays(process.timeToLiveDays()).toMillis());
			commandContext.getHistoricProcessInstanceManager()
				.addRemovalTimeToProcessInstancesByRootProcessInstanceId(process.id(), removal);
			commandContext.getHistoricDecisionInstanceManager()
				.addRemovalTimeToDecisionsByRootProcessInstanceId(process.id(), removal);
		}
		if (!unstamped.isEmpty()) {
			log.info("History cleanup: stamped {} ended process(es) with their removal time", unstamped.size());
		}
	}

	private record Unstamped(String id, long endedAt, int timeToLiveDays) {
	}

}
