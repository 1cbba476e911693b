package org.pujiang.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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
 * application's data source is wrapped so that the engine (MyBatis), JPA and plain JDBC are all counted.
 */
final class StatementCounter implements BeanPostProcessor {

	private static final Pattern TABLE = Pattern
		.compile("(?is)^\\s*(?:select\\b.*?\\bfrom|insert\\s+into|update|delete\\s+from)\\s+([\\w.\"]+)");

	private volatile boolean counting;

	private volatile long started;

	private volatile long gcAtStart;

	private final LongAdder cpu = new LongAdder();

	private final Map<String, LongAdder> statements = new ConcurrentHashMap<>();

	private final LongAdder commits = new LongAdder();

	/** Calls that go to the database and wait for its answer (an execute, a batch, a commit), keyed as statements. */
	private final Map<String, LongAdder> roundTrips = new ConcurrentHashMap<>();

	/** Nanoseconds spent in those calls, keyed as statements. */
	private final Map<String, LongAdder> waited = new ConcurrentHashMap<>();

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
		this.roundTrips.clear();
		this.waited.clear();
		this.cpu.reset();
		this.gcAtStart = gcMillis();
		this.started = System.nanoTime();
		this.counting = true;
	}

	/** Stops counting and answers what was counted. */
	Counts stop() {
		this.counting = false;
		long elapsed = System.nanoTime() - this.started;
		long gc = (gcMillis() - this.gcAtStart) * 1_000_000;
		Map<String, Long> byStatement = new TreeMap<>();
		this.statements.forEach((key, count) -> byStatement.put(key, count.sum()));
		Map<String, Long> trips = new TreeMap<>();
		this.roundTrips.forEach((key, count) -> trips.put(key, count.sum()));
		Map<String, Long> nanos = new TreeMap<>();
		this.waited.forEach((key, sum) -> nanos.put(key, sum.sum()));
		return new Counts(byStatement, this.commits.sum(), trips, nanos, elapsed, this.cpu.sum(), gc);
	}

	/** Adds CPU nanoseconds a thread driving the counted cases spent. */
	void addCpu(long nanos) {
		if (this.counting) {
			this.cpu.add(nanos);
		}
	}

	private static long gcMillis() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.mapToLong(GarbageCollectorMXBean::getCollectionTime)
			.filter((t) -> t > 0)
			.sum();
	}

	private void count(String sql) {
		if (!this.counting || sql == null) {
			return;
		}
		this.statements.computeIfAbsent(key(sql), (k) -> new LongAdder()).increment();
	}

	private void timed(String key, long nanos) {
		if (!this.counting) {
			return;
		}
		this.roundTrips.computeIfAbsent(key, (k) -> new LongAdder()).increment();
		this.waited.computeIfAbsent(key, (k) -> new LongAdder()).add(nanos);
	}

	private static String key(String sql) {
		if (sql == null) {
			return "- -";
		}
		String kind = sql.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
		Matcher table = TABLE.matcher(sql);
		return kind + " " + (table.find() ? table.group(1).replace("\"", "").toLowerCase(Locale.ROOT) : "-");
	}

	/**
	 * Statements counted, keyed by kind and table ("insert act_hi_actinst"), and commits; the calls that waited for
	 * the database (an execute, a batch of statements, a commit keyed "commit -") and the nanoseconds they waited;
	 * the nanoseconds from start to stop, the CPU nanoseconds of the threads driving the cases and the garbage
	 * collector's (its pauses and concurrent work as the JVM reports them).
	 */
	record Counts(Map<String, Long> statements, long commits, Map<String, Long> roundTrips, Map<String, Long> waited,
			long elapsed, long cpu, long gc) {

		/** Whose a key's table is: the engine's (act_*), the commit's, or Pujiang's own. */
		static String owner(String key) {
			String table = key.substring(key.indexOf(' ') + 1);
			return key.startsWith("commit ") ? "commit" : key.startsWith("connection ") ? "connection"
					: table.startsWith("act_") ? "engine" : "Pujiang";
		}

		long roundTripsOf(String owner) {
			return this.roundTrips.entrySet().stream().filter((e) -> owner(e.getKey()).equals(owner)).mapToLong(Map.Entry::getValue).sum();
		}

		long waitedOf(String owner) {
			return this.waited.entrySet().stream().filter((e) -> owner(e.getKey()).equals(owner)).mapToLong(Map.Entry::getValue).sum();
		}

		long statementsOf(String owner) {
			return this.statements.entrySet().stream().filter((e) -> owner(e.getKey()).equals(owner)).mapToLong(Map.Entry::getValue).sum();
		}

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

		long ofTable(String table) {
			return this.statements.entrySet()
				.stream()
				.filter((e) -> e.getKey().endsWith(" " + table))
				.mapToLong(Map.Entry::getValue)
				.sum();
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
			if (method.getName().equals("commit")) {
				timed("commit -", nanos);
			}
			else if (this.counting) {
				timed("connection " + method.getName(), nanos);
			}
			return null;
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
			String name = method.getName();
			if (this.counting && name.startsWith("execute")) {
				timed(key(args != null && args.length > 0 && args[0] instanceof String sql ? sql : preparedSql), nanos);
			}
			return null;
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

	/** What to note of a call's duration. */
	private interface Timed {

		Object apply(Method method, Object[] args, long nanos) throws Exception;

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
