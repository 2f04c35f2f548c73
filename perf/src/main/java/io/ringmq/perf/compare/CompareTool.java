package io.ringmq.perf.compare;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import io.ringmq.perf.CpuMeter;
import io.ringmq.perf.PerfTool;
import io.ringmq.perf.RunOptions;
import io.ringmq.perf.fanout.FanoutResult;
import io.ringmq.perf.fanout.FanoutSpec;
import org.HdrHistogram.Histogram;

/**
 * {@code compare [--full] [--repeats=N] [--transports=tcp,ipc,inproc]
 * [--workloads=reqrep,reqrep-idle,pushpull,fanout,idle-cpu] [--out=DIR] [--mode=..] [--idle=..]}: the same
 * workloads on what a user would pick, interleaved and repeated in one run: ringmq with {@code new Context()}'s
 * defaults, ringmq in its fast modes ({@code --mode}/{@code --idle} choose them), libzmq through its C API
 * ({@link LibzmqLibrary}, left out with one line saying how to add it when its headers are missing) and JeroMQ
 * 0.6.0. Workloads: REQ/REP round trips back to back and after 2 ms idle before each request, PUSH/PULL
 * throughput, PUB fan-out to 4 SUBs at 100k msg/s, and the CPU of a connected pair that idles, each with the bytes
 * allocated per message on every thread of the JVM. Prints one table of medians with each ringmq's ratio to libzmq
 * (to JeroMQ without libzmq) and the spinning threads, and writes it with {@code .hgrm} files and a percentile plot
 * into the output directory. The default takes about three minutes on two cores; {@code --full} about fifteen.
 */
public final class CompareTool implements PerfTool
{
    static final String REQREP = "reqrep";
    static final String REQREP_IDLE = "reqrep-idle";
    static final String PUSHPULL = "pushpull";
    static final String FANOUT = "fanout";
    static final String IDLE_CPU = "idle-cpu";
    private static final List<String> WORKLOADS = List.of(REQREP, REQREP_IDLE, PUSHPULL, FANOUT, IDLE_CPU);
    /** The quiet spell before each request of {@link #REQREP_IDLE}. */
    private static final long IDLE_GAP_MICROS = 2_000;
    private static final int SIZE = 64;
    private static final int SUBSCRIBERS = 4;
    private static final int FANOUT_RATE = 100_000;

    /**
     * How long each workload runs. {@code warmupRounds} rounds of every run come first and are not counted: the
     * first run of a workload in a JVM is partly interpreted code, for both libraries, whatever its own warm-up.
     */
    record Plan(int repeats, long latencyWarmup, long latencyCount, long throughputWarmup, long throughputCount,
        double fanoutWarmupSeconds, double fanoutSeconds, int warmupRounds, long idleCount, long idleCpuMillis)
    {
        static final Plan QUICK = new Plan(3, 10_000, 20_000, 200_000, 1_000_000, 0.5, 1, 1, 200, 1_000);
        static final Plan FULL = new Plan(5, 100_000, 200_000, 2_000_000, 10_000_000, 3, 10, 1, 1_000, 5_000);
        static final Plan SMOKE = new Plan(1, 100, 200, 1_000, 5_000, 0.1, 0.2, 0, 5, 50);
    }

    private final Map<String, List<Object>> runs = new HashMap<>();

    @Override
    public String name()
    {
        return "compare";
    }

    @Override
    public String description()
    {
        return "ringmq vs JeroMQ 0.6.0, interleaved and repeated; table, .hgrm files, plot (about 1.5 min; --full)";
    }

