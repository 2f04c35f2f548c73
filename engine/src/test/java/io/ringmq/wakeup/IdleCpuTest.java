package io.ringmq.wakeup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A connected pair that has nothing to say costs nothing: with {@code new Context()} the I/O agent blocks in its
 * selector and the application threads blocked in {@code recv} park, so none of them runs until a message comes.
 * Measured as the CPU time of the threads ringmq runs or blocks (the agent, the receiving application thread),
 * which the JVM's own background work (compilation, GC) does not disturb.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdleCpuTest
{
    private static final long IDLE_MS = 2_000;
    /** 1 % of a core over the idle spell, for all the measured threads together. */
    private static final long BOUND_NS = IDLE_MS * 1_000_000L / 100;

    @ParameterizedTest
    @EnumSource(TestTransport.class)
    void anIdleConnectedPairUsesNoCpu(final TestTransport transport) throws Exception
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Context ctx = new Context(); Socket rep = ctx.socket(SocketType.REP); Socket req = ctx.socket(SocketType.REQ))
        {
            rep.bind(transport.bindEndpoint());
            req.connect(rep.getLastEndpoint());
            req.setReceiveTimeOut(5_000);
            final Thread server = new Thread(() ->
            {
                final byte[] request = rep.recv();
                rep.send(request);
                rep.send(rep.recv());
            }, "idle-rep");
            server.start();
            assertTrue(req.send("wake"));
            assertEquals("wake", req.recvStr());

            // Past the spin and yield budget, and past the handshake's timers.
            Thread.sleep(200);
            final List<Long> measured = ringmqThreads(threads, server);
            final long before = cpu(threads, measured);
            final long processBefore = processCpuNanos();
            Thread.sleep(IDLE_MS);
            final long used = cpu(threads, measured) - before;
            final long processUsed = processCpuNanos() - processBefore;
            System.out.printf("idle %s pair over %d ms: ringmq's threads %.3f ms of CPU (%.3f %% of a core), " +
                "the whole JVM %.1f ms%n", transport, IDLE_MS, used / 1e6, 100.0 * used / (IDLE_MS * 1e6),
                processUsed / 1e6);

            assertTrue(req.send("still there"));
            assertEquals("still there", req.recvStr(), "the pair works after the idle spell");
            server.join(5_000);
            assertTrue(used < BOUND_NS, "ringmq's threads used " + used / 1000 + " us of CPU in " + IDLE_MS +
                " ms idle (" + measured.size() + " threads), bound " + BOUND_NS / 1000 + " us");
        }
    }

    /**
     * @return the ids of the I/O agent threads and the application thread blocked in recv.
     */
    private static List<Long> ringmqThreads(final ThreadMXBean threads, final Thread server)
    {
        final List<Long> ids = new ArrayList<>();
        ids.add(server.getId());
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().startsWith("ringmq-io-"))
            {
                ids.add(thread.getId());
            }
        }
        assertTrue(ids.size() > 1, "found the I/O agent's thread");
        return ids;
    }

    private static long cpu(final ThreadMXBean threads, final List<Long> ids)
    {
        long total = 0;
        for (final long id : ids)
        {
            total += Math.max(0, threads.getThreadCpuTime(id));
        }
        return total;
    }

    private static long processCpuNanos()
    {
        final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean bean ? bean.getProcessCpuTime() : -1;
    }
}
