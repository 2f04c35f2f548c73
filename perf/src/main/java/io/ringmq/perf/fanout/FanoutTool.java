package io.ringmq.perf.fanout;

import java.util.List;
import java.util.Locale;

import io.ringmq.IdleMode;
import io.ringmq.perf.PerfTool;
import io.ringmq.perf.RunOptions;

/**
 * {@code fanout [subscribers=4] [rate=100000|max] [seconds=5] [options]}: one PUB, N SUBs in one process, quotes
 * at a paced rate (coordinated-omission correct: latency counts from each quote's intended publish time) or flat
 * out ({@code max}); prints one-way latency percentiles, delivered msg/s, gaps and drops per subscriber, bytes
 * allocated per quote on every thread, and which threads spin.
 *
 * <pre>
 *  --transport=tcp|ipc|inproc   default tcp (loopback)
 *  --size=N                     bytes per quote, at least 38 (default 64)
 *  --per-symbol                 subscriber i takes symbol i only (market-data style); default: everything
 *  --sub-threads=N              threads serving the SUB sockets (default 1)
 *  --warmup-seconds=S           untimed quotes first (default 2)
 *  --mode, --idle               as for every tool, but the default is threaded, yield: the publisher's I/O agent
 *                               writes what accumulated to each subscriber in one call, where in invoker mode the
 *                               publishing thread writes every quote to every subscriber itself
 *  --sub-mode, --sub-idle       the subscribers' context only (default: as --mode, --idle)
 * </pre>
 */
public final class FanoutTool implements PerfTool
{
    @Override
    public String name()
    {
        return "fanout";
    }

    @Override
    public String description()
    {
        return "PUB -> N SUB fan-out: [subscribers=4] [rate=100000|max] [seconds=5] [--transport= --per-symbol ..]";
    }

    @Override
    public int run(final String[] args) throws Exception
    {
        final RunOptions parsed = RunOptions.parse(args);
        final List<String> positional = parsed.positional();
        final RunOptions options = parsed.modeOrIdleGiven() ? parsed :
            RunOptions.of(RunOptions.Mode.THREADED, IdleMode.YIELD);
        String transport = "tcp";
        int size = 64;
        boolean perSymbol = false;
        int subThreads = 1;
        double warmupSeconds = 2;
        RunOptions subOptions = options;
        for (final String option : parsed.unknown())
        {
            final String value = option.substring(option.indexOf('=') + 1);
            if (option.startsWith("--transport="))
            {
                transport = value;
            }
            else if (option.startsWith("--size="))
            {
                size = Integer.parseInt(value);
            }
            else if ("--per-symbol".equals(option))
            {
                perSymbol = true;
            }
            else if (option.startsWith("--sub-threads="))
            {
                subThreads = Integer.parseInt(value);
            }
            else if (option.startsWith("--sub-mode=") || option.startsWith("--sub-idle="))
            {
                subOptions = RunOptions.of(
                    option.startsWith("--sub-mode=") ? RunOptions.Mode.valueOf(value.toUpperCase(Locale.ROOT)) :
                    subOptions.mode(), option.startsWith("--sub-idle=") ? RunOptions.idleMode(value) :
                    subOptions.idle());
            }
            else if (option.startsWith("--warmup-seconds="))
            {
                warmupSeconds = Double.parseDouble(value);
            }
            else
            {
                return usage("unknown option " + option);
            }
        }
        final int subscribers = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 4;
        final int rate = positional.size() > 1 ? "max".equals(positional.get(1)) ? 0 :
            Integer.parseInt(positional.get(1)) : 100_000;
        final double seconds = positional.size() > 2 ? Double.parseDouble(positional.get(2)) : 5;
        if (subscribers < 1 || rate < 0 || seconds <= 0 || size < Quote.LENGTH || subThreads < 1 ||
            positional.size() > 3)
        {
            return usage(null);
        }

        final FanoutSpec spec = new FanoutSpec(endpoint(transport, "fanout"), subscribers, rate, warmupSeconds,
            seconds, size, perSymbol, subThreads);
        new RingmqFanout(spec, options, subOptions).run().print(System.out);
        return 0;
    }

    /**
     * @param transport tcp, ipc or inproc.
     * @param name      a name for ipc and inproc endpoints.
     * @return a bind endpoint on this machine.
     */
    public static String endpoint(final String transport, final String name)
    {
        switch (transport)
        {
            case "tcp":
                return "tcp://127.0.0.1:*";
            case "ipc":
                return "ipc://" + System.getProperty("java.io.tmpdir") + "/ringmq-perf-" + name + "-" +
                    ProcessHandle.current().pid() + "-" + System.nanoTime();
            case "inproc":
                return "inproc://ringmq-perf-" + name + "-" + System.nanoTime();
            default:
                throw new IllegalArgumentException("transport must be tcp, ipc or inproc: " + transport);
        }
    }

    private static int usage(final String problem)
    {
        if (null != problem)
        {
            System.err.println("fanout: " + problem);
        }
        System.err.println("usage: fanout [subscribers >= 1] [rate msg/s, or max] [seconds] [--transport=tcp|ipc|" +
            "inproc] [--size=N >= 38] [--per-symbol] [--sub-threads=N] [--warmup-seconds=S] [--mode=invoker|" +
            "threaded] [--idle=spin|yield|backoff|blocking] [--sub-mode=..] [--sub-idle=..]");
        return 2;
    }
}
