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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    /**
     * A PUSH that sends and closes while its PULL is held back by a small RCVHWM: the bytes the PULL's connection
     * read before the peer's close, not yet decoded for want of room, are delivered before the connection closes.
     * Over tcp and ipc, the transports with a connection to close (an inproc sender's close drops what its pipe
     * holds, a separate matter).
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void whatAPeerSentBeforeClosingIsAllDelivered(final Mode mode) throws Exception
    {
        for (final TestTransport transport : new TestTransport[] {TestTransport.TCP, TestTransport.IPC})
        {
            peerSendsAndCloses(mode, transport);
        }
    }

    private static void peerSendsAndCloses(final Mode mode, final TestTransport transport) throws Exception
    {
        // Fewer bytes than the connection's 64 KiB read buffer: the PUSH finishes and closes whatever the PULL does,
        // and its close reaches the PULL's connection behind all of them.
        final long messages = 900;
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.setRcvHWM(10);
            pull.bind(transport.bindEndpoint());
            final String endpoint = pull.getLastEndpoint();
            try (Worker pusher = new Worker("push-and-close", () ->
            {
                // A context of its own, whose close lingers until every message is on its way.
                try (Context pushContext = mode.newContext(); Socket push = pushContext.socket(SocketType.PUSH))
                {
                    push.connect(endpoint);
                    Patterns.sendSequence(push, 0, messages, 64);
                }
            }))
            {
                // The PULL's I/O runs (in invoker mode on this thread) but nothing is read until the PUSH is gone.
                assertTrue(Mode.await(ctx, () -> !pusher.isAlive(), 30_000), "the PUSH sent and closed");
                pusher.join(1_000);
            }
            final SequenceChecker checker = new SequenceChecker(0);
            checker.drain(pull, messages, 30_000);
            assertNull(checker.error, checker.error);
            assertEquals(messages, checker.received, "messages sent before the peer closed, over " + transport);
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
