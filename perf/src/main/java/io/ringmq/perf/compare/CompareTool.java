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
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
    static final long IDLE_GAP_MICROS = 2_000;
    static final int SIZE = 64;
    static final int SUBSCRIBERS = 4;
    static final int FANOUT_RATE = 100_000;

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

        final String table = new CompareTable(runs).render(plan, transports, List.of(defaults, fast), baseline,
            libraries, null != libzmq, (System.nanoTime() - started) / 1e9);
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
            return String.format(Locale.ROOT, "p50 %.1f us, p99 %.1f us", CompareTable.micros(latency.roundTripNanos(), 50),
                CompareTable.micros(latency.roundTripNanos(), 99));
        }
        if (run instanceof ThroughputRun throughput)
        {
            return String.format(Locale.ROOT, "%,.0f msg/s, CPU %.0f ns/msg (%s)", throughput.messagesPerSecond(),
                throughput.cpuNanosPerMessage(), CpuMeter.perMessage(throughput.cpu(), throughput.messages(), 4));
        }
        final FanoutResult fanout = (FanoutResult)run;
        return String.format(Locale.ROOT, "p50 %.1f us, p99 %.1f us, %d of %d delivered",
            CompareTable.micros(fanout.latencyNanos(), 50), CompareTable.micros(fanout.latencyNanos(), 99), fanout.delivered(),
            fanout.expected());
    }

    static String key(final Transport transport, final String workload, final String library)
    {
        return transport.label() + "/" + workload + "/" + library;
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