    @Override
    public int run(final String[] args) throws Exception
    {
        final RunOptions options = RunOptions.parse(args);
        Plan plan = Plan.QUICK;
        Integer repeats = null;
        Set<Transport> transports = EnumSet.allOf(Transport.class);
        List<String> workloads = WORKLOADS;
        File out = new File(new File("perf/target").isDirectory() ? "perf/target/compare" : "target/compare");
        for (final String option : options.unknown())
        {
            final String value = option.substring(option.indexOf('=') + 1);
            if ("--full".equals(option))
            {
                plan = Plan.FULL;
            }
            else if ("--smoke".equals(option))
            {
                plan = Plan.SMOKE;
            }
            else if (option.startsWith("--repeats="))
            {
                repeats = Integer.parseInt(value);
            }
            else if (option.startsWith("--transports="))
            {
                transports = EnumSet.noneOf(Transport.class);
                for (final String name : value.split(","))
                {
                    transports.add(Transport.valueOf(name.trim().toUpperCase(Locale.ROOT)));
                }
            }
            else if (option.startsWith("--workloads="))
            {
                workloads = List.of(value.split(","));
                if (!WORKLOADS.containsAll(workloads))
                {
                    System.err.println("compare: workloads are " + String.join(", ", WORKLOADS) + ": " + value);
                    return 2;
                }
            }
            else if (option.startsWith("--out="))
            {
                out = new File(value);
            }
            else
            {
                System.err.println("compare: unknown option " + option);
                System.err.println("usage: compare [--full] [--repeats=N] [--transports=tcp,ipc,inproc] [--out=DIR]" +
                    " [--workloads=" + String.join(",", WORKLOADS) + "]" +
                    " [--mode=invoker|threaded] [--idle=spin|yield|backoff|blocking]");
                return 2;
            }
        }
        if (null != repeats)
        {
            plan = new Plan(repeats, plan.latencyWarmup, plan.latencyCount, plan.throughputWarmup,
                plan.throughputCount, plan.fanoutWarmupSeconds, plan.fanoutSeconds, plan.warmupRounds,
                plan.idleCount, plan.idleCpuMillis);
        }
        if (!positionalOk(options))
        {
            return 2;
        }

        final RingmqLibrary defaults = RingmqLibrary.defaults();
        final RingmqLibrary fast = RingmqLibrary.fast(options);
        final Library libzmq = LibzmqLibrary.build(new File(out, "libzmq"));
        final Library jeromq = new JeromqLibrary();
        final List<Library> libraries = new ArrayList<>(List.of(defaults, fast));
        if (null != libzmq)
        {
            libraries.add(libzmq);
        }
        else
        {
            System.err.println("compare: libzmq left out: its C headers or a C compiler are missing; to add it: " +
                LibzmqLibrary.INSTALL_HINT);
        }
        libraries.add(jeromq);
        final Library baseline = null == libzmq ? jeromq : libzmq;
        final long started = System.nanoTime();
        final Map<String, Boolean> supports = new HashMap<>();
        for (final Transport transport : transports)
        {
            for (final Library library : libraries)
            {
                supports.put(transport + library.name(), library.supports(transport));
            }
        }

        for (int round = -plan.warmupRounds; round < plan.repeats; round++)
        {
            final String label = round < 0 ? "warm-up" : "run " + (round + 1) + "/" + plan.repeats;
            for (final Transport transport : transports)
            {
                for (final String workload : workloads)
                {
                    for (final Library library : libraries)
                    {
                        if (!supports.get(transport + library.name()) || !library.runs(workload))
                        {
                            continue;
                        }
                        System.err.printf(Locale.ROOT, "[%5.1f s] %s %s %s %s", (System.nanoTime() - started) / 1e9,
                            label, transport.label(), workload, library.name());
                        System.gc();
                        final Object run = runOne(library, transport, workload, plan);
                        System.err.println(": " + summary(run));
                        if (round >= 0)
                        {
                            runs.computeIfAbsent(key(transport, workload, library.name()), (k) -> new ArrayList<>())
                                .add(run);
                        }
                    }
                }
            }
        }

        final String table = table(plan, transports, List.of(defaults, fast), baseline, libraries, null != libzmq,
            (System.nanoTime() - started) / 1e9);
        System.out.print(table);
        writeFiles(out, table, transports, libraries);
        return 0;
    }

    private static boolean positionalOk(final RunOptions options)
    {
        if (!options.positional().isEmpty())
        {
            System.err.println("compare takes only options: " + options.positional());
            return false;
        }
        return true;
    }

