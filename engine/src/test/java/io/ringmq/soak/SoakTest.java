package io.ringmq.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The soak (profile {@code soak}, not in the default run): PUB/SUB fan-out and PUSH/PULL over tcp for
 * {@code -Dringmq.soak.seconds} (600 by default) while peers keep disconnecting and reconnecting. Asserts no loss
 * where the pattern promises it (subscribers that stay and keep up; a PULL that stays; PUSH sockets that come, send
 * and close with LINGER -1) and no growth of heap, direct memory, threads or file descriptors between the first
 * minute and the end; prints the figures.
 */
@Tag("soak")
class SoakTest
{
    private static final long SECONDS = Long.getLong("ringmq.soak.seconds", 600);
    private static final int MESSAGE_SIZE = 64;
    private static final int PUBLISH_BATCH = 50;
    private static final long PUBLISH_PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final int MESSAGES_PER_CHURNING_PUSH = 1_000;
    private static final long HEAP_GROWTH_LIMIT = 32L << 20;
    private static final long DIRECT_GROWTH_LIMIT = 16L << 20;

    private final List<Throwable> failures = new ArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean publisherDone;

    @Test
    void fanOutAndPipelineWithPeersComingAndGoing() throws Exception
    {
        try (Context ctx = new Context();
            Socket pub = ctx.socket(SocketType.PUB);
            Socket pullStable = ctx.socket(SocketType.PULL);
            Socket pullChurned = ctx.socket(SocketType.PULL))
        {
            pub.setSndHWM(100_000);
            pub.bind("tcp://127.0.0.1:*");
            pullStable.bind("tcp://127.0.0.1:*");
            pullChurned.setRcvHWM(0);
            pullChurned.bind("tcp://127.0.0.1:*");

            final AtomicLong pushed = new AtomicLong();
            final AtomicLong churnedGenerations = new AtomicLong();
            final StableSubscriber[] stable = { new StableSubscriber(ctx, pub), new StableSubscriber(ctx, pub) };
            final ChurningSubscribers churning = new ChurningSubscribers(ctx, pub.getLastEndpoint());
            final List<Thread> threads = new ArrayList<>();
            final Thread publisher = start("publisher", () -> publish(pub, stable));
            for (final StableSubscriber subscriber : stable)
            {
                threads.add(start("stable-sub", subscriber));
            }
            threads.add(start("churning-subs", churning));
            threads.add(start("stable-push", () -> pushSteadily(ctx, pullStable.getLastEndpoint(), pushed)));
            threads.add(start("churning-pushes", () -> pushInGenerations(ctx, pullChurned.getLastEndpoint(),
                churnedGenerations)));
            final PullChecker stablePull = new PullChecker(pullStable, false);
            final PullChecker churnedPull = new PullChecker(pullChurned, true);
            threads.add(start("stable-pull", stablePull));
            threads.add(start("churned-pull", churnedPull));

            final long start = System.nanoTime();
            ResourceSample baseline = null;
            ResourceSample last = null;
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(SECONDS) && failures.isEmpty())
            {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(Math.min(60, Math.max(1, SECONDS / 10))));
                last = ResourceSample.take();
                final long elapsedS = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                if (null == baseline && elapsedS >= Math.min(60, SECONDS / 5))
                {
                    baseline = last;
                }
                System.out.printf("soak %4d s: published %,d, pushed %,d, churned PUSH generations %,d, " +
                    "SUB reconnects %,d; %s%n", elapsedS, published.get(), pushed.get(), churnedGenerations.get(),
                    churning.generations, last);
            }
            running = false;
            publisher.join(60_000);
            publisherDone = true;
            for (final Thread thread : threads)
            {
                thread.join(60_000);
                assertTrue(!thread.isAlive(), thread.getName() + " did not finish");
            }
            if (!failures.isEmpty())
            {
                throw new AssertionError("soak failed", failures.get(0));
            }

            for (final StableSubscriber subscriber : stable)
            {
                assertEquals(published.get(), subscriber.received, "every published message, in order");
            }
            assertEquals(pushed.get(), stablePull.received, "every message of the steady PUSH, in order");
            assertEquals(churnedGenerations.get() * MESSAGES_PER_CHURNING_PUSH, churnedPull.received,
                "every message of every PUSH that came, sent and closed");
            assertEquals(churnedGenerations.get(), churnedPull.completed(), "every PUSH generation whole");
            assertTrue(churning.generations > 0 && churning.received > 0, "the churning subscribers took part");
            assertEquals(0, pub.getDroppedMessages(), "no subscriber that keeps up lost a message at the HWM");

