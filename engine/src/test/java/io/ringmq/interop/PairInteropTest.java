package io.ringmq.interop;

import static io.ringmq.interop.Interop.bytes;
import static io.ringmq.interop.Interop.jeromq;
import static io.ringmq.interop.Interop.link;
import static io.ringmq.interop.Interop.mustRecv;
import static io.ringmq.interop.Interop.mustRecvStr;
import static io.ringmq.interop.Interop.ringmq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

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
 * PAIR against JeroMQ: both ends send and receive over the one connection.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PairInteropTest
{
    private static final int ROUND_TRIPS = 200;
    private static final int BURST = 500;

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void pingPongBothWays(final Mode mode, final Side side)
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket pair = ringmq(ctx, SocketType.PAIR))
        {
            final ZMQ.Socket peer = jeromq(zctx, org.zeromq.SocketType.PAIR);
            link(zctx, side, pair, peer);

            for (int i = 0; i < ROUND_TRIPS; i++)
            {
                assertTrue(pair.send("ping-" + i));
                assertEquals("ping-" + i, mustRecvStr(ctx, peer));
                assertTrue(peer.send("pong-" + i));
                assertEquals("pong-" + i, new String(mustRecv(pair), StandardCharsets.UTF_8));
            }

            // Both ends send a burst before either reads: the traffic crosses on the one connection.
            for (int i = 0; i < BURST; i++)
            {
                assertTrue(pair.send("r" + i));
                assertTrue(peer.send(bytes("j" + i), ZMQ.DONTWAIT));
            }
            for (int i = 0; i < BURST; i++)
            {
                assertEquals("j" + i, pair.recvStr());
                assertEquals("r" + i, mustRecvStr(ctx, peer));
            }
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void nonBlockingReceivePollsUntilJeromqMessageArrives(final Mode mode, final Side side)
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket pair = ringmq(ctx, SocketType.PAIR))
        {
            final ZMQ.Socket peer = jeromq(zctx, org.zeromq.SocketType.PAIR);
            link(zctx, side, pair, peer);
            pair.setReceiveTimeOut(0);

            for (int i = 0; i < 20; i++)
            {
                assertTrue(peer.send("polled-" + i));
                final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Interop.RECEIVE_TIMEOUT_MS);
                String got;
                while (null == (got = pair.recvStr()))
                {
                    assertTrue(System.nanoTime() - deadline < 0, "a polling receive never saw message " + i);
                    Thread.onSpinWait();
                }
                assertEquals("polled-" + i, got);
            }
        }
    }
}
