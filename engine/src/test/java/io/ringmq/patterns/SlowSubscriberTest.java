package io.ringmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.ringmq.Context;
import io.ringmq.SendClaim;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.patterns.Patterns.SequenceChecker;
import io.ringmq.patterns.Patterns.Worker;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stalled subscriber never slows the others: PUB drops for the peer at its high-water mark, counts the drops,
 * and keeps feeding everyone else at full speed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowSubscriberTest
{
    private static final long MESSAGES = 300_000;
    private static final int LENGTH = 100;
    /** The publisher's high-water mark in the throughput test: the stalled peer's backlog stops there. */
    private static final int HWM = 10_000;
    /**
     * The sender keeps no more than this many messages ahead of the fast subscriber, below the high-water mark: a
     * PUB never waits, so one that outran its I/O agent would drop for the fast peer too, as libzmq's does.
     */
    private static final long WINDOW = HWM / 2;

    @ModesAndTransports
    void stalledSubscriberDoesNotSlowTheOtherAndItsDropsAreCounted(final Mode mode, final TestTransport transport)
        throws Exception
    {
        // Connection rings big enough to absorb the fast subscriber's scheduling hiccups on a busy 2-core machine, so
        // any drop for it would be the stalled peer's doing; the stalled one stops at its RCVHWM whatever the ring.
        try (Context ctx = new Context(mode.config().connectionRingBytes(16 * 1024 * 1024));
            Socket pub = ctx.socket(SocketType.PUB))
        {
            pub.setSndHWM(HWM);
            pub.bind(transport.bindEndpoint());
            final Socket fast = ctx.socket(SocketType.SUB);
            fast.setRcvHWM(0);
            fast.subscribe("");
            fast.connect(pub.getLastEndpoint());
            NoLossTest.awaitSubscription(ctx, pub, fast);

            // Best of three runs each way, taken in turns: this shared 2-core machine's throughput moves in steps
            // (seen here: 6 M msg/s to 3.5 M and back, for seconds, with no subscriber added), so runs measured one
            // way after the other would compare two periods of the machine rather than the stalled peer's effect.
            run(pub, fast, 0);
            double alone = 0;
            double withStalled = 0;
            long first = MESSAGES;
            for (int round = 0; round < 3; round++)
            {
                alone = Math.max(alone, run(pub, fast, first));
                first += MESSAGES;
                if (round == 0)
                {
                    assertEquals(0, pub.getDroppedMessages(), "drops with no stalled subscriber");
                }
                final Socket stalled = stalledSubscriber(ctx, pub);
                withStalled = Math.max(withStalled, run(pub, fast, first));
                first += MESSAGES;
                stalled.close();
            }
            final long dropped = pub.getDroppedMessages();
            System.out.printf("%s slow subscriber: alone %,.0f msg/s, beside a stalled one %,.0f msg/s (%.2fx), " +
                "dropped for the stalled ones %,d%n", mode, alone, withStalled, withStalled / alone, dropped);

            assertTrue(dropped > 0, "drops counted for the stalled subscriber");
            // The ratio is the measurement (printed); on two shared cores it spans about 0.6x to 1.45x from run to
            // run. The bound catches what matters: a stalled peer that holds the others back (ratio near 0).
            assertTrue(withStalled >= 0.33 * alone,
                "throughput beside a stalled subscriber " + withStalled + " vs alone " + alone);
        }
    }

    /**
     * Only invoker mode shows the duty cycle's work count (a threaded agent's is internal), so this runs there.
     */
    @ParameterizedTest
    @EnumSource(TestTransport.class)
    void aStalledSubscriberDoesNotKeepTheIoBusy(final TestTransport transport)
    {
        try (Context ctx = Mode.INVOKER.newContext(); Socket pub = ctx.socket(SocketType.PUB))
        {
            pub.setSndHWM(100);
            pub.bind(transport.bindEndpoint());
            final Socket stalled = ctx.socket(SocketType.SUB);
            stalled.setRcvHWM(10);
            stalled.subscribe("");
            stalled.connect(pub.getLastEndpoint());
            NoLossTest.awaitSubscription(ctx, pub, stalled);
            Patterns.sendSequence(pub, 0, MESSAGES, LENGTH);
            Patterns.pause(ctx, 200);
            assertTrue(pub.getDroppedMessages() > 0, "the subscriber is stalled with data waiting");

            // Nothing can move now: the duty cycle must find no work rather than poll the stalled peer in a loop.
            int work = 0;
            for (int i = 0; i < 1_000; i++)
            {
                work += ctx.invoke();
            }
            assertTrue(work < 100, "work reported by 1,000 duty cycles with nothing to move: " + work);
        }
    }

    /**
     * A SUB that reads the first probe, so we know it is subscribed, and then never reads again.
     */
    private static Socket stalledSubscriber(final Context ctx, final Socket pub)
    {
        final Socket stalled = ctx.socket(SocketType.SUB);
        stalled.setRcvHWM(10);
        stalled.setLinger(0);
        stalled.subscribe("");
        stalled.connect(pub.getLastEndpoint());
        NoLossTest.awaitSubscription(ctx, pub, stalled);
        return stalled;
    }

    /**
     * Stream numbered messages from a sender thread, at most {@link #WINDOW} ahead of the fast subscriber, while the
     * fast subscriber reads on this thread.
     *
     * @return messages per second the fast subscriber received, every one checked.
     */
    private static double run(final Socket pub, final Socket fast, final long first) throws Exception
    {
        final SequenceChecker checker = new SequenceChecker(first);
        final AtomicLong taken = new AtomicLong();
        final long start = System.nanoTime();
        try (Worker sender = new Worker("pub", () -> sendWindowed(pub, first, taken)))
        {
            final IdleStrategy idle = Patterns.newIdle();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (checker.received < MESSAGES && System.nanoTime() - deadline < 0)
            {
                idle.idle(fast.receive(checker, 4096));
                taken.lazySet(checker.received);
            }
            sender.join(10_000);
        }
        final long ns = System.nanoTime() - start;
        assertNull(checker.error, checker.error);
        assertEquals(MESSAGES, checker.received, "messages the fast subscriber received");
        return MESSAGES * 1e9 / ns;
    }

    private static void sendWindowed(final Socket pub, final long first, final AtomicLong taken)
    {
        for (long i = 0; i < MESSAGES; i++)
        {
            while (i - taken.get() >= WINDOW)
            {
                Thread.onSpinWait();
            }
            final SendClaim claim = pub.claim(LENGTH);
            claim.buffer().putLong(claim.offset(), first + i);
            claim.commit();
        }
    }
}
