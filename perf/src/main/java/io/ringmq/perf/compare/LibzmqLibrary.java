package io.ringmq.perf.compare;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringmq.perf.CpuMeter;
import io.ringmq.perf.fanout.FanoutResult;
import io.ringmq.perf.fanout.FanoutSpec;
import io.ringmq.perf.fanout.SubscriberStats;
import org.HdrHistogram.Histogram;

/**
 * libzmq through its C API with its default options: a small C program ({@code zmq_bench.c}, shipped in this jar)
 * compiled here with {@code cc -lzmq} against Debian's {@code libzmq3-dev} and run once per measurement, both ends
 * in its one process with a context each, as the Java libraries run both ends in one JVM. Its threads block
 * (libzmq's I/O thread in epoll, the application in {@code zmq_recv}, the fan-out's subscriber thread in
 * {@code zmq_poll}, its paced publisher in {@code clock_nanosleep}).
 */
public final class LibzmqLibrary implements Library
{
    /** How to get libzmq's headers and library where they are missing. */
    public static final String INSTALL_HINT = "apt-get install libzmq3-dev (Debian's libzmq with its C headers)";
    private static final String SOURCE = "zmq_bench.c";
    private static final long RUN_TIMEOUT_S = 600;

    private final File binary;

    private LibzmqLibrary(final File binary)
    {
        this.binary = binary;
    }

