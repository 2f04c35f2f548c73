package io.ringmq.perf.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import io.ringmq.perf.CpuMeter;
import io.ringmq.perf.fanout.FanoutResult;
import org.HdrHistogram.Histogram;

/**
 * The comparison's table: one row per metric and transport, a column per library with the median of its runs,
 * each ringmq's ratio to the baseline library, and the notes that say how the rows ran.
 */
final class CompareTable
{
    private final Map<String, List<Object>> runs;

    /**
     * @param runs every counted run, by {@link CompareTool#key(Transport, String, String)}.
     */
    CompareTable(final Map<String, List<Object>> runs)
    {
        this.runs = runs;
    }

    /** One row of the table: a metric taken from every run of a workload, summarised by its median. */
    private record Metric(String workload, String label, ToDoubleFunction<Object> value, String format)
    {
    }

    private static List<Metric> metrics()
    {
        final List<Metric> metrics = new ArrayList<>();
        final String rr = "REQ/REP " + CompareTool.SIZE + " B round trip";
        metrics.add(new Metric(CompareTool.REQREP, rr + " p50 (us)", (r) -> micros(((LatencyRun)r).roundTripNanos(), 50), "%.1f"));
        metrics.add(new Metric(CompareTool.REQREP, rr + " p99 (us)", (r) -> micros(((LatencyRun)r).roundTripNanos(), 99), "%.1f"));
        metrics.add(new Metric(CompareTool.REQREP, rr + " p99.9 (us)", (r) -> micros(((LatencyRun)r).roundTripNanos(), 99.9),
            "%.1f"));
        metrics.add(new Metric(CompareTool.REQREP, rr + " max (us)", (r) -> ((LatencyRun)r).roundTripNanos().getMaxValue() / 1e3,
            "%.1f"));
        metrics.add(new Metric(CompareTool.REQREP, rr + " alloc (B/msg)", (r) -> perMessage(((LatencyRun)r).allocatedBytes(),
            ((LatencyRun)r).messages()), "%.2f"));
        final String idle = "REQ/REP after " + CompareTool.IDLE_GAP_MICROS / 1000 + " ms idle";
        metrics.add(new Metric(CompareTool.REQREP_IDLE, idle + " p50 (us)", (r) -> micros(((LatencyRun)r).roundTripNanos(), 50),
            "%.1f"));
        metrics.add(new Metric(CompareTool.REQREP_IDLE, idle + " p99 (us)", (r) -> micros(((LatencyRun)r).roundTripNanos(), 99),
            "%.1f"));
        final String pp = "PUSH/PULL " + CompareTool.SIZE + " B";
        metrics.add(new Metric(CompareTool.PUSHPULL, pp + " throughput (msg/s)", (r) -> ((ThroughputRun)r).messagesPerSecond(),
            "%,.0f"));
        metrics.add(new Metric(CompareTool.PUSHPULL, pp + " CPU, all threads (ns/msg)",
            (r) -> ((ThroughputRun)r).cpuNanosPerMessage(), "%.0f"));
        metrics.add(new Metric(CompareTool.PUSHPULL, pp + " alloc (B/msg)", (r) -> perMessage(((ThroughputRun)r).allocatedBytes(),
            ((ThroughputRun)r).messages()), "%.2f"));
        final String fo = "PUB->" + CompareTool.SUBSCRIBERS + " SUB " + CompareTool.FANOUT_RATE / 1000 + "k msg/s one-way";
        metrics.add(new Metric(CompareTool.FANOUT, fo + " p50 (us)", (r) -> micros(((FanoutResult)r).latencyNanos(), 50), "%.1f"));
        metrics.add(new Metric(CompareTool.FANOUT, fo + " p99 (us)", (r) -> micros(((FanoutResult)r).latencyNanos(), 99), "%.1f"));
        metrics.add(new Metric(CompareTool.FANOUT, fo + " p99.9 (us)", (r) -> micros(((FanoutResult)r).latencyNanos(), 99.9),
            "%.1f"));
        metrics.add(new Metric(CompareTool.FANOUT, fo + " max (us)", (r) -> ((FanoutResult)r).latencyNanos().getMaxValue() / 1e3,
            "%.1f"));
        metrics.add(new Metric(CompareTool.FANOUT, "PUB->" + CompareTool.SUBSCRIBERS + " SUB delivered (%)",
            (r) -> 100.0 * ((FanoutResult)r).delivered() / Math.max(1, ((FanoutResult)r).expected()), "%.3f"));
        metrics.add(new Metric(CompareTool.FANOUT, "PUB->" + CompareTool.SUBSCRIBERS + " SUB alloc (B/msg delivered)",
            (r) -> ((FanoutResult)r).allocatedPerMessage(), "%.2f"));
        metrics.add(new Metric(CompareTool.IDLE_CPU, "idle connected REQ/REP pair, CPU (% core)", (r) -> ((CompareTool.IdleCpu)r).percent(),
            "%.3f"));
        return metrics;
    }

