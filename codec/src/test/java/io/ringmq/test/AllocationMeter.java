package io.ringmq.test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Measures the bytes allocated by every live thread of the process between {@link #start()} and {@link #stop()},
 * using {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}. The total is a sum over all threads, so
 * garbage made on a helper thread (an I/O agent, a timer) counts as much as garbage made by the caller.
 *
 * <p>Thread ids are taken once, in {@link #start()}, before the baseline is read; every array the meter uses is
 * allocated at construction or in {@link #start()} before the baseline, and {@link #stop()} allocates nothing, so
 * the meter itself adds nothing measurable to the total. Threads started after {@link #start()} are not seen, and
 * a thread that ends inside the region takes its count with it: start the threads under test first.
 *
 * <p>Typical use, after a warm-up run of the same code:
 * <pre>
 *  meter.start();
 *  runSteadyState();
 *  assertThat(meter.stop()) &lt; BOUND
 * </pre>
 */
public final class AllocationMeter
{
    private static final int INITIAL_CAPACITY = 256;

    private final com.sun.management.ThreadMXBean threads;
    private long[] threadIds = new long[INITIAL_CAPACITY];
    private long[] baseline = new long[INITIAL_CAPACITY];
    private long[] allocatedByThread = new long[INITIAL_CAPACITY];
    private int threadCount;
    private boolean started;

    /**
     * @throws IllegalStateException when the JVM cannot count allocated bytes per thread.
     */
    public AllocationMeter()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean))
        {
            throw new IllegalStateException("this JVM has no com.sun.management.ThreadMXBean");
        }
        threads = (com.sun.management.ThreadMXBean)bean;
        if (!threads.isThreadAllocatedMemorySupported())
        {
            throw new IllegalStateException("this JVM cannot measure allocated bytes per thread");
        }
        if (!threads.isThreadAllocatedMemoryEnabled())
        {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
    }

    /**
     * Take the ids of all live threads and their allocation counts so far.
     */
    public void start()
    {
        final long[] ids = threads.getAllThreadIds();
        if (ids.length > threadIds.length)
        {
            threadIds = new long[ids.length * 2];
            baseline = new long[ids.length * 2];
            allocatedByThread = new long[ids.length * 2];
        }
        System.arraycopy(ids, 0, threadIds, 0, ids.length);
        threadCount = ids.length;
        started = true;

        for (int i = 0; i < threadCount; i++)
        {
            baseline[i] = threads.getThreadAllocatedBytes(threadIds[i]);
        }
    }

    /**
     * @return bytes allocated since {@link #start()}, summed over the threads that were alive then and still are.
     */
    public long stop()
    {
        if (!started)
        {
            throw new IllegalStateException("stop() without start()");
        }
        started = false;

        long total = 0;
        for (int i = 0; i < threadCount; i++)
        {
            final long before = baseline[i];
            final long after = threads.getThreadAllocatedBytes(threadIds[i]);
            allocatedByThread[i] = before >= 0 && after >= 0 ? after - before : 0;
            total += allocatedByThread[i];
        }
        return total;
    }

    /**
     * Which threads allocated in the last measured region, for a failure message (this call allocates).
     *
     * @return "name=bytes" for every thread that allocated, largest first, and how many threads were seen.
     */
    public String breakdown()
    {
        final List<Integer> allocating = new ArrayList<>();
        for (int i = 0; i < threadCount; i++)
        {
            if (allocatedByThread[i] > 0)
            {
                allocating.add(i);
            }
        }
        allocating.sort(Comparator.comparingLong((Integer i) -> allocatedByThread[i]).reversed());
        final StringBuilder text = new StringBuilder().append(threadCount).append(" threads seen");
        for (final int i : allocating)
        {
            final ThreadInfo info = threads.getThreadInfo(threadIds[i]);
            final String name = null == info ? "thread " + threadIds[i] + " (ended)" : info.getThreadName();
            text.append(", ").append(name).append('=').append(allocatedByThread[i]);
        }
        return text.toString();
    }

    /**
     * @return how many threads the last {@link #start()} saw.
     */
    public int threadCount()
    {
        return threadCount;
    }
}