    private static Object runOne(final Library library, final Transport transport, final String workload,
        final Plan plan) throws Exception
    {
        switch (workload)
        {
            case REQREP:
                return library.reqRep(transport, SIZE, plan.latencyWarmup, plan.latencyCount, 0);
            case REQREP_IDLE:
                return library.reqRep(transport, SIZE, plan.latencyWarmup / 10, plan.idleCount, IDLE_GAP_MICROS);
            case IDLE_CPU:
                return new IdleCpu(library.idleCpuPercent(transport, plan.idleCpuMillis));
            case PUSHPULL:
                return library.pushPull(transport, SIZE, plan.throughputWarmup, plan.throughputCount);
            default:
                return library.fanout(new FanoutSpec(transport.endpoint(FANOUT), SUBSCRIBERS, FANOUT_RATE,
                    plan.fanoutWarmupSeconds, plan.fanoutSeconds, SIZE, false, 1));
        }
    }

    /** The CPU a connected, idle pair used, in percent of one core. */
    record IdleCpu(double percent)
    {
    }

    /** One run's headline figures, so the progress lines show how far the repeats spread. */
    private static String summary(final Object run)
    {
        if (run instanceof IdleCpu idle)
        {
            return String.format(Locale.ROOT, "%.3f %% of a core", idle.percent());
        }
        if (run instanceof LatencyRun latency)
        {
            return String.format(Locale.ROOT, "p50 %.1f us, p99 %.1f us", micros(latency.roundTripNanos(), 50),
                micros(latency.roundTripNanos(), 99));
        }
        if (run instanceof ThroughputRun throughput)
        {
            return String.format(Locale.ROOT, "%,.0f msg/s, CPU %.0f ns/msg (%s)", throughput.messagesPerSecond(),
                throughput.cpuNanosPerMessage(), CpuMeter.perMessage(throughput.cpu(), throughput.messages(), 4));
        }
        final FanoutResult fanout = (FanoutResult)run;
        return String.format(Locale.ROOT, "p50 %.1f us, p99 %.1f us, %d of %d delivered",
            micros(fanout.latencyNanos(), 50), micros(fanout.latencyNanos(), 99), fanout.delivered(),
            fanout.expected());
    }

    private static String key(final Transport transport, final String workload, final String library)
    {
        return transport.label() + "/" + workload + "/" + library;
    }

    /** One row of the table: a metric taken from every run of a workload, summarised by its median. */
    private record Metric(String workload, String label, ToDoubleFunction<Object> value, String format)
    {
    }

