package io.ringmq.reqrep;

import static io.ringmq.reqrep.Frames.assertFrames;
import static io.ringmq.reqrep.Frames.bytes;
import static io.ringmq.reqrep.Frames.recv;
import static io.ringmq.reqrep.Frames.send;
import static io.ringmq.reqrep.Frames.socket;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A socket's peers are one set whatever their transport: a ROUTER's routing ids are unique across tcp and inproc
 * (a second peer with an id in use is refused, or takes it over with ROUTER_HANDOVER), and a PAIR has one peer,
 * not one per transport; an XPUB announces a topic when its first subscriber comes and cancels it when its last
 * goes, whatever transport each came by; a PUSH bound on tcp with no tcp peer yet gives every message to the
 * inproc peer it has.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PeersAcrossTransportsTest
{
    private static final AtomicInteger NAMES = new AtomicInteger();

    static Stream<Arguments> modesAndOrders()
    {
        return Stream.of(Mode.values()).flatMap(mode -> Stream.of(
            Arguments.of(mode, true), Arguments.of(mode, false)));
    }

    @ParameterizedTest(name = "{0}, first peer over tcp: {1}")
    @MethodSource("modesAndOrders")
    void anIdInUseOverOneTransportIsRefusedOverTheOther(final Mode mode, final boolean firstOverTcp)
    {
        try (Context ctx = mode.newContext();
            Socket router = socket(ctx, SocketType.ROUTER);
            Socket first = socket(ctx, SocketType.DEALER);
            Socket second = socket(ctx, SocketType.DEALER))
        {
            final String[] endpoints = bindBoth(router);
            first.setIdentity(bytes("worker"));
            first.connect(endpoints[firstOverTcp ? 0 : 1]);
            send(first, bytes("from first"));
            assertFrames(recv(router), bytes("worker"), bytes("from first"));

            second.setIdentity(bytes("worker"));
            second.connect(endpoints[firstOverTcp ? 1 : 0]);
            send(second, bytes("from second"));
            router.setReceiveTimeOut(300);
            assertNull(router.recv(), "a peer with a routing id in use over the other transport was let in");

            send(router, bytes("worker"), bytes("to worker"));
            assertFrames(recv(first), bytes("to worker"));
            second.setReceiveTimeOut(200);
            assertNull(second.recv(), "the refused peer got the message");
        }
    }

    @ParameterizedTest(name = "{0}, first peer over tcp: {1}")
    @MethodSource("modesAndOrders")
    void handoverTakesAnIdOverAcrossTransports(final Mode mode, final boolean firstOverTcp)
    {
        try (Context ctx = mode.newContext();
            Socket router = socket(ctx, SocketType.ROUTER);
            Socket first = socket(ctx, SocketType.DEALER);
            Socket second = socket(ctx, SocketType.DEALER))
        {
            router.setRouterHandover(true);
            final String[] endpoints = bindBoth(router);
            first.setIdentity(bytes("worker"));
            first.setReconnectIVL(-1);
            first.connect(endpoints[firstOverTcp ? 0 : 1]);
            send(first, bytes("from first"));
            assertFrames(recv(router), bytes("worker"), bytes("from first"));

            second.setIdentity(bytes("worker"));
            second.connect(endpoints[firstOverTcp ? 1 : 0]);
            send(second, bytes("from second"));
            assertFrames(recv(router), bytes("worker"), bytes("from second"));

            send(router, bytes("worker"), bytes("to whoever is worker"));
            assertFrames(recv(second), bytes("to whoever is worker"));
            first.setReceiveTimeOut(200);
            assertNull(first.recv(), "the old peer still holds the id");
        }
    }

    @ParameterizedTest(name = "{0}, first peer over tcp: {1}")
    @MethodSource("modesAndOrders")
    void aPairTakesOnePeerWhateverTheTransport(final Mode mode, final boolean firstOverTcp)
    {
        try (Context ctx = mode.newContext();
            Socket pair = socket(ctx, SocketType.PAIR);
            Socket first = socket(ctx, SocketType.PAIR);
            Socket second = socket(ctx, SocketType.PAIR))
        {
            final String[] endpoints = bindBoth(pair);
            first.connect(endpoints[firstOverTcp ? 0 : 1]);
            send(first, bytes("from first"));
            assertFrames(recv(pair), bytes("from first"));

            second.connect(endpoints[firstOverTcp ? 1 : 0]);
            second.setSendTimeOut(0);
            second.send(bytes("from second"));
            pair.setReceiveTimeOut(300);
            assertNull(pair.recv(), "a second PAIR peer over the other transport was let in");

            for (int i = 0; i < 10; i++)
            {
                send(pair, bytes("to first " + i));
            }
            for (int i = 0; i < 10; i++)
            {
                assertFrames(recv(first), bytes("to first " + i));
            }
            second.setReceiveTimeOut(200);
            assertNull(second.recv(), "the refused peer got a message");
        }
    }

    /**
     * An inproc PAIR peer that found the place taken waits; when the tcp peer holding it leaves, the I/O thread frees
     * the place and wakes the PAIR's thread, blocked in recv, which lets the waiting peer in and gets its message.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPeerWaitingForThePairsPlaceGetsItWhenTheTcpPeerLeaves(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket pair = socket(ctx, SocketType.PAIR);
            Socket waiting = socket(ctx, SocketType.PAIR))
        {
            final String[] endpoints = bindBoth(pair);
            final Socket overTcp = socket(ctx, SocketType.PAIR);
            overTcp.connect(endpoints[0]);
            send(overTcp, bytes("over tcp"));
            assertFrames(recv(pair), bytes("over tcp"));
            waiting.connect(endpoints[1]);
            send(waiting, bytes("waited"));
            final Thread leaving = new Thread(() ->
            {
                try
                {
                    Thread.sleep(200);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                overTcp.close();
            });
            pair.setReceiveTimeOut(10_000);
            final long start = System.nanoTime();
            leaving.start();
            final List<byte[]> frames = recv(pair);
            final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            leaving.join();
            assertFrames(frames, bytes("waited"));
            assertTrue(waitedMs < 3_000, "the waiting peer's message took " + waitedMs + " ms after the tcp peer left");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aBoundEndpointWithNoPeerTakesNoTurn(final Mode mode)
    {
        try (Context ctx = mode.newContext();
            Socket push = socket(ctx, SocketType.PUSH);
            Socket pull = socket(ctx, SocketType.PULL))
        {
            final String[] endpoints = bindBoth(push);
            pull.connect(endpoints[1]);
            for (int i = 0; i < 100; i++)
            {
                send(push, bytes("m" + i));
            }
            for (int i = 0; i < 100; i++)
            {
                assertFrames(recv(pull), bytes("m" + i));
            }
        }
    }

    @ParameterizedTest(name = "{0}, first subscriber over tcp: {1}")
    @MethodSource("modesAndOrders")
    void anXpubHearsOfATopicOnceWhateverTheTransportOfItsSubscribers(final Mode mode, final boolean firstOverTcp)
    {
        try (Context ctx = mode.newContext();
            Socket xpub = socket(ctx, SocketType.XPUB);
            Socket first = socket(ctx, SocketType.SUB))
        {
            // Closed within the test, as a subscriber leaving; the context closes it should the test fail first.
            final Socket second = socket(ctx, SocketType.SUB);
            final String[] endpoints = bindBoth(xpub);
            first.connect(endpoints[firstOverTcp ? 0 : 1]);
            first.subscribe("A");
            assertFrames(recv(xpub), subscription(1, "A"));

            second.connect(endpoints[firstOverTcp ? 1 : 0]);
            second.subscribe("A");
            awaitDelivery(xpub, second);
            xpub.setReceiveTimeOut(300);
            final byte[] again = xpub.recv();
            assertNull(again, "the second subscriber to A, over the other transport, was announced again");

            second.close();
            final byte[] early = xpub.recv();
            assertNull(early, "A was cancelled when one of its two subscribers left");

            first.unsubscribe("A");
            xpub.setReceiveTimeOut(5_000);
            assertFrames(recv(xpub), subscription(0, "A"));
        }
    }

    /**
     * Publish on topic A until {@code sub} gets a message: its subscription has reached the publisher.
     */
    private static void awaitDelivery(final Socket xpub, final Socket sub)
    {
        sub.setReceiveTimeOut(20);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline)
        {
            send(xpub, bytes("A quote"));
            if (null != sub.recv())
            {
                return;
            }
        }
        throw new AssertionError("the second subscriber never got a message on A");
    }

    private static byte[] subscription(final int prefix, final String topic)
    {
        final byte[] frame = new byte[1 + topic.length()];
        frame[0] = (byte)prefix;
        System.arraycopy(bytes(topic), 0, frame, 1, topic.length());
        return frame;
    }

    /**
     * @return the socket's tcp endpoint, then its inproc one.
     */
    private static String[] bindBoth(final Socket socket)
    {
        socket.bind("tcp://127.0.0.1:*");
        final String tcp = socket.getLastEndpoint();
        final String inproc = "inproc://ids-across-transports-" + NAMES.incrementAndGet();
        socket.bind(inproc);
        return new String[]{ tcp, inproc };
    }
}
