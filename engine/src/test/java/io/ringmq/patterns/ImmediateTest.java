package io.ringmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.ringmq.Context;
import io.ringmq.Poller;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IMMEDIATE as libzmq defines it: with it on, a PUSH queues nothing until a peer has completed its connection (a
 * send times out, POLLOUT is clear); with it off, messages wait for the peer. Either way, round-robin hands
 * messages to connected peers only, never to one still connecting.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImmediateTest
{
    @ParameterizedTest
    @EnumSource(Mode.class)
    void withImmediateASendWaitsForACompletedConnection(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH))
        {
            final String endpoint = vacantEndpoint(pull);
            push.setImmediate(true);
            push.setReconnectIVL(20);
            push.setSendTimeOut(100);
            push.connect(endpoint);

            final long start = System.nanoTime();
            assertFalse(push.send("too early"), "nothing is queued without a connected peer");
            final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waitedMs >= 80, "the send waited its timeout: " + waitedMs + " ms");
            assertEquals(0, push.getEvents() & Poller.POLLOUT, "no POLLOUT without a connected peer");

            pull.bind(endpoint);
            assertTrue(Mode.await(ctx, () -> (push.getEvents() & Poller.POLLOUT) != 0, 5_000),
                "POLLOUT once the peer is connected");
            assertTrue(push.send("first"));
            pull.setReceiveTimeOut(5_000);
            assertEquals("first", pull.recvStr());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void withoutImmediateMessagesWaitForThePeer(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH))
        {
            final String endpoint = vacantEndpoint(pull);
            assertFalse(push.getImmediate(), "off by default");
            push.setReconnectIVL(20);
            push.setSendTimeOut(0);
            push.connect(endpoint);
            for (int i = 0; i < 10; i++)
            {
                assertTrue(push.send("queued-" + i));
            }

            pull.bind(endpoint);
            pull.setReceiveTimeOut(5_000);
            for (int i = 0; i < 10; i++)
            {
                assertEquals("queued-" + i, pull.recvStr());
            }
        }
    }

    static Stream<Arguments> modesAndImmediate()
    {
        final Stream.Builder<Arguments> cases = Stream.builder();
        for (final Mode mode : Mode.values())
        {
            cases.add(Arguments.of(mode, true));
            cases.add(Arguments.of(mode, false));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}, immediate {1}")
    @MethodSource("modesAndImmediate")
    void roundRobinSkipsAPeerThatIsStillConnecting(final Mode mode, final boolean immediate)
    {
        try (Context ctx = mode.newContext(); Socket live = ctx.socket(SocketType.PULL);
            Socket absent = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH))
        {
            live.bind("tcp://127.0.0.1:*");
            final String nobody = vacantEndpoint(absent);
            push.setImmediate(immediate);
            push.setSendTimeOut(5_000);
            push.connect(nobody);
            push.connect(live.getLastEndpoint());
            live.setReceiveTimeOut(5_000);
            assertTrue(push.send("probe"));
            assertEquals("probe", live.recvStr());

            for (int i = 0; i < 100; i++)
            {
                assertTrue(push.send("m" + i));
            }
            for (int i = 0; i < 100; i++)
            {
                assertEquals("m" + i, live.recvStr(), "every message reaches the one connected peer");
            }
        }
    }

    /**
     * @return a loopback endpoint nobody listens on, taken by binding and unbinding {@code socket}.
     */
    private static String vacantEndpoint(final Socket socket)
    {
        socket.bind("tcp://127.0.0.1:*");
        final String endpoint = socket.getLastEndpoint();
        socket.unbind(endpoint);
        return endpoint;
    }
}