    private static List<Metric> metrics()
    {
        final List<Metric> metrics = new ArrayList<>();
        final String rr = "REQ/REP " + SIZE + " B round trip";
        metrics.add(new Metric(REQREP, rr + " p50 (us)", (r) -> micros(((LatencyRun)r).roundTripNanos(), 50), "%.1f"));
        metrics.add(new Metric(REQREP, rr + " p99 (us)", (r) -> micros(((LatencyRun)r).roundTripNanos(), 99), "%.1f"));
        metrics.add(new Metric(REQREP, rr + " p99.9 (us)", (r) -> micros(((LatencyRun)r).roundTripNanos(), 99.9),
            "%.1f"));
        metrics.add(new Metric(REQREP, rr + " max (us)", (r) -> ((LatencyRun)r).roundTripNanos().getMaxValue() / 1e3,
            "%.1f"));
        metrics.add(new Metric(REQREP, rr + " alloc (B/msg)", (r) -> perMessage(((LatencyRun)r).allocatedBytes(),
            ((LatencyRun)r).messages()), "%.2f"));
        final String idle = "REQ/REP after " + IDLE_GAP_MICROS / 1000 + " ms idle";
        metrics.add(new Metric(REQREP_IDLE, idle + " p50 (us)", (r) -> micros(((LatencyRun)r).roundTripNanos(), 50),
            "%.1f"));
        metrics.add(new Metric(REQREP_IDLE, idle + " p99 (us)", (r) -> micros(((LatencyRun)r).roundTripNanos(), 99),
            "%.1f"));
        final String pp = "PUSH/PULL " + SIZE + " B";
        metrics.add(new Metric(PUSHPULL, pp + " throughput (msg/s)", (r) -> ((ThroughputRun)r).messagesPerSecond(),
            "%,.0f"));
        metrics.add(new Metric(PUSHPULL, pp + " CPU, all threads (ns/msg)",
            (r) -> ((ThroughputRun)r).cpuNanosPerMessage(), "%.0f"));
        metrics.add(new Metric(PUSHPULL, pp + " alloc (B/msg)", (r) -> perMessage(((ThroughputRun)r).allocatedBytes(),
            ((ThroughputRun)r).messages()), "%.2f"));
        final String fo = "PUB->" + SUBSCRIBERS + " SUB " + FANOUT_RATE / 1000 + "k msg/s one-way";
        metrics.add(new Metric(FANOUT, fo + " p50 (us)", (r) -> micros(((FanoutResult)r).latencyNanos(), 50), "%.1f"));
        metrics.add(new Metric(FANOUT, fo + " p99 (us)", (r) -> micros(((FanoutResult)r).latencyNanos(), 99), "%.1f"));
        metrics.add(new Metric(FANOUT, fo + " p99.9 (us)", (r) -> micros(((FanoutResult)r).latencyNanos(), 99.9),
            "%.1f"));
        metrics.add(new Metric(FANOUT, fo + " max (us)", (r) -> ((FanoutResult)r).latencyNanos().getMaxValue() / 1e3,
            "%.1f"));
        metrics.add(new Metric(FANOUT, "PUB->" + SUBSCRIBERS + " SUB delivered (%)",
            (r) -> 100.0 * ((FanoutResult)r).delivered() / Math.max(1, ((FanoutResult)r).expected()), "%.3f"));
        metrics.add(new Metric(FANOUT, "PUB->" + SUBSCRIBERS + " SUB alloc (B/msg delivered)",
            (r) -> ((FanoutResult)r).allocatedPerMessage(), "%.2f"));
        metrics.add(new Metric(IDLE_CPU, "idle connected REQ/REP pair, CPU (% core)", (r) -> ((IdleCpu)r).percent(),
            "%.3f"));
        return metrics;
    }

    private static double micros(final Histogram histogram, final double percentile)
    {
        return histogram.getValueAtPercentile(percentile) / 1e3;
    }

    private static double perMessage(final long bytes, final long messages)
    {
        return bytes < 0 ? Double.NaN : bytes / (double)Math.max(1, messages);
    }