            // Growth is judged between samples taken while all the traffic ran: the first after a minute, the last.
            System.out.printf("soak done after %d s: after the first minute %s; last %s; all stopped %s%n",
                SECONDS, baseline, last, ResourceSample.take());
            assertTrue(null != baseline && null != last, "samples were taken");
            assertTrue(last.heapUsed - baseline.heapUsed < HEAP_GROWTH_LIMIT, "heap growth " + baseline + " -> " + last);
            assertTrue(last.directUsed - baseline.directUsed < DIRECT_GROWTH_LIMIT,
                "direct memory growth " + baseline + " -> " + last);
            assertTrue(last.threads <= baseline.threads, "thread growth " + baseline + " -> " + last);
            assertTrue(last.openFiles <= baseline.openFiles + 8, "file descriptor growth " + baseline + " -> " + last);
        }
    }

    // --------------------------------------------------------------------------------------------- traffic

    private void publish(final Socket pub, final StableSubscriber[] stable)
    {
        final byte[] message = new byte[MESSAGE_SIZE];
        final UnsafeBuffer view = new UnsafeBuffer(message);
        for (final StableSubscriber subscriber : stable)
        {
            while (!subscriber.joined && running)
            {
                pub.send(new byte[]{ 'j' });
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        long sequence = 0;
        while (running)
        {
            for (int i = 0; i < PUBLISH_BATCH; i++)
            {
                message[0] = 'd';
                view.putLong(8, sequence++);
                pub.send(message);
            }
            published.set(sequence);
            LockSupport.parkNanos(PUBLISH_PAUSE_NS);
        }
    }

    private void pushSteadily(final Context ctx, final String endpoint, final AtomicLong pushed)
    {
        try (Socket push = ctx.socket(SocketType.PUSH))
        {
            push.setLinger(-1);
            push.connect(endpoint);
            final byte[] message = new byte[MESSAGE_SIZE];
            final UnsafeBuffer view = new UnsafeBuffer(message);
            long sequence = 0;
            while (running)
            {
                for (int i = 0; i < PUBLISH_BATCH; i++)
                {
                    view.putLong(8, sequence);
                    if (!push.send(message))
                    {
                        throw new AssertionError("the steady PUSH could not send " + sequence);
                    }
                    sequence++;
                }
                pushed.set(sequence);
                LockSupport.parkNanos(PUBLISH_PAUSE_NS);
            }
        }
    }

    private void pushInGenerations(final Context ctx, final String endpoint, final AtomicLong generations)
    {
        final byte[] message = new byte[MESSAGE_SIZE];
        final UnsafeBuffer view = new UnsafeBuffer(message);
        long generation = 0;
        while (running)
        {
            try (Socket push = ctx.socket(SocketType.PUSH))
            {
                push.setLinger(-1);
                push.setSndHWM(0);
                push.connect(endpoint);
                for (int i = 0; i < MESSAGES_PER_CHURNING_PUSH; i++)
                {
                    view.putLong(0, generation);
                    view.putLong(8, i);
                    push.send(message);
                }
            }
            generations.set(++generation);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(10, 200)));
        }
    }

    /**
     * Stays subscribed to everything for the whole run and checks every sequence number.
     */
    private final class StableSubscriber implements Runnable
    {
        private final Socket sub;
        private volatile boolean joined;
        private volatile long received;

        StableSubscriber(final Context ctx, final Socket pub)
        {
            sub = ctx.socket(SocketType.SUB);
            sub.subscribe("");
            sub.connect(pub.getLastEndpoint());
        }

        @Override
        public void run()
        {
            sub.setReceiveTimeOut(100);
            long expected = 0;
            try (Socket socket = sub)
            {
                while (!publisherDone || received < published.get())
                {
                    if (!running && !failures.isEmpty())
                    {
                        return;
                    }
                    final byte[] message = socket.recv();
                    if (null == message || message[0] == 'j')
                    {
                        joined |= null != message;
                        continue;
                    }
                    final long sequence = new UnsafeBuffer(message).getLong(8);
                    if (sequence != expected)
                    {
                        throw new AssertionError("stable subscriber expected " + expected + ", got " + sequence);
                    }
                    expected++;
                    received = expected;
                }
            }
        }
    }

    /**
     * Subscribers that connect, read for a while and close, one after another: each sees increasing sequence
     * numbers, never one twice.
     */
    private final class ChurningSubscribers implements Runnable
    {
        private final Context ctx;
        private final String endpoint;
        private volatile long generations;
        private volatile long received;

        ChurningSubscribers(final Context ctx, final String endpoint)
        {
            this.ctx = ctx;
            this.endpoint = endpoint;
        }

        @Override
        public void run()
        {
            final ThreadLocalRandom random = ThreadLocalRandom.current();
            while (running)
            {
                try (Socket sub = ctx.socket(SocketType.SUB))
                {
                    sub.setLinger(0);
                    sub.subscribe("d");
                    sub.setReceiveTimeOut(10);
                    sub.connect(endpoint);
                    long last = -1;
                    final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(50, 1_000));
                    while (System.nanoTime() - until < 0 && running)
                    {
                        final byte[] message = sub.recv();
                        if (null != message)
                        {
                            final long sequence = new UnsafeBuffer(message).getLong(8);
                            if (sequence <= last)
                            {
                                throw new AssertionError("churning subscriber got " + sequence + " after " + last);
                            }
                            last = sequence;
                            received++;
                        }
                    }
                }
                generations++;
            }
        }
    }

    /**
     * Receives from a PULL and checks order: one sequence overall, or one per PUSH generation (generations may
     * overlap: a closed PUSH lingers while the next one starts).
     */
    private final class PullChecker implements Runnable
    {
        private final Socket pull;
        private final boolean byGeneration;
        private final Map<Long, Long> nextIndexByGeneration = new HashMap<>();
        private final BitSet completedGenerations = new BitSet();
        private volatile long received;

        PullChecker(final Socket pull, final boolean byGeneration)
        {
            this.pull = pull;
            this.byGeneration = byGeneration;
        }

        @Override
        public void run()
        {
            pull.setReceiveTimeOut(100);
            long expected = 0;
            long idleSince = 0;
            while (true)
            {
                final byte[] message = pull.recv();
                if (null == message)
                {
                    if (running)
                    {
                        continue;
                    }
                    // After the run: stop once nothing has come for two seconds (lingering PUSHes have delivered).
                    idleSince = 0 == idleSince ? System.nanoTime() : idleSince;
                    if (System.nanoTime() - idleSince > TimeUnit.SECONDS.toNanos(2))
                    {
                        return;
                    }
                    continue;
                }
                idleSince = 0;
                final UnsafeBuffer view = new UnsafeBuffer(message);
                if (byGeneration)
                {
                    checkGeneration(view.getLong(0), view.getLong(8));
                }
                else if (view.getLong(8) != expected++)
                {
                    throw new AssertionError("stable PULL expected " + (expected - 1) + ", got " + view.getLong(8));
                }
                received++;
            }
        }

        private void checkGeneration(final long generation, final long index)
        {
            if (completedGenerations.get((int)generation))
            {
                throw new AssertionError("churned PULL got " + generation + "/" + index + " after all 1,000");
            }
            final long expected = nextIndexByGeneration.getOrDefault(generation, 0L);
            if (index != expected)
            {
                throw new AssertionError("churned PULL expected " + generation + "/" + expected + ", got " + index);
            }
            if (index + 1 == MESSAGES_PER_CHURNING_PUSH)
            {
                nextIndexByGeneration.remove(generation);
                completedGenerations.set((int)generation);
            }
            else
            {
                nextIndexByGeneration.put(generation, index + 1);
            }
        }

        int completed()
        {
            return completedGenerations.cardinality();
        }
    }

    private Thread start(final String name, final Runnable task)
    {
        final Thread thread = new Thread(() ->
        {
            try
            {
                task.run();
            }
            catch (final Throwable ex)
            {
                synchronized (failures)
                {
                    failures.add(ex);
                }
                running = false;
            }
        }, "soak-" + name);
        thread.start();
        return thread;
    }

    /**
     * Heap after a GC, direct memory, live threads and open file descriptors at one moment.
     */
    private static final class ResourceSample
    {
        final long heapUsed;
        final long directUsed;
        final int threads;
        final int openFiles;

        private ResourceSample(final long heapUsed, final long directUsed, final int threads, final int openFiles)
        {
            this.heapUsed = heapUsed;
            this.directUsed = directUsed;
            this.threads = threads;
            this.openFiles = openFiles;
        }

        static ResourceSample take()
        {
            // Direct buffers are freed by the cleaner thread after the collection that finds them: give it time.
            System.gc();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            System.gc();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            long direct = 0;
            for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
            {
                if ("direct".equals(pool.getName()))
                {
                    direct = pool.getMemoryUsed();
                }
            }
            final String[] fds = new File("/proc/self/fd").list();
            return new ResourceSample(
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), direct,
                ManagementFactory.getThreadMXBean().getThreadCount(), null == fds ? -1 : fds.length);
        }

        @Override
        public String toString()
        {
            return String.format("heap %,d KiB, direct %,d KiB, threads %d, open files %d",
                heapUsed >> 10, directUsed >> 10, threads, openFiles);
        }
    }
}
