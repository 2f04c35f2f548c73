package io.ringmq.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of every live thread of this JVM, from {@link ThreadMXBean#getThreadCpuTime(long)}: a reading before
 * and after a measured window tells how much CPU each thread spent on it, which on a machine with fewer cores than
 * busy threads says more about the cost of a message than the throughput does, and shows which thread limits it.
 * A reading allocates; take it outside the window. A thread that ends inside the window is not counted.
 */
public final class CpuMeter
{
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> nanosByThread = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();

    private CpuMeter()
    {
    }

    /**
     * @return the CPU time of every thread alive now; empty when the JVM cannot tell.
     */
    public static CpuMeter read()
    {
        final CpuMeter reading = new CpuMeter();
        if (!THREADS.isThreadCpuTimeSupported() || !THREADS.isThreadCpuTimeEnabled())
        {
            return reading;
        }
        for (final ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds()))
        {
            if (null != info)
            {
                final long nanos = THREADS.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0)
                {
                    reading.nanosByThread.put(info.getThreadId(), nanos);
                    reading.names.put(info.getThreadId(), info.getThreadName());
                }
            }
        }
        return reading;
    }

    /**
     * The CPU each thread spent between two readings.
     *
     * @param before a reading taken before the window.
     * @param after  a reading taken after it.
     * @return each thread that spent any, busiest first.
     */
    public static List<ThreadCpu> between(final CpuMeter before, final CpuMeter after)
    {
        final List<ThreadCpu> spent = new ArrayList<>();
        for (final Map.Entry<Long, Long> entry : after.nanosByThread.entrySet())
        {
            final long nanos = entry.getValue() - before.nanosByThread.getOrDefault(entry.getKey(), 0L);
            if (nanos > 0)
            {
                spent.add(new ThreadCpu(after.names.get(entry.getKey()), nanos));
            }
        }
        spent.sort((a, b) -> Long.compare(b.nanos(), a.nanos()));
        return spent;
    }

    /**
     * @param spent from {@link #between(CpuMeter, CpuMeter)}.
     * @return the total over every thread, in nanoseconds.
     */
    public static long total(final List<ThreadCpu> spent)
    {
        long total = 0;
        for (final ThreadCpu thread : spent)
        {
            total += thread.nanos();
        }
        return total;
    }

    /**
     * @param spent    from {@link #between(CpuMeter, CpuMeter)}.
     * @param messages messages in the window.
     * @param limit    the busiest threads to name.
     * @return e.g. "ringmq-io-0 95, main 40, ringmq-push 31 ns/msg".
     */
    public static String perMessage(final List<ThreadCpu> spent, final long messages, final int limit)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(limit, spent.size()); i++)
        {
            text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.0f", spent.get(i).name(),
                spent.get(i).nanos() / (double)Math.max(1, messages)));
        }
        return text.append(" ns/msg").toString();
    }

    /**
     * CPU one thread spent in a window.
     *
     * @param name  the thread's name.
     * @param nanos CPU time in nanoseconds.
     */
    public record ThreadCpu(String name, long nanos)
    {
    }
}