    private String table(final Plan plan, final Set<Transport> transports, final List<RingmqLibrary> ringmqs,
        final Library baseline, final List<Library> libraries, final boolean withLibzmq, final double seconds)
    {
        final StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "ringmq default, ringmq fast, %sJeroMQ 0.6.0: medians of %d " +
            "interleaved runs each after %d uncounted warm-up round(s), %s, %.0f s%n",
            withLibzmq ? "libzmq " + libzmqVersion() + ", " : "", plan.repeats, plan.warmupRounds, machine(),
            seconds));
        final StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "| %-6s | %-44s |", "trans.",
            "workload, metric"));
        final StringBuilder rule = new StringBuilder("|" + "-".repeat(8) + "|" + "-".repeat(46) + "|");
        for (final Library library : libraries)
        {
            header.append(String.format(Locale.ROOT, " %14s |", library.name()));
            rule.append("-".repeat(15)).append(":|");
        }
        for (final Library ringmq : ringmqs)
        {
            header.append(String.format(Locale.ROOT, " %16s |", ratioLabel(ringmq, baseline)));
            rule.append("-".repeat(17)).append(":|");
        }
        header.append(String.format(Locale.ROOT, " %10s |", "spinning"));
        rule.append("-".repeat(11)).append(":|");
        text.append(header).append('\n').append(rule).append('\n');
        for (final Transport transport : transports)
        {
            final String label = transport == Transport.IPC ? "ipc*" : transport.label();
            for (final Metric metric : metrics())
            {
                final StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %-6s | %-44s |", label,
                    metric.label));
                boolean any = false;
                final StringBuilder spinning = new StringBuilder();
                for (final Library library : libraries)
                {
                    final List<Object> samples = runs.getOrDefault(key(transport, metric.workload, library.name()),
                        List.of());
                    any |= !samples.isEmpty();
                    row.append(String.format(Locale.ROOT, " %14s |", format(metric.format, median(samples,
                        metric.value))));
                    spinning.append(spinning.length() == 0 ? "" : "/").append(samples.isEmpty() ? "-" :
                        Integer.toString(library.spinningThreads(metric.workload)));
                }
                if (!any)
                {
                    continue;
                }
                final double base = median(runs.getOrDefault(key(transport, metric.workload, baseline.name()),
                    List.of()), metric.value);
                for (final Library ringmq : ringmqs)
                {
                    final double mine = median(runs.getOrDefault(key(transport, metric.workload, ringmq.name()),
                        List.of()), metric.value);
                    row.append(String.format(Locale.ROOT, " %16s |", Double.isNaN(mine) || Double.isNaN(base) ||
                        0 == base ? "-" : String.format(Locale.ROOT, "%.3fx", mine / base)));
                }
                row.append(String.format(Locale.ROOT, " %10s |", spinning));
                text.append(row).append('\n');
            }
        }
        final StringBuilder names = new StringBuilder();
        for (final Library library : libraries)
        {
            names.append(names.length() == 0 ? "" : " / ").append(library.name());
        }
        text.append("spinning: threads that spin, ").append(names).append(". ringmq default: ")
            .append(ringmqs.get(0).describe(REQREP)).append("; ringmq fast (mode/idle): ").append(describe(ringmqs.get(1)))
            .append(". Both ringmq use the zero-copy API (claim/commit, receive(handler, limit)); REQ/REP and " +
                "PUSH/PULL run 2 application threads (+1 I/O thread per end in threaded mode), fan-out a paced " +
                "publisher (parks between quotes) and 1 thread serving the " + SUBSCRIBERS + " SUBs. libzmq: C API, " +
                "default options, one context (1 I/O thread) per end, blocking calls; no fan-out in its harness " +
                "yet. JeroMQ: byte[] send/recv, 1 I/O thread per context, threads block; fan-out " + SUBSCRIBERS +
                " SUB threads. Each end has its own context (one for inproc).\n");
        text.append(String.format(Locale.ROOT, "ratios: each ringmq's median over %s's; below 1 is better for " +
            "latency, CPU and allocation, above 1 for throughput.%n", baseline.name()));
        if (!withLibzmq)
        {
            text.append("libzmq left out: its C headers or a C compiler are missing; to add it: ")
                .append(LibzmqLibrary.INSTALL_HINT).append('\n');
        }
        if (transports.contains(Transport.IPC))
        {
            text.append("ipc*: JeroMQ 0.6.0's ipc is tcp loopback under an ipc name; ringmq's and libzmq's are Unix " +
                "domain sockets.\n");
        }
        text.append("alloc: bytes allocated by every thread of the JVM in the measured window, per message (libzmq: " +
            "not measured). idle CPU: CPU time of the process's threads (the JVM's Java threads; libzmq's whole " +
            "process) while a connected pair idles, one round trip done.\n");
        final StringBuilder cpu = new StringBuilder();
        for (final Transport transport : transports)
        {
            for (final Library library : libraries)
            {
                final ThroughputRun run = medianThroughputRun(key(transport, PUSHPULL, library.name()));
                if (null != run)
                {
                    cpu.append(String.format(Locale.ROOT, "  %s PUSH/PULL %s: %s%n", transport.label(),
                        library.name(), CpuMeter.perMessage(run.cpu(), run.messages(), 5)));
                }
            }
        }
        if (cpu.length() > 0)
        {
            text.append("CPU: CPU time of every thread in the measured window, per message; by thread " +
                "(busiest first) in the run of median throughput:\n").append(cpu);
        }
        return text.toString();
    }

    private static String ratioLabel(final Library ringmq, final Library baseline)
    {
        return ringmq.name().replace("ringmq ", "") + "/" + baseline.name();
    }

    private static String libzmqVersion()
    {
        try
        {
            final Process process = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", "libzmq5")
                .redirectErrorStream(true).start();
            final String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 && !version.isEmpty() ? version : "(version unknown)";
        }
        catch (final IOException ex)
        {
            return "(version unknown)";
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "(version unknown)";
        }
    }

    private ThroughputRun medianThroughputRun(final String key)
    {
        final List<Object> samples = runs.getOrDefault(key, List.of());
        if (samples.isEmpty())
        {
            return null;
        }
        final List<Object> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingDouble((r) -> ((ThroughputRun)r).messagesPerSecond()));
        return (ThroughputRun)sorted.get(sorted.size() / 2);
    }

    private static String describe(final RingmqLibrary library)
    {
        return REQREP + " " + library.describe(REQREP) + ", " + PUSHPULL + " " + library.describe(PUSHPULL) +
            " (PUSH + PULL; inproc one context, the PUSH's), " + FANOUT + " " + library.describe(FANOUT);
    }

    private static String format(final String format, final double value)
    {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }

    private static double median(final List<Object> samples, final ToDoubleFunction<Object> value)
    {
        if (samples.isEmpty())
        {
            return Double.NaN;
        }
        final double[] values = new double[samples.size()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = value.applyAsDouble(samples.get(i));
        }
        Arrays.sort(values);
        final int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    static String machine()
    {
        String host;
        try
        {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (final IOException ex)
        {
            host = "unknown host";
        }
        return String.format(Locale.ROOT, "%s, %d cores, %s %s, %s %s, %s", host,
            Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
            System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
            ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")));
    }

    private void writeFiles(final File out, final String table, final Set<Transport> transports,
        final List<Library> libraries) throws IOException
    {
        if (!out.isDirectory() && !out.mkdirs())
        {
            throw new IOException("cannot create " + out);
        }
        try (PrintStream stream = new PrintStream(new FileOutputStream(new File(out, "compare.txt")), true,
            StandardCharsets.UTF_8))
        {
            stream.print(table);
        }
        final Map<String, Map<String, Histogram>> panels = new LinkedHashMap<>();
        panels.put(REQREP, new LinkedHashMap<>());
        panels.put(REQREP_IDLE, new LinkedHashMap<>());
        panels.put(FANOUT, new LinkedHashMap<>());
        for (final Transport transport : transports)
        {
            for (final Library library : libraries)
            {
                final String series = library.name() + " " + transport.label();
                for (final Map.Entry<String, Map<String, Histogram>> panel : panels.entrySet())
                {
                    final Histogram histogram = merged(key(transport, panel.getKey(), library.name()));
                    if (null != histogram)
                    {
                        panel.getValue().put(series, histogram);
                        writeHgrm(new File(out, panel.getKey() + "-" + transport.label() + "-" +
                            library.name().replace(' ', '-') + ".hgrm"), histogram);
                    }
                }
            }
        }
        final PercentilePlot plot = new PercentilePlot();
        plot.panel("REQ/REP " + SIZE + " B round trip, back to back", panels.get(REQREP));
        plot.panel("REQ/REP " + SIZE + " B round trip after " + IDLE_GAP_MICROS / 1000 + " ms idle",
            panels.get(REQREP_IDLE));
        plot.panel("PUB -> " + SUBSCRIBERS + " SUB at " + FANOUT_RATE / 1000 + "k msg/s, one-way", panels.get(FANOUT));
        final File png = new File(out, "compare.png");
        plot.write(png);
        System.out.println("wrote " + new File(out, "compare.txt") + ", " + png + " and the .hgrm files (us) in " +
            out);
    }

    private Histogram merged(final String key)
    {
        final List<Object> samples = runs.get(key);
        if (null == samples || samples.isEmpty())
        {
            return null;
        }
        final Histogram merged = new Histogram(3);
        for (final Object sample : samples)
        {
            merged.add(sample instanceof LatencyRun latency ? latency.roundTripNanos() :
                ((FanoutResult)sample).latencyNanos());
        }
        return merged;
    }

    private static void writeHgrm(final File file, final Histogram histogram) throws IOException
    {
        try (PrintStream stream = new PrintStream(new FileOutputStream(file), true, StandardCharsets.UTF_8))
        {
            histogram.outputPercentileDistribution(stream, 1000.0);
        }
    }
}
