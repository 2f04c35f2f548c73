package io.ringmq.interop;

import static io.ringmq.interop.Interop.jeromq;
import static io.ringmq.interop.Interop.link;
import static io.ringmq.interop.Interop.ringmq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.interop.Interop.Side;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * PUB/SUB against JeroMQ: a subscriber to "A" and "C" gets exactly the messages starting with A or C, in order,
 * whichever side publishes and whichever side binds.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PubSubInteropTest
{
    private static final int BATCH = 500;
    private static final String[] TOPICS = {"A", "B", "C", "D", "AB", "CA", "BA", ""};

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void ringmqPubToJeromqSub(final Mode mode, final Side side)
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket pub = ringmq(ctx, SocketType.PUB))
        {
            final ZMQ.Socket sub = jeromq(zctx, org.zeromq.SocketType.SUB);
            // The batch is published before it is read: no high-water mark may drop any of it.
            pub.setSndHWM(0);
            sub.setRcvHWM(0);
            sub.subscribe("A".getBytes(StandardCharsets.UTF_8));
            sub.subscribe("C".getBytes(StandardCharsets.UTF_8));
            link(zctx, side, pub, sub);

            exchange(
                pub::send,
                () ->
                {
                    final byte[] frame = Interop.recv(ctx, sub, 20);
                    return null == frame ? null : new String(frame, StandardCharsets.UTF_8);
                });
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void jeromqPubToRingmqSub(final Mode mode, final Side side)
    {
        // The default receive high-water mark: the batch outgrows it, so the subscriber pauses and resumes reading.
        jeromqPubToRingmq(mode, side, 1000);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void jeromqPubToRingmqSubWithoutReceiveLimit(final Mode mode, final Side side)
    {
        jeromqPubToRingmq(mode, side, 0);
    }

    private static void jeromqPubToRingmq(final Mode mode, final Side side, final int rcvHwm)
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket sub = ringmq(ctx, SocketType.SUB))
        {
            final ZMQ.Socket pub = jeromq(zctx, org.zeromq.SocketType.PUB);
            // JeroMQ's PUB drops whatever its I/O thread has not taken yet beyond its mark: the batch is published
            // faster than that on a busy machine.
            pub.setSndHWM(0);
            sub.setRcvHWM(rcvHwm);
            sub.subscribe("A");
            sub.subscribe("C");
            link(zctx, side, sub, pub);

            sub.setReceiveTimeOut(20);
            exchange(
                message -> assertTrue(pub.send(message)),
                sub::recvStr);
        }
    }

    /**
     * Publish probes until the subscriber shows both subscriptions took effect (the slow joiner), then a numbered
     * batch over every topic, and check the subscriber got exactly the matching part of it, in order.
     */
    private static void exchange(final Consumer<String> publish, final Supplier<String> receive)
    {
        boolean sawA = false;
        boolean sawC = false;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(sawA && sawC))
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("subscriptions never took effect: A " + sawA + ", C " + sawC);
            }
            publish.accept("A-probe");
            publish.accept("B-probe");
            publish.accept("C-probe");
            String got;
            while (null != (got = receive.get()))
            {
                sawA |= got.equals("A-probe");
                sawC |= got.equals("C-probe");
                assertTrue(got.equals("A-probe") || got.equals("C-probe"), "unexpected " + got);
            }
        }

        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < BATCH; i++)
        {
            for (final String topic : TOPICS)
            {
                final String message = topic + "-" + i;
                publish.accept(message);
                if (topic.startsWith("A") || topic.startsWith("C"))
                {
                    expected.add(message);
                }
            }
        }
        publish.accept("C-end");
        expected.add("C-end");

        final List<String> received = new ArrayList<>();
        while (received.isEmpty() || !received.get(received.size() - 1).equals("C-end"))
        {
            final String got = receiveWithin(receive, 5_000);
            if (!got.endsWith("-probe"))
            {
                received.add(got);
            }
        }
        assertEquals(expected, received);
    }

    private static String receiveWithin(final Supplier<String> receive, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        String got;
        while (null == (got = receive.get()))
        {
            if (System.nanoTime() - deadline > 0)
            {
                break;
            }
        }
        assertNotNull(got, "subscriber received nothing in time");
        return got;
    }
}
