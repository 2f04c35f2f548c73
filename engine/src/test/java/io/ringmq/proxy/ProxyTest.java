package io.ringmq.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Proxy;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The proxy as ZeroMQ applications build with it: an XSUB/XPUB forwarder (with ringmq and JeroMQ publishers), a
 * PULL/PUSH streamer with a capture socket, multipart messages, and the steerable proxy's commands.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProxyTest
{
    private static final String ANY_PORT = "tcp://127.0.0.1:*";
    private static final int RECEIVE_TIMEOUT_MS = 5_000;
    private static final int MESSAGES = 100;

    /**
     * Sends one single-frame message from whichever publisher a test uses.
     */
    @FunctionalInterface
    private interface Publisher
    {
        void publish(String message);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void forwarderDeliversToEachSubscriberExactlyItsPrefix(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext(); Socket pub = ctx.socket(SocketType.PUB))
        {
            runForwarder(ctx, pub::connect, pub::send);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void forwarderCarriesAJeromqPublisher(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext(); ZContext zctx = new ZContext())
        {
            final ZMQ.Socket pub = zctx.createSocket(org.zeromq.SocketType.PUB);
            pub.setLinger(0);
            // Should the connection stall in its handshake, a short interval makes JeroMQ redial it.
            pub.setHandshakeIvl(300);
            runForwarder(ctx, pub::connect, pub::send);
        }
    }

    /**
     * Publisher -> XSUB (bound) -> proxy -> XPUB (bound) -> two SUBs with different prefixes.
     */
    private static void runForwarder(
        final Context ctx, final java.util.function.Consumer<String> connectPublisher, final Publisher publisher)
        throws Exception
    {
        try (Socket xsub = ctx.socket(SocketType.XSUB);
            Socket xpub = ctx.socket(SocketType.XPUB);
            Socket subA = ctx.socket(SocketType.SUB);
            Socket subB = ctx.socket(SocketType.SUB))
        {
            xsub.bind(ANY_PORT);
            xpub.bind(ANY_PORT);
            connectPublisher.accept(xsub.getLastEndpoint());
            subA.subscribe("A");
            subB.subscribe("B");
            subA.connect(xpub.getLastEndpoint());
            subB.connect(xpub.getLastEndpoint());

            try (ProxyThread proxy = new ProxyThread(() -> Proxy.proxy(xsub, xpub, null)))
            {
                awaitSubscriptions(publisher, subA, subB);
                for (int i = 0; i < MESSAGES; i++)
                {
                    publisher.publish("A:" + i);
                    publisher.publish("B:" + i);
                    publisher.publish("C:" + i);
                }
                assertReceivesExactly(subA, "A");
                assertReceivesExactly(subB, "B");
                assertTrue(proxy.isRunning());
            }
        }
    }

    /**
     * Subscriptions travel SUB -> XPUB -> proxy -> XSUB -> publisher; probe until both took effect.
     */
    private static void awaitSubscriptions(final Publisher publisher, final Socket subA, final Socket subB)
    {
        subA.setReceiveTimeOut(10);
        subB.setReceiveTimeOut(10);
        boolean seenA = false;
        boolean seenB = false;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(seenA && seenB) && System.nanoTime() - deadline < 0)
        {
            publisher.publish("A.probe");
            publisher.publish("B.probe");
            seenA |= null != subA.recvStr();
            seenB |= null != subB.recvStr();
        }
        assertTrue(seenA && seenB, "subscriptions never reached the publisher through the proxy");
    }

    /**
     * Probes (all sent before the data, so all ahead of it) are skipped; then exactly the prefix's messages, in
     * order, and nothing else.
     */
    private static void assertReceivesExactly(final Socket sub, final String prefix)
    {
        sub.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);
        String message = sub.recvStr();
        while (null != message && message.endsWith(".probe"))
        {
            assertTrue(message.startsWith(prefix), "probe for another prefix: " + message);
            message = sub.recvStr();
        }
        for (int i = 0; i < MESSAGES; i++)
        {
            assertEquals(prefix + ":" + i, message);
            message = i + 1 < MESSAGES ? sub.recvStr() : null;
        }
        sub.setReceiveTimeOut(200);
        assertNull(sub.recvStr(), "nothing beyond the subscribed prefix");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void streamerWithCaptureDeliversAndCapturesEveryMessage(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket producer = ctx.socket(SocketType.PUSH);
            Socket frontend = ctx.socket(SocketType.PULL);
            Socket backend = ctx.socket(SocketType.PUSH);
            Socket consumer = ctx.socket(SocketType.PULL);
            Socket capture = ctx.socket(SocketType.PUSH);
            Socket captured = ctx.socket(SocketType.PULL))
        {
            frontend.bind(ANY_PORT);
            backend.bind(ANY_PORT);
            capture.bind(ANY_PORT);
            producer.connect(frontend.getLastEndpoint());
            consumer.connect(backend.getLastEndpoint());
            captured.connect(capture.getLastEndpoint());
            consumer.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);
            captured.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);

            try (ProxyThread proxy = new ProxyThread(() -> Proxy.proxy(frontend, backend, capture)))
            {
                final int count = 1_000;
                for (int i = 0; i < count; i++)
                {
                    assertTrue(producer.send("m" + i));
                }
                for (int i = 0; i < count; i++)
                {
                    assertEquals("m" + i, consumer.recvStr());
                }
                for (int i = 0; i < count; i++)
                {
                    assertEquals("m" + i, captured.recvStr());
                }
                assertTrue(proxy.isRunning());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void multipartMessagesAreForwardedIntact(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket producer = ctx.socket(SocketType.PUSH);
            Socket frontend = ctx.socket(SocketType.PULL);
            Socket backend = ctx.socket(SocketType.PUSH);
            Socket consumer = ctx.socket(SocketType.PULL))
        {
            frontend.bind(ANY_PORT);
            backend.bind(ANY_PORT);
            producer.connect(frontend.getLastEndpoint());
            consumer.connect(backend.getLastEndpoint());
            consumer.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);

            try (ProxyThread proxy = new ProxyThread(() -> Proxy.proxy(frontend, backend, null)))
            {
                final int count = 200;
                for (int i = 0; i < count; i++)
                {
                    final byte[][] frames = message(i);
                    for (int f = 0; f < frames.length - 1; f++)
                    {
                        assertTrue(producer.sendMore(frames[f]));
                    }
                    assertTrue(producer.send(frames[frames.length - 1]));
                }
                for (int i = 0; i < count; i++)
                {
                    final byte[][] expected = message(i);
                    for (int f = 0; f < expected.length; f++)
                    {
                        final byte[] frame = consumer.recv();
                        assertNotNull(frame, "message " + i + " frame " + f);
                        assertArrayEquals(expected[f], frame, "message " + i + " frame " + f);
                        assertEquals(f < expected.length - 1, consumer.hasReceiveMore(), "message " + i + " frame " + f);
                    }
                }
                assertTrue(proxy.isRunning());
            }
        }
    }

    /**
     * One to four frames, an empty one among them, and now and then a frame above a quarter of the default
     * connection ring, which the receiving side holds outside its ring.
     */
    private static byte[][] message(final int i)
    {
        final int frames = 1 + i % 4;
        final byte[][] message = new byte[frames][];
        message[0] = ("head-" + i).getBytes(StandardCharsets.UTF_8);
        for (int f = 1; f < frames; f++)
        {
            if (f == 1)
            {
                message[f] = new byte[0];
            }
            else if (f == 2 && i % 25 == 2)
            {
                message[f] = new byte[100_000];
                for (int b = 0; b < message[f].length; b++)
                {
                    message[f][b] = (byte)(i + b);
                }
            }
            else
            {
                message[f] = ("part-" + f + "-" + i).getBytes(StandardCharsets.UTF_8);
            }
        }
        return message;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void steerableProxyPausesResumesWithoutLossAndTerminates(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket producer = ctx.socket(SocketType.PUSH);
            Socket frontend = ctx.socket(SocketType.PULL);
            Socket backend = ctx.socket(SocketType.PUSH);
            Socket consumer = ctx.socket(SocketType.PULL);
            Socket control = ctx.socket(SocketType.PULL);
            Socket commander = ctx.socket(SocketType.PUSH))
        {
            frontend.bind(ANY_PORT);
            backend.bind(ANY_PORT);
            control.bind(ANY_PORT);
            producer.connect(frontend.getLastEndpoint());
            consumer.connect(backend.getLastEndpoint());
            commander.connect(control.getLastEndpoint());
            consumer.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);

            try (ProxyThread proxy =
                new ProxyThread(() -> Proxy.proxySteerable(frontend, backend, null, control)))
            {
                assertTrue(producer.send("before"));
                assertEquals("before", consumer.recvStr());

                assertTrue(commander.send("PAUSE"));
                // The command crosses a loopback connection in microseconds; this leaves the proxy ample time.
                Mode.pump(ctx, 300);
                for (int i = 0; i < 10; i++)
                {
                    assertTrue(producer.send("paused-" + i));
                }
                consumer.setReceiveTimeOut(300);
                assertNull(consumer.recvStr(), "delivered while paused");

                assertTrue(commander.send("RESUME"));
                consumer.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);
                for (int i = 0; i < 10; i++)
                {
                    assertEquals("paused-" + i, consumer.recvStr());
                }

                assertTrue(commander.send("TERMINATE"));
                assertTrue(proxy.awaitReturn(5_000), "TERMINATE did not end the proxy");
                assertFalse(control.isClosed(), "the proxy leaves its sockets open");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void closingTheContextEndsTheProxy(final Mode mode) throws Exception
    {
        final Context ctx = mode.newContext();
        try
        {
            final Socket frontend = ctx.socket(SocketType.PULL);
            final Socket backend = ctx.socket(SocketType.PUSH);
            frontend.bind(ANY_PORT);
            backend.bind(ANY_PORT);
            try (ProxyThread proxy = new ProxyThread(() -> Proxy.proxy(frontend, backend, null)))
            {
                Thread.sleep(50);
                ctx.close();
                assertTrue(proxy.awaitReturn(5_000), "closing the context did not end the proxy");
                assertTrue(frontend.isClosed() && backend.isClosed());
            }
        }
        finally
        {
            ctx.close();
        }
    }
}
