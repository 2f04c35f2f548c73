package io.ringmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Poller;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ZeroMQ's PUB never blocks: whatever stands between it and its subscribers (the I/O thread behind, a subscriber at
 * its high-water mark) it drops the message and counts the drop. With a send timeout of 0, a send that would wait
 * returns false, so a burst far faster than the I/O shows every send returning true, POLLOUT throughout, and every
 * message either delivered to each subscriber, in order, or counted as dropped.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PubNeverBlocksTest
{
    private static final int MESSAGES = 200_000;

    @ModesAndTransports
    void aBurstBeyondTheHighWaterMarkNeverWaitsAndEveryMessageIsDeliveredOrCounted(
        final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket pub = publisher(ctx, transport.bindEndpoint()))
        {
            final Socket sub = subscriber(ctx, pub, pub.getLastEndpoint());
            final long droppedBefore = pub.getDroppedMessages();
            burst(pub);
            final long received = drainAll(pub, droppedBefore, sub);
            System.out.printf("%s %s PUB burst: %,d delivered, %,d dropped%n",
                mode, transport, received, pub.getDroppedMessages() - droppedBefore);
        }
    }

    /**
     * With inproc and tcp subscribers at once, the I/O agent's share of a message is dropped, not waited for.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPublisherWithInprocAndTcpSubscribersNeverWaits(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket pub = publisher(ctx, "tcp://127.0.0.1:*"))
        {
            final Socket overTcp = subscriber(ctx, pub, pub.getLastEndpoint());
            pub.bind("inproc://pub-never-blocks");
            final Socket overInproc = subscriber(ctx, pub, "inproc://pub-never-blocks");
            final long droppedBefore = pub.getDroppedMessages();
            burst(pub);
            final long received = drainAll(pub, droppedBefore, overTcp, overInproc);
            System.out.printf("%s tcp+inproc PUB burst: %,d delivered, %,d dropped%n",
                mode, received, pub.getDroppedMessages() - droppedBefore);
        }
    }

    /**
     * In invoker mode the sending thread is the I/O: what fills the socket's ring during a burst is its own pending
     * batch, not a slow agent, and it writes that batch before it would drop. A burst the kernel and the subscriber
     * take loses next to nothing, where waiting to write the batch would drop all but the HWM's worth. A drop is
     * still possible when the I/O falls behind for a moment (the context's tail flusher holding it, the kernel
     * refusing a write), as a PUB drops at its HWM whenever its I/O falls behind; every message that does not
     * arrive is counted as dropped, none is lost silently.
     */
    @ParameterizedTest
    @EnumSource(value = TestTransport.class, names = {"TCP", "IPC"})
    void inInvokerModeABurstTheSubscriberKeepsUpWithLosesNextToNothing(final TestTransport transport)
        throws Exception
    {
        final int messages = 5_000;
        try (Context ctx = Mode.INVOKER.newContext(); Socket pub = ctx.socket(SocketType.PUB))
        {
            pub.setSndHWM(100);
            pub.bind(transport.bindEndpoint());
            final Socket sub = subscriber(ctx, pub, pub.getLastEndpoint());
            sub.setRcvHWM(0);
            final long droppedBefore = pub.getDroppedMessages();
            final ByteBuffer body = ByteBuffer.allocate(Long.BYTES);
            for (long i = 0; i < messages; i++)
            {
                body.putLong(0, i);
                assertTrue(pub.send(body.array()), "send " + i);
            }
            // The last of the burst may still be routed (and dropped) by the I/O the receives run.
            sub.setReceiveTimeOut(1_000);
            long delivered = 0;
            long last = -1;
            byte[] message;
            while (delivered + pub.getDroppedMessages() - droppedBefore < messages && null != (message = sub.recv()))
            {
                if (message.length == Long.BYTES)
                {
                    final long sequence = ByteBuffer.wrap(message).getLong();
                    assertTrue(sequence > last, "in order, once: " + sequence + " after " + last);
                    last = sequence;
                    delivered++;
                }
            }
            final long dropped = pub.getDroppedMessages() - droppedBefore;
            assertEquals(messages, delivered + dropped, "every message delivered or counted as dropped");
            assertTrue(dropped < messages / 10, dropped + " of a burst of " + messages + " dropped");
        }
    }

    private static Socket publisher(final Context ctx, final String endpoint)
    {
        final Socket pub = ctx.socket(SocketType.PUB);
        pub.setSndHWM(2);
        pub.setSendTimeOut(0);
        pub.bind(endpoint);
        return pub;
    }

    private static Socket subscriber(final Context ctx, final Socket pub, final String endpoint)
    {
        final Socket sub = ctx.socket(SocketType.SUB);
        sub.subscribe("");
        sub.connect(endpoint);
        NoLossTest.awaitSubscription(ctx, pub, sub);
        sub.setReceiveTimeOut(0);
        return sub;
    }

    private static void burst(final Socket pub)
    {
        final ByteBuffer body = ByteBuffer.allocate(Long.BYTES);
        for (long i = 0; i < MESSAGES; i++)
        {
            assertTrue((pub.getEvents() & Poller.POLLOUT) != 0, "POLLOUT before message " + i);
            body.putLong(0, i);
            assertTrue(pub.send(body.array()), "send " + i + " returned false: the PUB waited");
        }
    }

    /**
     * Receive until every subscriber's messages plus the publisher's drops account for the whole burst, each
     * subscriber's in order and none twice.
     *
     * @return messages delivered, over all subscribers.
     */
    private static long drainAll(final Socket pub, final long droppedBefore, final Socket... subs)
    {
        final long expected = (long)MESSAGES * subs.length;
        final long[] last = new long[subs.length];
        Arrays.fill(last, -1);
        long received = 0;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (received + pub.getDroppedMessages() - droppedBefore < expected)
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("delivered " + received + " and dropped " + (pub.getDroppedMessages() - droppedBefore) +
                    " of " + expected);
            }
            for (int i = 0; i < subs.length; i++)
            {
                final byte[] message = subs[i].recv();
                if (null != message && message.length == Long.BYTES)
                {
                    final long sequence = ByteBuffer.wrap(message).getLong();
                    assertTrue(sequence > last[i], "message " + sequence + " after " + last[i]);
                    last[i] = sequence;
                    received++;
                }
            }
        }
        final long settle = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        while (System.nanoTime() - settle < 0)
        {
            for (final Socket sub : subs)
            {
                final byte[] message = sub.recv();
                received += null != message && message.length == Long.BYTES ? 1 : 0;
            }
        }
        assertEquals(expected, received + pub.getDroppedMessages() - droppedBefore, "delivered plus dropped");
        assertTrue(received > 0, "some messages were delivered");
        return received;
    }
}
