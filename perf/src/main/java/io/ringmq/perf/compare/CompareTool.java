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
 * {@code compare [--full] [--repeats=N] [--transports=tcp,ipc,inproc] [--workloads=reqrep,pushpull,fanout]
 * [--out=DIR] [--mode=..] [--idle=..]}: the
 * same workloads on ringmq and JeroMQ 0.6.0 in one process, interleaved (ringmq, JeroMQ, ringmq, JeroMQ, ...)
 * and repeated: REQ/REP round trips, PUSH/PULL throughput and PUB fan-out to 4 SUBs at 100k msg/s, each with the
 * bytes allocated per message on every thread. Prints one table of medians with the ratio ringmq/JeroMQ per row
 * and the spinning threads, and writes it with {@code .hgrm} files and a percentile plot into the output
 * directory. The default takes about a minute and a half on two cores; {@code --full} takes about ten.
 */
public final class CompareTool implements PerfTool
{
    static final String REQREP = "reqrep";
    static final String PUSHPULL = "pushpull";
    static final String FANOUT = "fanout";
    private static final int SIZE = 64;
    private static final int SUBSCRIBERS = 4;
    private static final int FANOUT_RATE = 100_000;

    /**
     * How long each workload runs. {@code warmupRounds} rounds of every run come first and are not counted: the
     * first run of a workload in a JVM is partly interpreted code, for both libraries, whatever its own warm-up.
     */
    record Plan(int repeats, long latencyWarmup, long latencyCount, long throughputWarmup, long throughputCount,
        double fanoutWarmupSeconds, double fanoutSeconds, int warmupRounds)
    {
        static final Plan QUICK = new Plan(3, 10_000, 20_000, 200_000, 1_000_000, 0.5, 1, 1);
        static final Plan FULL = new Plan(5, 100_000, 200_000, 2_000_000, 10_000_000, 3, 10, 1);
        static final Plan SMOKE = new Plan(1, 100, 200, 1_000, 5_000, 0.1, 0.2, 0);
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
        List<String> workloads = List.of(REQREP, PUSHPULL, FANOUT);
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
                if (!List.of(REQREP, PUSHPULL, FANOUT).containsAll(workloads))
                {
                    System.err.println("compare: workloads are reqrep, pushpull and fanout: " + value);
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
                    " [--workloads=reqrep,pushpull,fanout]" +
                    " [--mode=invoker|threaded] [--idle=spin|yield|backoff|blocking]");
                return 2;
            }
        }
        if (null != repeats)
        {
            plan = new Plan(repeats, plan.latencyWarmup, plan.latencyCount, plan.throughputWarmup,
                plan.throughputCount, plan.fanoutWarmupSeconds, plan.fanoutSeconds, plan.warmupRounds);
        }
        if (!positionalOk(options))
        {
            return 2;
        }

        final Library ringmq = new RingmqLibrary(options);
        final Library jeromq = new JeromqLibrary();
        final List<Library> libraries = List.of(ringmq, jeromq);
        final long started = System.nanoTime();
        final Map<Transport, Boolean> ringmqSupports = new LinkedHashMap<>();
        for (final Transport transport : transports)
        {
            ringmqSupports.put(transport, ringmq.supports(transport));
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
                        if (library == ringmq && !ringmqSupports.get(transport))
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

        final String table = table(plan, transports, ringmqSupports, ringmq, jeromq,
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
                return library.reqRep(transport, SIZE, plan.latencyWarmup, plan.latencyCount);
            case PUSHPULL:
                return library.pushPull(transport, SIZE, plan.throughputWarmup, plan.throughputCount);
            default:
                return library.fanout(new FanoutSpec(transport.endpoint(FANOUT), SUBSCRIBERS, FANOUT_RATE,
                    plan.fanoutWarmupSeconds, plan.fanoutSeconds, SIZE, false, 1));
        }
    }

    /** One run's headline figures, so the progress lines show how far the repeats spread. */
    private static String summary(final Object run)
    {
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

    private String table(final Plan plan, final Set<Transport> transports, final Map<Transport, Boolean> supported,
        final Library ringmq, final Library jeromq, final double seconds)
    {
        final StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "ringmq vs JeroMQ 0.6.0: medians of %d interleaved runs each " +
            "(ringmq, JeroMQ, ringmq, JeroMQ, ...) after %d uncounted warm-up round(s), %s, %.0f s%n", plan.repeats,
            plan.warmupRounds, machine(), seconds));
        text.append(String.format(Locale.ROOT, "| %-6s | %-44s | %12s | %12s | %13s | %8s |%n", "trans.",
            "workload, metric", "ringmq", "JeroMQ", "ringmq/JeroMQ", "spinning"));
        text.append(String.format(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%n", "-".repeat(8), "-".repeat(46),
            "-".repeat(13) + ":", "-".repeat(13) + ":", "-".repeat(14) + ":", "-".repeat(9) + ":"));
        for (final Transport transport : transports)
        {
            final String label = transport == Transport.IPC ? "ipc*" : transport.label();
            for (final Metric metric : metrics())
            {
                final List<Object> mine = runs.getOrDefault(key(transport, metric.workload, ringmq.name()), List.of());
                final List<Object> theirs = runs.getOrDefault(key(transport, metric.workload, jeromq.name()),
                    List.of());
                if (mine.isEmpty() && theirs.isEmpty())
                {
                    continue;
                }
                final double a = median(mine, metric.value);
                final double b = median(theirs, metric.value);
                final String ratio = Double.isNaN(a) || Double.isNaN(b) || 0 == b ? "-" :
                    String.format(Locale.ROOT, "%.3fx", a / b);
                text.append(String.format(Locale.ROOT, "| %-6s | %-44s | %12s | %12s | %13s | %8s |%n", label,
                    metric.label, mine.isEmpty() ? "not built" : format(metric.format, a), format(metric.format, b),
                    ratio, (mine.isEmpty() ? "-" : ringmq.spinningThreads(metric.workload)) + " / " +
                    jeromq.spinningThreads(metric.workload)));
            }
        }
        text.append(String.format(Locale.ROOT, "spinning: threads that spin, ringmq / JeroMQ. ringmq modes (mode/idle): %s; zero-copy " +
            "API (claim/commit, receive(handler, limit)); REQ/REP and PUSH/PULL run 2 application threads (+1 I/O " +
            "thread per end in threaded mode), fan-out a paced publisher (parks between quotes, both libraries) and 1 thread serving the %d SUBs. JeroMQ: byte[] send/recv, 1 I/O thread per context, " +
            "threads block; fan-out %d SUB threads. Each end has its own context (one for inproc).%n",
            describe(ringmq), SUBSCRIBERS, SUBSCRIBERS));
        if (transports.contains(Transport.IPC))
        {
            text.append("ipc*: JeroMQ 0.6.0's ipc is tcp loopback under an ipc name; ringmq's is a Unix domain " +
                "socket.\n");
        }
        for (final Map.Entry<Transport, Boolean> entry : supported.entrySet())
        {
            if (!entry.getValue())
            {
                text.append(String.format(Locale.ROOT, "not built: ringmq has no %s transport in this build; its " +
                    "rows run as soon as it has (--transports=%s).%n", entry.getKey().label(), entry.getKey().label()));
            }
        }
        text.append("alloc: bytes allocated by every thread of the JVM in the measured window, per message.\n");
        final StringBuilder cpu = new StringBuilder();
        for (final Transport transport : transports)
        {
            for (final Library library : List.of(ringmq, jeromq))
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
            text.append("CPU: CPU time of every thread of the JVM in the measured window, per message; by thread " +
                "(busiest first) in the run of median throughput:\n").append(cpu);
        }
        return text.toString();
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

    private static String describe(final Library ringmq)
    {
        final RingmqLibrary library = (RingmqLibrary)ringmq;
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
        final Map<String, Histogram> reqRep = new LinkedHashMap<>();
        final Map<String, Histogram> fanout = new LinkedHashMap<>();
        for (final Transport transport : transports)
        {
            for (final Library library : libraries)
            {
                final String series = library.name() + " " + transport.label();
                final Histogram rr = merged(key(transport, REQREP, library.name()), REQREP);
                if (null != rr)
                {
                    reqRep.put(series, rr);
                    writeHgrm(new File(out, "reqrep-" + transport.label() + "-" + library.name() + ".hgrm"), rr);
                }
                final Histogram fo = merged(key(transport, FANOUT, library.name()), FANOUT);
                if (null != fo)
                {
                    fanout.put(series, fo);
                    writeHgrm(new File(out, "fanout-" + transport.label() + "-" + library.name() + ".hgrm"), fo);
                }
            }
        }
        final PercentilePlot plot = new PercentilePlot();
        plot.panel("REQ/REP " + SIZE + " B round trip", reqRep);
        plot.panel("PUB -> " + SUBSCRIBERS + " SUB at " + FANOUT_RATE / 1000 + "k msg/s, one-way", fanout);
        final File png = new File(out, "compare.png");
        plot.write(png);
        System.out.println("wrote " + new File(out, "compare.txt") + ", " + png + " and the .hgrm files (us) in " +
            out);
    }

    private Histogram merged(final String key, final String workload)
    {
        final List<Object> samples = runs.get(key);
        if (null == samples || samples.isEmpty())
        {
            return null;
        }
        final Histogram merged = new Histogram(3);
        for (final Object sample : samples)
        {
            merged.add(REQREP.equals(workload) ? ((LatencyRun)sample).roundTripNanos() :
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