    static double micros(final Histogram histogram, final double percentile)
    {
        return histogram.getValueAtPercentile(percentile) / 1e3;
    }

    private static double perMessage(final long bytes, final long messages)
    {
        return bytes < 0 ? Double.NaN : bytes / (double)Math.max(1, messages);
    }

    String render(final CompareTool.Plan plan, final Set<Transport> transports, final List<RingmqLibrary> ringmqs,
        final Library baseline, final List<Library> libraries, final boolean withLibzmq, final double seconds)
    {
        final StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "ringmq default, ringmq fast, %sJeroMQ 0.6.0: medians of %d " +
            "interleaved runs each after %d uncounted warm-up round(s), %s, %.0f s%n",
            withLibzmq ? "libzmq " + libzmqVersion() + ", " : "", plan.repeats(), plan.warmupRounds(), CompareTool.machine(),
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
                    final List<Object> samples = runs.getOrDefault(CompareTool.key(transport, metric.workload, library.name()),
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
                final double base = median(runs.getOrDefault(CompareTool.key(transport, metric.workload, baseline.name()),
                    List.of()), metric.value);
                for (final Library ringmq : ringmqs)
                {
                    final double mine = median(runs.getOrDefault(CompareTool.key(transport, metric.workload, ringmq.name()),
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
            .append(ringmqs.get(0).describe(CompareTool.REQREP)).append("; ringmq fast (mode/idle): ").append(describe(ringmqs.get(1)))
            .append(". Both ringmq use the zero-copy API (claim/commit, receive(handler, limit)); REQ/REP and " +
                "PUSH/PULL run 2 application threads (+1 I/O thread per end in threaded mode), fan-out a paced " +
                "publisher (parks between quotes) and 1 thread serving the " + CompareTool.SUBSCRIBERS + " SUBs. libzmq: C API, " +
                "default options, one context (1 I/O thread) per end, blocking calls; fan-out the same paced " +
                "publisher (sleeps between quotes) and 1 thread serving the " + CompareTool.SUBSCRIBERS +
                " SUBs with zmq_poll. JeroMQ: byte[] send/recv, 1 I/O thread per context, threads block; fan-out " +
                CompareTool.SUBSCRIBERS + " SUB threads. Each end has its own context (one for inproc).\n");
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
                final ThroughputRun run = medianThroughputRun(CompareTool.key(transport, CompareTool.PUSHPULL, library.name()));
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
        return CompareTool.REQREP + " " + library.describe(CompareTool.REQREP) + ", " + CompareTool.PUSHPULL + " " + library.describe(CompareTool.PUSHPULL) +
            " (PUSH + PULL; inproc one context, the PUSH's), " + CompareTool.FANOUT + " " + library.describe(CompareTool.FANOUT);
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

}