    /**
     * Compile the harness.
     *
     * @param directory where the binary goes.
     * @return the library, or null when libzmq's headers or a C compiler are missing (see {@link #INSTALL_HINT}).
     */
    public static LibzmqLibrary build(final File directory)
    {
        try
        {
            if (!directory.isDirectory() && !directory.mkdirs())
            {
                return null;
            }
            final File source = new File(directory, SOURCE);
            try (InputStream in = LibzmqLibrary.class.getResourceAsStream(SOURCE))
            {
                if (null == in)
                {
                    return null;
                }
                Files.copy(in, source.toPath(), StandardCopyOption.REPLACE_EXISTING);
            }
            final File binary = new File(directory, "zmq_bench");
            final Process cc = new ProcessBuilder("cc", "-O2", "-o", binary.getPath(), source.getPath(), "-lzmq",
                "-lpthread").redirectErrorStream(true).start();
            final String output = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (cc.waitFor() != 0)
            {
                System.err.println("compare: cannot build the libzmq harness: " + output.trim());
                return null;
            }
            return new LibzmqLibrary(binary);
        }
        catch (final IOException ex)
        {
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public String name()
    {
        return "libzmq";
    }

    @Override
    public boolean supports(final Transport transport)
    {
        return true;
    }

    @Override
    public int spinningThreads(final String workload)
    {
        return 0;
    }

    @Override
    public LatencyRun reqRep(final Transport transport, final int size, final long warmup, final long count,
        final long gapMicros) throws Exception
    {
        final List<String> lines = run("reqrep", endpoint(transport), Integer.toString(size), Long.toString(warmup),
            Long.toString(count), Long.toString(gapMicros));
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (int i = 1; i < lines.size(); i++)
        {
            histogram.recordValue(Math.min(Long.parseLong(lines.get(i).trim()), histogram.getHighestTrackableValue()));
        }
        if (histogram.getTotalCount() != count)
        {
            throw new IOException("libzmq harness gave " + histogram.getTotalCount() + " of " + count + " samples");
        }
        return new LatencyRun(histogram, -1, 2 * count, 0, threads(transport) + ", blocking");
    }

    @Override
    public ThroughputRun pushPull(final Transport transport, final int size, final long warmup, final long count)
        throws Exception
    {
        final String[] fields = run("pushpull", endpoint(transport), Integer.toString(size), Long.toString(warmup),
            Long.toString(count)).get(0).trim().split(" ");
        final long elapsed = Long.parseLong(fields[1]);
        final long cpu = Long.parseLong(fields[3]);
        return new ThroughputRun(count * 1e9 / elapsed, -1, count, 0, threads(transport) + ", blocking",
            List.of(new CpuMeter.ThreadCpu("libzmq process, all threads", cpu)));
    }

    @Override
    public double idleCpuPercent(final Transport transport, final long millis) throws Exception
    {
        final String[] fields = run("idlecpu", endpoint(transport), Double.toString(millis / 1000.0)).get(0).trim()
            .split(" ");
        return 100.0 * Long.parseLong(fields[3]) / Long.parseLong(fields[1]);
    }

    /**
     * The harness's fan-out: the same quotes, pacing, join probes, measured window and drain as the Java side's,
     * one paced publisher and one thread serving every SUB with {@code zmq_poll}; libzmq does not count the PUB's
     * drops at a peer's high-water mark and its allocations are not measured.
     */
    @Override
    public FanoutResult fanout(final FanoutSpec spec) throws Exception
    {
        if (spec.rate() <= 0)
        {
            throw new IllegalArgumentException("the libzmq harness paces its fan-out: rate must be positive");
        }
        final List<String> lines = run("fanout", spec.endpoint(), Integer.toString(spec.subscribers()),
            Integer.toString(spec.rate()), Double.toString(spec.warmupSeconds()), Double.toString(spec.seconds()),
            Integer.toString(spec.messageSize()), spec.perSymbol() ? "1" : "0");
        final String[] summary = lines.get(0).trim().split(" ");
        final long published = Long.parseLong(field(summary, "published"));
        final long publishNanos = Long.parseLong(field(summary, "publish_ns"));
        final List<SubscriberStats> stats = new ArrayList<>();
        int line = 1;
        for (int i = 0; i < spec.subscribers(); i++)
        {
            final String[] fields = lines.get(line++).trim().split(" ");
            final long received = Long.parseLong(field(fields, "received"));
            final int buckets = Integer.parseInt(field(fields, "buckets"));
            final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            for (int b = 0; b < buckets; b++)
            {
                final String[] bucket = lines.get(line++).trim().split(" ");
                latency.recordValueWithCount(Long.parseLong(bucket[0]), Long.parseLong(bucket[1]));
            }
            if (latency.getTotalCount() != received)
            {
                throw new IOException("libzmq harness gave " + latency.getTotalCount() + " latencies for " +
                    received + " quotes of subscriber " + i);
            }
            stats.add(SubscriberStats.of("sub-" + i, received, Long.parseLong(field(fields, "gaps")), latency));
        }
        final boolean inproc = spec.endpoint().startsWith("inproc://");
        return new FanoutResult(spec, stats, published, publishNanos, -1, -1, "libzmq: 1 publisher (paced, " +
            "sleeps until each quote is due), 1 subscriber thread (zmq_poll) for " + spec.subscribers() +
            " SUB sockets, " + (inproc ? 1 : 2) + " I/O threads, blocking: 0 spinning");
    }

    /**
     * @return the value after {@code name} in a harness line of "name value" pairs.
     */
    private static String field(final String[] fields, final String name) throws IOException
    {
        for (int i = 0; i + 1 < fields.length; i++)
        {
            if (fields[i].equals(name))
            {
                return fields[i + 1];
            }
        }
        throw new IOException("libzmq harness line without " + name + ": " + String.join(" ", fields));
    }

    private static String threads(final Transport transport)
    {
        return "libzmq: 2 application + " + (transport == Transport.INPROC ? 1 : 2) + " I/O threads";
    }

    private static String endpoint(final Transport transport) throws IOException
    {
        if (transport != Transport.TCP)
        {
            return transport.endpoint("libzmq");
        }
        try (ServerSocket socket = new ServerSocket(0))
        {
            return "tcp://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private List<String> run(final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(binary.getPath());
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII)))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                lines.add(line);
            }
        }
        if (!process.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS) || process.exitValue() != 0 || lines.isEmpty())
        {
            process.destroyForcibly();
            throw new IOException("libzmq harness failed: " + String.join(" ", command));
        }
        return lines;
    }
}
