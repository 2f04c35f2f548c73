package io.ringmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.patterns.Patterns.SequenceChecker;
import io.ringmq.patterns.Patterns.Worker;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;

/**
 * Reliable patterns lose nothing while both ends live: a million sequence-numbered messages arrive in order,
 * once each. The sender runs on its own thread, as in an application; the receiver checks every number.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NoLossTest
{
    private static final long MESSAGES = 1_000_000;

    @ModesAndTransports
    void pushToPullDeliversEveryMessageInOrderOnce(final Mode mode, final TestTransport transport) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH))
        {
            pull.bind(transport.bindEndpoint());
            push.connect(pull.getLastEndpoint());
            streamAndCheck(push, pull);
        }
    }

    @ModesAndTransports
    void pairToPairDeliversEveryMessageInOrderOnce(final Mode mode, final TestTransport transport) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket receiver = ctx.socket(SocketType.PAIR);
            Socket sender = ctx.socket(SocketType.PAIR))
        {
            receiver.bind(transport.bindEndpoint());
            sender.connect(receiver.getLastEndpoint());
            streamAndCheck(sender, receiver);
        }
    }

    @ModesAndTransports
    void pubToSubDeliversEveryMessageInOrderOnceWhileTheSubscriberKeepsUp(final Mode mode, final TestTransport transport) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket pub = ctx.socket(SocketType.PUB);
            Socket sub = ctx.socket(SocketType.SUB))
        {
            // PUB drops for a peer at its SNDHWM by design; a subscriber thread sharing 2 cores with the sender and
            // the I/O falls behind a full-speed burst for a while, so the publisher may queue without limit here.
            pub.setSndHWM(0);
            pub.bind(transport.bindEndpoint());
            sub.subscribe("");
            sub.connect(pub.getLastEndpoint());
            awaitSubscription(ctx, pub, sub);

            final SequenceChecker checker = new SequenceChecker(0);
            try (Worker receiver = new Worker("sub", () -> checker.drain(sub, MESSAGES, 50_000)))
            {
                Patterns.sendSequence(pub, 0, MESSAGES);
                receiver.join(50_000);
            }
            assertNull(checker.error, checker.error);
            assertEquals(0, pub.getDroppedMessages(), "drops while the subscriber kept up, after receiving " +
                checker.received);
            assertEquals(MESSAGES, checker.received);
            assertEquals(MESSAGES, checker.expected);
        }
    }

    /**
     * Probe with one-byte messages until the subscriber sees one: from then on its subscription is in force.
     */
    static void awaitSubscription(final Context ctx, final Socket pub, final Socket sub)
    {
        final SequenceChecker probe = new SequenceChecker(0);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (probe.probes == 0 && System.nanoTime() - deadline < 0)
        {
            pub.send(new byte[]{ 'p' });
            Patterns.pause(ctx, 5);
            sub.receive(probe, 100);
        }
        assertTrue(probe.probes > 0, "subscription took effect");
    }

    private static void streamAndCheck(final Socket sender, final Socket receiver) throws Exception
    {
        final SequenceChecker checker = new SequenceChecker(0);
        final long start = System.nanoTime();
        try (Worker worker = new Worker("sender", () -> Patterns.sendSequence(sender, 0, MESSAGES)))
        {
            checker.drain(receiver, MESSAGES, 50_000);
            worker.join(10_000);
        }
        final long ns = System.nanoTime() - start;
        assertNull(checker.error, checker.error);
        assertEquals(MESSAGES, checker.received);
        assertEquals(MESSAGES, checker.expected);
        System.out.printf("%s->%s: %,d msg/s%n", sender.getSocketType(), receiver.getSocketType(),
            MESSAGES * 1_000_000_000L / Math.max(1, ns));
    }
}
