package org.pujiang.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements and commits that reach the database while switched on, by kind and table: the
 * application's data source is wrapped so that the engine (MyBatis), JPA and plain JDBC are all counted. Apart from
 * counting, it times: the calls that wait for the database (an execute, a batch, a commit) and how long they took,
 * by whose tables they touch, and the CPU of the threads driving the cases.
 */
final class StatementCounter implements BeanPostProcessor {

	private static final Pattern TABLE = Pattern
		.compile("(?is)^\\s*(?:select\\b.*?\\bfrom|insert\\s+into|update|delete\\s+from)\\s+([\\w.\"]+)");

	/** Whose work a call to the database is, as the timing reports it. */
	enum Owner {

		/** Statements on the engine's tables (ACT_*). */
		ENGINE,
		/** Statements on Pujiang's own tables and sequences. */
		PUJIANG,
		/** Commits. */
		COMMIT,
		/** Everything else called on a connection (preparing a statement, closing, auto-commit). */
		CONNECTION;

		static Owner of(String sql) {
			return sql != null && (sql.contains("ACT_") || sql.contains("act_")) ? ENGINE : PUJIANG;
		}

	}

	private volatile boolean counting;

	private volatile boolean timing;

	private final Map<String, LongAdder> statements = new ConcurrentHashMap<>();

	private final LongAdder commits = new LongAdder();

	private final Map<Owner, LongAdder> calls = new EnumMap<>(Owner.class);

	private final Map<Owner, LongAdder> waited = new EnumMap<>(Owner.class);

	private final LongAdder cpu = new LongAdder();

	private long started;

	StatementCounter() {
		for (Owner owner : Owner.values()) {
			this.calls.put(owner, new LongAdder());
			this.waited.put(owner, new LongAdder());
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof Counting)) {
			return new Counting(dataSource);
		}
		return bean;
	}

	/** Starts counting from zero. */
	void start() {
		this.statements.clear();
		this.commits.reset();
		this.counting = true;
	}

	/** Stops counting and answers what was counted. */
	Counts stop() {
		this.counting = false;
		Map<String, Long> byStatement = new TreeMap<>();
		this.statements.forEach((key, count) -> byStatement.put(key, count.sum()));
		return new Counts(byStatement, this.commits.sum());
	}

	/** Starts timing from zero. */
	void startTiming() {
		this.calls.values().forEach(LongAdder::reset);
		this.waited.values().forEach(LongAdder::reset);
		this.cpu.reset();
		this.started = System.nanoTime();
		this.timing = true;
	}

	/** Stops timing and answers what was timed. */
	Timing stopTiming() {
		this.timing = false;
		Map<Owner, Long> byOwner = new EnumMap<>(Owner.class);
		Map<Owner, Long> nanos = new EnumMap<>(Owner.class);
		for (Owner owner : Owner.values()) {
			byOwner.put(owner, this.calls.get(owner).sum());
			nanos.put(owner, this.waited.get(owner).sum());
		}
		return new Timing(System.nanoTime() - this.started, byOwner, nanos, this.cpu.sum());
	}

	/** Adds the CPU nanoseconds a thread driving cases spent, while timing. */
	void addCpu(long nanos) {
		if (this.timing) {
			this.cpu.add(nanos);
		}
	}

	private void count(String sql) {
		if (!this.counting || sql == null) {
			return;
		}
		String kind = sql.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
		Matcher table = TABLE.matcher(sql);
		String key = kind + " " + (table.find() ? table.group(1).replace("\"", "").toLowerCase(Locale.ROOT) : "-");
		this.statements.computeIfAbsent(key, (k) -> new LongAdder()).increment();
	}

	private void timed(Owner owner, long nanos) {
		this.calls.get(owner).increment();
		this.waited.get(owner).add(nanos);
	}

	/** Statements counted, keyed by kind and table ("insert act_hi_actinst"), and commits. */
	record Counts(Map<String, Long> statements, long commits) {

		long total() {
			return this.statements.values().stream().mapToLong(Long::longValue).sum();
		}

		long ofKind(String kind) {
			return this.statements.entrySet()
				.stream()
				.filter((e) -> e.getKey().startsWith(kind + " "))
				.mapToLong(Map.Entry::getValue)
				.sum();
		}

		long ofTablePrefix(String prefix) {
			return this.statements.entrySet()
				.stream()
				.filter((e) -> e.getKey().substring(e.getKey().indexOf(' ') + 1).startsWith(prefix))
				.mapToLong(Map.Entry::getValue)
				.sum();
		}

		long ofTable(String table) {
			return this.statements.entrySet()
				.stream()
				.filter((e) -> e.getKey().endsWith(" " + table))
				.mapToLong(Map.Entry::getValue)
				.sum();
		}

	}

	/**
	 * What was timed: the wall time, the calls that waited for the database and the nanoseconds they took by whose
	 * work they were, the CPU nanoseconds of the threads driving the cases.
	 */
	record Timing(long elapsed, Map<Owner, Long> calls, Map<Owner, Long> waited, long cpu) {

		long waitedInAll() {
			return this.waited.values().stream().mapToLong(Long::longValue).sum();
		}

	}

	private final class Counting extends DelegatingDataSource {

		Counting(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return connection(super.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return connection(super.getConnection(username, password));
		}

	}

	private Connection connection(Connection target) {
		return proxy(Connection.class, target, (method, args, nanos) -> {
			if (this.timing) {
				timed(method.getName().equals("commit") ? Owner.COMMIT : Owner.CONNECTION, nanos);
			}
		}, (method, args, result) -> {
			if (method.getName().equals("commit") && this.counting) {
				this.commits.increment();
			}
			if (result instanceof CallableStatement call) {
				return statement(CallableStatement.class, call, (String) args[0]);
			}
			if (result instanceof PreparedStatement prepared) {
				return statement(PreparedStatement.class, prepared, (String) args[0]);
			}
			if (result instanceof Statement plain) {
				return statement(Statement.class, plain, null);
			}
			return result;
		});
	}

	private <S extends Statement> S statement(Class<S> type, S target, String preparedSql) {
		return proxy(type, target, (method, args, nanos) -> {
			if (this.timing && method.getName().startsWith("execute")) {
				timed(Owner.of(args != null && args.length > 0 && args[0] instanceof String sql ? sql : preparedSql), nanos);
			}
		}, (method, args, result) -> {
			String name = method.getName();
			boolean executes = name.startsWith("execute") && !name.equals("executeBatch") && !name.equals("executeLargeBatch");
			if (executes || name.equals("addBatch")) {
				count(args != null && args.length > 0 && args[0] instanceof String sql ? sql : preparedSql);
			}
			return result;
		});
	}

	/** What to do with a call's result (counting it, wrapping it) once the target answered. */
	private interface After {

		Object apply(Method method, Object[] args, Object result) throws Exception;

	}

	/** What to note of how long a call took. */
	private interface Timed {

		void apply(Method method, Object[] args, long nanos);

	}

	private static <T> T proxy(Class<T> type, T target, Timed timed, After after) {
		return type.cast(Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> {
					// Identity stays the proxy's own: Spring compares the connections it holds with equals.
					if (method.getName().equals("equals") && args != null && args.length == 1) {
						return proxy == args[0];
					}
					if (method.getName().equals("hashCode") && (args == null || args.length == 0)) {
						return System.identityHashCode(proxy);
					}
					Object result;
					long start = System.nanoTime();
					try {
						result = method.invoke(target, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
					finally {
						timed.apply(method, args, System.nanoTime() - start);
					}
					return after.apply(method, args, result);
				}));
	}

}
