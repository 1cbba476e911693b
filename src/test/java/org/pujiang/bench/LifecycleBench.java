package org.pujiang.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jdk.jfr.Recording;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.pujiang.PujiangApplication;
import org.pujiang.bench.CaseDriver.Variant;
import org.pujiang.bench.StatementCounter.Counts;
import org.pujiang.bench.StatementCounter.Owner;
import org.pujiang.bench.StatementCounter.Timing;
import org.pujiang.petition.Outcome;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Lifecycle throughput (issue 8, section 1): cases driven from registration to closure with the first Pujiang
 * day's outcome mix, PetitionCase against a bare process with the same wait states and against its own diagram
 * without Pujiang's steps, one and two threads, rounds interleaved; then what a case costs in statements and where
 * the CPU goes. Writes a Markdown section.
 *
 * <pre>
 * java -XX:FlightRecorderOptions=stackdepth=512 -cp … org.pujiang.bench.LifecycleBench --database=h2|postgres
 *     [--url=jdbc:postgresql://…] [--cases=436] [--rounds=3] [--warmup=100] [--warmup-rounds=6] [--counted=10]
 *     [--threads=1,2]
 *     [--out=file.md] [--log=file.log] [--jfr=folder] [--camunda.…=… --spring.…=… --pujiang.…=…]
 * java … org.pujiang.bench.LifecycleBench --turns --database=… [--cases=100] [--counted=10] [application properties]
 * </pre>
 * {@code --jfr} keeps the flight recordings; application properties are passed on (to try a setting). bench/run.sh
 * runs it; see the README's Performance section.
 * <p>
 * {@code --turns} runs rounds when told, so that two builds or settings, each in a JVM of its own, can be timed one
 * after the other within seconds (bench/lifecycle-turns.sh): it prints {@code READY} once started, then answers each
 * line of its standard input on its standard output — {@code count}: the statements a case of the day's mix sends
 * ({@code COUNT}); {@code warm}: one untimed round ({@code WARM}); {@code turn}: one timed round at one thread
 * ({@code TURN}) — and ends when its input does.
 */
public final class LifecycleBench {

	static final String DRIVER = "bench-driver-";

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	static final double TARGET_RATIO = 1.25;

	private final Map<String, String> options;

	private final CaseDriver driver;

	private final StatementCounter counter;

	/** The timings of the timed rounds at one thread. */
	private final Map<Variant, List<Timing>> timings = new EnumMap<>(Variant.class);

	/** Numbers cases across all runs, so that every petitioner is new. */
	private final AtomicInteger sequence = new AtomicInteger();

	private LifecycleBench(Map<String, String> options, CaseDriver driver, StatementCounter counter) {
		this.options = options;
		this.driver = driver;
		this.counter = counter;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		List<String> properties = new ArrayList<>();
		for (String arg : args) {
			if (arg.matches("--(camunda|spring|pujiang)\\..*")) {
				properties.add(arg);
				continue;
			}
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], pair.length > 1 ? pair[1] : "true");
		}
		boolean postgres = "postgres".equals(options.getOrDefault("database", "h2"));
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--camunda.bpm.process-engine-name=bench",
				"--spring.main.banner-mode=off", "--logging.threshold.console=OFF",
				"--logging.file.name=" + options.getOrDefault("log", "target/bench/lifecycle.log")));
		if (postgres) {
			arguments.addAll(List.of("--spring.datasource.url=" + options.get("url"), "--spring.datasource.username=postgres",
					"--spring.datasource.password="));
		}
		arguments.addAll(properties);
		StatementCounter counter = new StatementCounter();
		ConfigurableApplicationContext application = new SpringApplicationBuilder(PujiangApplication.class)
			.profiles(postgres ? new String[] { "test", "postgres" } : new String[] { "test" })
			.initializers((context) -> context.getBeanFactory().addBeanPostProcessor(counter))
			.run(arguments.toArray(String[]::new));
		try {
			ProcessEngine engine = application.getBean(ProcessEngine.class);
			BareLifecycle.deploy(engine);
			DiagramOnly.deploy(engine);
			String history = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel()
				.getName();
			LifecycleBench bench = new LifecycleBench(options, new CaseDriver(engine), counter);
			if (options.containsKey("turns")) {
				bench.turns();
				return;
			}
			String report = bench.run(database(application.getBean(DataSource.class), postgres), history);
			Path out = Path.of(options.getOrDefault("out", "target/bench/lifecycle.md"));
			Files.createDirectories(out.toAbsolutePath().getParent());
			Files.writeString(out, report);
		}
		finally {
			application.close();
		}
	}

	private int option(String name, int fallback) {
		return Integer.parseInt(this.options.getOrDefault(name, String.valueOf(fallback)));
	}

	private String run(String database, String history) throws Exception {
		int cases = option("cases", CaseMix.FIRST_DAY_BATCHES);
		int rounds = option("rounds", 3);
		int warmup = option("warmup", 100);
		int counted = option("counted", 10);
		List<Integer> threadCounts = Arrays.stream(this.options.getOrDefault("threads", "1,2").split(","))
			.map(Integer::valueOf)
			.toList();
		List<Outcome> mix = CaseMix.of(cases);

		// The JIT compiler needs thousands of cases of a process this size before its code runs compiled: warm-up
		// rounds go on until one is within 10% of the round before (or the limit is reached), and are reported.
		// Flight Recorder's first recording in a JVM slows the next few hundred cases down by half (measured: 4.8
		// against 13.4 cases/s after the warm-up); started once here, it is paid before the warm-up, not in round one.
		CpuProfile.start().close();
		int warmupRounds = option("warmup-rounds", 6);
		Map<Variant, List<Double>> warmupRates = new EnumMap<>(Variant.class);
		for (Variant variant : Variant.values()) {
			List<Double> rates = new ArrayList<>();
			warmupRates.put(variant, rates);
			while (rates.size() < warmupRounds) {
				rates.add(warmup / run(variant, CaseMix.of(warmup), 1, null));
				progress("warm-up round %d, %s: %.1f cases/s", rates.size(), variant.label, rates.get(rates.size() - 1));
				int n = rates.size();
				if (n >= 2 && Math.abs(rates.get(n - 1) - rates.get(n - 2)) <= 0.1 * rates.get(n - 2)) {
					break;
				}
			}
		}

		progress("statement counts: %d cases of each path and process", counted);
		Map<Variant, Map<Outcome, Counts>> counts = new EnumMap<>(Variant.class);
		for (Variant variant : Variant.values()) {
			counts.put(variant, new EnumMap<>(Outcome.class));
			for (Outcome path : Outcome.values()) {
				this.counter.start();
				run(variant, Collections.nCopies(counted, path), 1, null);
				counts.get(variant).put(path, this.counter.stop());
			}
		}

		Map<Integer, Map<Variant, List<Double>>> seconds = new HashMap<>();
		Map<Variant, CpuProfile> profiles = new EnumMap<>(Variant.class);
		for (Variant variant : Variant.values()) {
			profiles.put(variant, new CpuProfile());
		}
		for (int threads : threadCounts) {
			seconds.put(threads, new EnumMap<>(Variant.class));
			for (int round = 0; round < rounds; round++) {
				// Rotate who goes first, so that none always runs on the fuller database.
				List<Variant> order = new ArrayList<>(List.of(Variant.values()));
				Collections.rotate(order, round);
				for (Variant variant : order) {
					double s = run(variant, mix, threads, threads == 1 ? profiles.get(variant) : null);
					seconds.get(threads).computeIfAbsent(variant, (v) -> new ArrayList<>()).add(s);
					progress("%d thread(s), round %d, %s: %.1f cases/s", threads, round + 1, variant.label, cases / s);
				}
			}
		}
		return report(database, history, mix, rounds, warmup, warmupRounds, warmupRates, counted, threadCounts, seconds, counts, profiles);
	}

	/**
	 * The turns protocol (see the class's comment): each round drives {@code --cases} cases of the day's mix through
	 * each process at one thread, the processes in the order given by the round's number.
	 */
	private void turns() throws Exception {
		List<Outcome> mix = CaseMix.of(option("cases", 100));
		int counted = option("counted", 10);
		PrintStream out = System.out;
		out.println("READY");
		out.flush();
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		int round = 0;
		for (String command = in.readLine(); command != null; command = in.readLine()) {
			StringBuilder answer = new StringBuilder();
			switch (command.strip()) {
				case "count" -> {
					// Statements a case of the day's mix sends, of each process; and of them Pujiang's own tables'.
					answer.append("COUNT");
					Map<Outcome, Double> weights = dayWeights();
					for (Variant variant : Variant.values()) {
						Map<Outcome, Counts> byPath = new EnumMap<>(Outcome.class);
						for (Outcome path : Outcome.values()) {
							this.counter.start();
							run(variant, Collections.nCopies(counted, path), 1, null);
							byPath.put(path, this.counter.stop());
						}
						answer.append(String.format(Locale.ROOT, " %.1f %.1f", weighted(byPath, weights, counted, Counts::total),
								weighted(byPath, weights, counted, (c) -> c.total() - c.ofTablePrefix("act_"))));
					}
				}
				case "warm", "turn" -> {
					// Per process, per case in ms: wall, CPU of the driving thread, the time in the calls that wait for
					// the engine's statements and for Pujiang's, and the rest of the wall time but for the commits and
					// the other calls on the connection: the JVM's own work between the calls.
					boolean timed = command.strip().equals("turn");
					answer.append(timed ? "TURN" : "WARM");
					List<Variant> order = new ArrayList<>(List.of(Variant.values()));
					Collections.rotate(order, round++);
					Map<Variant, Timing> timings = new EnumMap<>(Variant.class);
					for (Variant variant : order) {
						this.counter.startTiming();
						run(variant, mix, 1, null);
						timings.put(variant, this.counter.stopTiming());
					}
					for (Variant variant : Variant.values()) {
						Timing t = timings.get(variant);
						double perCase = 1e6 * mix.size();
						answer.append(String.format(Locale.ROOT, " %.2f %.2f %.2f %.2f %.2f", t.elapsed() / perCase,
								t.cpu() / perCase, t.waited().get(Owner.ENGINE) / perCase,
								t.waited().get(Owner.PUJIANG) / perCase, (t.elapsed() - t.waitedInAll()) / perCase));
					}
				}
				default -> answer.append("UNKNOWN ").append(command);
			}
			out.println(answer);
			out.flush();
		}
	}

	/** Drives the cases on {@code threads} threads, each its own share of them; answers the wall time in seconds. */
	private double run(Variant variant, List<Outcome> mix, int threads, CpuProfile profile) throws Exception {
		int first = this.sequence.getAndAdd(mix.size());
		AtomicInteger names = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads,
				(task) -> new Thread(task, DRIVER + variant.name().charAt(0) + names.incrementAndGet()));
		try {
			List<Callable<Void>> work = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int offset = t;
				work.add(() -> {
					long cpu = THREADS.getCurrentThreadCpuTime();
					for (int i = offset; i < mix.size(); i += threads) {
						this.driver.drive(variant, mix.get(i), first + i);
					}
					this.counter.addCpu(THREADS.getCurrentThreadCpuTime() - cpu);
					return null;
				});
			}
			Recording recording = profile == null ? null : CpuProfile.start();
			if (profile != null) {
				this.counter.startTiming();
			}
			long start = System.nanoTime();
			for (Future<Void> done : pool.invokeAll(work)) {
				done.get();
			}
			long end = System.nanoTime();
			if (profile != null) {
				this.timings.computeIfAbsent(variant, (v) -> new ArrayList<>()).add(this.counter.stopTiming());
			}
			if (recording != null) {
				String folder = this.options.get("jfr");
				Path keep = null;
				if (folder != null) {
					keep = Files.createDirectories(Path.of(folder)).resolve(variant.name().toLowerCase(Locale.ROOT) + "-" + first + ".jfr");
				}
				profile.add(recording, keep);
			}
			long open = this.driver.openInstances(variant);
			if (open != 0) {
				throw new IllegalStateException(open + " " + variant.processKey + " instances did not end");
			}
			return (end - start) / 1e9;
		}
		finally {
			pool.shutdown();
		}
	}

	private String report(String database, String history, List<Outcome> mix, int rounds, int warmup,
			int warmupRounds, Map<Variant, List<Double>> warmupRates, int counted,
			List<Integer> threadCounts, Map<Integer, Map<Variant, List<Double>>> seconds,
			Map<Variant, Map<Outcome, Counts>> counts, Map<Variant, CpuProfile> profiles) {
		int cases = mix.size();
		StringBuilder md = new StringBuilder();
		md.append(String.format("### Lifecycle throughput — %s%n%n", database));
		md.append(String.format(
				"%d cases a run from registration to closure (solved on the spot %d, assigned to one unit %d, definitive "
						+ "answer %d: the first day's 91/324/21 of 436), categories without a lawyer, history %s, all return visits "
						+ "satisfied. Baseline: a bare process with the same user tasks on each path and no delegates, listeners, "
						+ "timers or business records. Same diagram without steps: PetitionCase.bpmn with Pujiang's steps taken "
						+ "out (service tasks evaluate `${true}`, no listeners, the gateway flags given at the start, timers at a "
						+ "fixed far date; the forms' values stay in the process and the forms show no case record). All three "
						+ "are worked with the same calls and forms (task query, claim, the form's "
						+ "values as Tasklist loads them, complete as a member of the task's group). %d round(s) per thread "
						+ "count, the processes interleaved and taking turns to go first, after warm-up rounds of %d cases of each (one thread) until a round "
						+ "runs within 10%% of the one before (at most %d): Pujiang %s; same diagram %s; baseline %s cases/s. Figures are the medians of the "
						+ "rounds, a ratio the median of each round's pair.%n%n",
				cases, CaseMix.count(mix, Outcome.SOLVED_ON_THE_SPOT), CaseMix.count(mix, Outcome.ASSIGNED),
				CaseMix.count(mix, Outcome.DEFINITIVE_ANSWER), history.toUpperCase(Locale.ROOT), rounds, warmup,
				warmupRounds, rates(warmupRates.get(Variant.PUJIANG)), rates(warmupRates.get(Variant.DIAGRAM_ONLY)),
				rates(warmupRates.get(Variant.BASELINE))));
		md.append("| threads | Pujiang cases/s | same diagram cases/s | baseline cases/s | Pujiang ms/case | same diagram ms/case "
				+ "| baseline ms/case | ratio (Pujiang / baseline time per case) | target ≤ 1.25 "
				+ "| Pujiang / same diagram (what the steps add) |\n");
		md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
		StringBuilder roundsLine = new StringBuilder("Each round, cases/s Pujiang / same diagram / baseline:");
		Map<Integer, double[]> msPerCase = new HashMap<>();
		for (int threads : threadCounts) {
			List<Double> ours = seconds.get(threads).get(Variant.PUJIANG);
			List<Double> diagram = seconds.get(threads).get(Variant.DIAGRAM_ONLY);
			List<Double> bare = seconds.get(threads).get(Variant.BASELINE);
			List<Double> ratios = new ArrayList<>();
			List<Double> stepRatios = new ArrayList<>();
			for (int i = 0; i < ours.size(); i++) {
				ratios.add(ours.get(i) / bare.get(i));
				stepRatios.add(ours.get(i) / diagram.get(i));
			}
			double oursMs = median(ours) * 1000 / cases;
			double diagramMs = median(diagram) * 1000 / cases;
			double bareMs = median(bare) * 1000 / cases;
			double ratio = median(ratios);
			msPerCase.put(threads, new double[] { oursMs, diagramMs, bareMs });
			md.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %s | %.2f |%n",
					threads, 1000 / oursMs, 1000 / diagramMs, 1000 / bareMs, oursMs, diagramMs, bareMs, ratio,
					ratio <= TARGET_RATIO ? "met" : "**missed**", median(stepRatios)));
			roundsLine.append(String.format(Locale.ROOT, " %d thread(s):", threads));
			for (int i = 0; i < ours.size(); i++) {
				roundsLine.append(String.format(Locale.ROOT, " %.1f / %.1f / %.1f%s", cases / ours.get(i),
						cases / diagram.get(i), cases / bare.get(i), i + 1 < ours.size() ? "," : ";"));
			}
		}
		md.append('\n').append(roundsLine.toString().replaceAll(";$", ".")).append("\n\n");

		md.append(String.format("#### What a case costs: SQL statements and commits per case (counted over %d case(s) of each path)%n%n",
				counted));
		md.append("Statements, and select / insert / update / delete, for Pujiang, the same diagram without steps and the "
				+ "baseline:\n\n");
		md.append("| path | share of the day | Pujiang | same diagram | baseline | Pujiang s / i / u / d | same diagram s / i / u / d "
				+ "| baseline s / i / u / d | commits |\n");
		md.append("| --- | ---: | ---: | ---: | ---: | --- | --- | --- | ---: |\n");
		for (Outcome path : Outcome.values()) {
			md.append(costRow(path.name().toLowerCase(Locale.ROOT).replace('_', ' '),
					String.format(Locale.ROOT, "%.0f%%", CaseMix.share(path) * 100), counted,
					Map.of(path, 1.0), counts));
		}
		Map<Outcome, Double> weights = dayWeights();
		md.append(costRow("**the day's mix**", "100%", counted, weights, counts)).append('\n');

		md.append("Statements per case in the mix by table, where Pujiang and the baseline differ most:\n\n");
		md.append("| table | Pujiang | same diagram | baseline | Pujiang − baseline |\n| --- | ---: | ---: | ---: | ---: |\n");
		TreeSet<String> tables = new TreeSet<>();
		counts.values().forEach((byPath) -> byPath.values().forEach((c) -> c.statements().keySet().forEach((key) -> tables.add(key.substring(key.indexOf(' ') + 1)))));
		tables.stream()
			.map((table) -> Map.entry(table, Arrays.stream(Variant.values())
				.mapToDouble((v) -> weighted(counts.get(v), weights, counted, (c) -> c.ofTable(table)))
				.toArray()))
			.sorted((a, b) -> Double.compare(Math.abs(b.getValue()[0] - b.getValue()[2]), Math.abs(a.getValue()[0] - a.getValue()[2])))
			.limit(15)
			.forEach((e) -> md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %+.1f |%n", e.getKey(),
					e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[0] - e.getValue()[2])));
		md.append('\n');

		md.append("#### Where a case's time goes, one thread: waiting for the database and the JVM's own work\n\n");
		md.append("Over the timed rounds at one thread: the calls that wait for the database (an execute, a batch of statements, "
				+ "a commit) and the milliseconds they took, by whose tables they touch (the engine's ACT_* or Pujiang's own); "
				+ "the driving thread's CPU (its work in the JVM, and in the kernel for those calls); the rest of the wall time is "
				+ "the JVM's own work between the calls. Statements from the counted cases above.\n\n");
		md.append("| per case | Pujiang | same diagram | baseline |\n| --- | ---: | ---: | ---: |\n");
		md.append(timeRow("wall time, ms", this.timings, cases, (t) -> t.elapsed() / 1e6));
		md.append(String.format(Locale.ROOT, "| the engine's statements / Pujiang's statements |%s%n",
				Arrays.stream(Variant.values())
					.map((v) -> String.format(Locale.ROOT, " %.0f / %.0f |",
							weighted(counts.get(v), weights, counted, (c) -> c.ofTablePrefix("act_")),
							weighted(counts.get(v), weights, counted, (c) -> c.total() - c.ofTablePrefix("act_"))))
					.collect(Collectors.joining())));
		for (Owner owner : Owner.values()) {
			String label = switch (owner) {
				case ENGINE -> "the engine's statements";
				case PUJIANG -> "Pujiang's statements";
				case COMMIT -> "commits";
				case CONNECTION -> "other calls on the connection (prepare, close, auto-commit)";
			};
			md.append(timeRow(label + ": calls", this.timings, cases, (t) -> t.calls().get(owner)));
			md.append(timeRow(label + ": ms in those calls", this.timings, cases, (t) -> t.waited().get(owner) / 1e6));
		}
		md.append(timeRow("the rest of the wall time, ms (the JVM's own work between the calls)", this.timings, cases,
				(t) -> (t.elapsed() - t.waitedInAll()) / 1e6));
		md.append(timeRow("CPU of the driving thread, ms", this.timings, cases, (t) -> t.cpu() / 1e6));
		md.append('\n');

		CpuProfile ours = profiles.get(Variant.PUJIANG);
		if (ours.samples() > 0) {
			md.append("#### Where the CPU goes: the driver thread's samples, one thread (Java Flight Recorder, every 10 ms)\n\n");
			md.append("A sample counts under each part found in its stack, so the shares overlap.\n\n");
			md.append("| in the stack | Pujiang | same diagram | baseline |\n| --- | ---: | ---: | ---: |\n");
			for (String part : CpuProfile.PARTS.keySet()) {
				md.append(String.format(Locale.ROOT, "| %s | %.0f%% | %.0f%% | %.0f%% |%n", part, ours.share(part) * 100,
						profiles.get(Variant.DIAGRAM_ONLY).share(part) * 100, profiles.get(Variant.BASELINE).share(part) * 100));
			}
			md.append("| samples (truncated stacks) |");
			for (Variant variant : Variant.values()) {
				md.append(String.format(Locale.ROOT, " %d (%d) |", profiles.get(variant).samples(), profiles.get(variant).truncated()));
			}
			md.append("\n\n");
			double[] one = msPerCase.get(1);
			if (one != null) {
				double steps = ours.share(CpuProfile.PARTS.keySet().iterator().next());
				md.append(String.format(Locale.ROOT,
						"One thread: a Pujiang case takes %.1f ms, %.1f ms more than a bare one (%.1f ms). The same diagram "
								+ "without Pujiang's steps takes %.1f ms: the engine's own work for the real diagram (more "
								+ "activities, history rows and authorizations; timers and a sub-process on the assigned path) is "
								+ "%.1f ms of the difference, and Pujiang's steps add %.1f ms. %.0f%% of the Pujiang samples are in "
								+ "its own steps%s.%n%n",
						one[0], one[0] - one[2], one[2], one[1], one[1] - one[2], one[0] - one[1], steps * 100,
						database.startsWith("H2") ? String.format(Locale.ROOT, ", about %.1f ms a case", steps * one[0])
								: " (the sampler counts a thread only while it runs Java code: not its time in the kernel for each call to "
										+ "the database server, nor the time waiting for it; see the CPU of the driving thread above)"));
			}
			md.append("Pujiang's steps by their share of all samples (the outermost Pujiang method on the stack):\n\n");
			md.append("| step | share |\n| --- | ---: |\n");
			ours.steps(12)
				.forEach((e) -> md.append(String.format(Locale.ROOT, "| `%s` | %.1f%% |%n", e.getKey(), e.getValue() * 100)));
			md.append('\n');
		}
		return md.toString();
	}

	private static String rates(List<Double> rates) {
		return String.join(", ", rates.stream().map((r) -> String.format(Locale.ROOT, "%.1f", r)).toList());
	}

	private static String costRow(String name, String share, int counted, Map<Outcome, Double> weights,
			Map<Variant, Map<Outcome, Counts>> counts) {
		BiFunction<Variant, ToLongFunction<Counts>, Double> per = (variant, what) -> weighted(counts.get(variant), weights,
				counted, what);
		StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s |", name, share));
		for (Variant variant : Variant.values()) {
			row.append(String.format(Locale.ROOT, " %.0f |", per.apply(variant, Counts::total)));
		}
		for (Variant variant : Variant.values()) {
			row.append(String.format(Locale.ROOT, " %.0f / %.0f / %.0f / %.0f |", per.apply(variant, (x) -> x.ofKind("select")),
					per.apply(variant, (x) -> x.ofKind("insert")), per.apply(variant, (x) -> x.ofKind("update")),
					per.apply(variant, (x) -> x.ofKind("delete"))));
		}
		row.append(String.format(Locale.ROOT, " %.1f / %.1f / %.1f |%n", per.apply(Variant.PUJIANG, Counts::commits),
				per.apply(Variant.DIAGRAM_ONLY, Counts::commits), per.apply(Variant.BASELINE, Counts::commits)));
		return row.toString();
	}

	private static String timeRow(String name, Map<Variant, List<Timing>> timings, int cases,
			ToDoubleFunction<Timing> what) {
		StringBuilder row = new StringBuilder("| " + name + " |");
		for (Variant variant : Variant.values()) {
			List<Timing> rounds = timings.getOrDefault(variant, List.of());
			double sum = rounds.stream().mapToDouble(what).sum();
			row.append(rounds.isEmpty() ? " – |" : String.format(Locale.ROOT, " %.1f |", sum / (rounds.size() * (double) cases)));
		}
		return row.append('\n').toString();
	}

	/** Each path's share of the first day's cases. */
	private static Map<Outcome, Double> dayWeights() {
		Map<Outcome, Double> weights = new EnumMap<>(Outcome.class);
		for (Outcome path : Outcome.values()) {
			weights.put(path, CaseMix.share(path));
		}
		return weights;
	}

	/** Per case: each path's count divided by the cases counted, weighted by the path's share. */
	private static double weighted(Map<Outcome, Counts> byPath, Map<Outcome, Double> weights, int counted,
			ToLongFunction<Counts> what) {
		double sum = 0;
		for (Map.Entry<Outcome, Double> weight : weights.entrySet()) {
			sum += weight.getValue() * what.applyAsLong(byPath.get(weight.getKey())) / counted;
		}
		return sum;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static String database(DataSource dataSource, boolean postgres) throws Exception {
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData meta = connection.getMetaData();
			String version = meta.getDatabaseProductVersion().replaceAll("\\s*\\(.*\\)$", "");
			return meta.getDatabaseProductName() + " " + version + (postgres ? ", server at 127.0.0.1" : ", in memory");
		}
	}

	private static void progress(String format, Object... args) {
		System.err.printf(Locale.ROOT, "[lifecycle] " + format + "%n", args);
	}

}
