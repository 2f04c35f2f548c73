package io.ringmq.perf;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by every live thread of this JVM, summed from
 * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}. Read it before and after a measured window:
 * the difference divided by the messages is the allocation per message on every thread (the meter's own array
 * is a few hundred bytes per reading, not per message). A thread that ends inside the window is not counted.
 */
public final class AllocationMeter
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private AllocationMeter()
    {
    }

    /**
     * @return bytes allocated so far by the threads alive now, or -1 when the JVM cannot tell.
     */
    public static long totalAllocatedBytes()
    {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled())
        {
            return -1;
        }
        long total = 0;
        for (final long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds()))
        {
            if (bytes > 0)
            {
                total += bytes;
            }
        }
        return total;
    }

    /**
     * @param before   a reading taken before the window.
     * @param after    a reading taken after it.
     * @param messages messages in the window.
     * @return bytes per message, or NaN when unknown.
     */
    public static double perMessage(final long before, final long after, final long messages)
    {
        if (before < 0 || after < 0 || messages <= 0)
        {
            return Double.NaN;
        }
        return Math.max(0, after - before) / (double)messages;
    }
}
