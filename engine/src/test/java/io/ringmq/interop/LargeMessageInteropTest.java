package io.ringmq.interop;

import static io.ringmq.interop.Interop.bytes;
import static io.ringmq.interop.Interop.jeromq;
import static io.ringmq.interop.Interop.link;
import static io.ringmq.interop.Interop.mustRecv;
import static io.ringmq.interop.Interop.ringmq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
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
 * 1 MiB messages against JeroMQ: larger than a quarter of the socket and connection rings, so they take the
 * large-frame path on both sides, interleaved with small messages and inside a multipart message.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LargeMessageInteropTest
{
    private static final int MIB = 1024 * 1024;

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void ringmqToJeromq(final Mode mode, final Side side)
    {
        final byte[] large = random(MIB, 1);
        final byte[] large2 = random(MIB + 7, 2);
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket push = ringmq(ctx, SocketType.PUSH))
        {
            final ZMQ.Socket pull = jeromq(zctx, org.zeromq.SocketType.PULL);
            link(zctx, side, push, pull);

            assertTrue(push.send("before"));
            assertTrue(push.send(large));
            assertTrue(push.send("between"));
            assertTrue(push.sendMore("head"));
            assertTrue(push.sendMore(large2));
            assertTrue(push.send("tail"));
            assertTrue(push.send("after"));

            assertArrayEquals(bytes("before"), mustRecv(ctx, pull));
            assertArrayEquals(large, mustRecv(ctx, pull));
            assertFalse(pull.hasReceiveMore());
            assertArrayEquals(bytes("between"), mustRecv(ctx, pull));
            assertArrayEquals(bytes("head"), mustRecv(ctx, pull));
            assertTrue(pull.hasReceiveMore());
            assertArrayEquals(large2, mustRecv(ctx, pull));
            assertTrue(pull.hasReceiveMore());
            assertArrayEquals(bytes("tail"), mustRecv(ctx, pull));
            assertFalse(pull.hasReceiveMore());
            assertArrayEquals(bytes("after"), mustRecv(ctx, pull));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void jeromqToRingmq(final Mode mode, final Side side)
    {
        final byte[] large = random(MIB, 3);
        final byte[] large2 = random(MIB + 7, 4);
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket pull = ringmq(ctx, SocketType.PULL))
        {
            final ZMQ.Socket push = jeromq(zctx, org.zeromq.SocketType.PUSH);
            link(zctx, side, pull, push);

            assertTrue(push.send("before"));
            assertTrue(push.send(large));
            assertTrue(push.send("between"));
            assertTrue(push.sendMore("head"));
            assertTrue(push.sendMore(large2));
            assertTrue(push.send("tail"));
            assertTrue(push.send("after"));

            assertArrayEquals(bytes("before"), mustRecv(pull));
            assertArrayEquals(large, mustRecv(pull));
            assertFalse(pull.hasReceiveMore());
            assertArrayEquals(bytes("between"), mustRecv(pull));
            assertArrayEquals(bytes("head"), mustRecv(pull));
            assertTrue(pull.hasReceiveMore());
            assertArrayEquals(large2, mustRecv(pull));
            assertTrue(pull.hasReceiveMore());
            assertArrayEquals(bytes("tail"), mustRecv(pull));
            assertFalse(pull.hasReceiveMore());
            assertArrayEquals(bytes("after"), mustRecv(pull));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void pairEchoesLargeMessage(final Mode mode, final Side side)
    {
        final byte[] large = random(MIB, 5);
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket pair = ringmq(ctx, SocketType.PAIR))
        {
            final ZMQ.Socket peer = jeromq(zctx, org.zeromq.SocketType.PAIR);
            link(zctx, side, pair, peer);

            for (int i = 0; i < 3; i++)
            {
                assertTrue(pair.send(large));
                final byte[] echoed = mustRecv(ctx, peer);
                assertEquals(large.length, echoed.length);
                assertTrue(peer.send(echoed));
                assertArrayEquals(large, mustRecv(pair));
            }
        }
    }

    private static byte[] random(final int length, final long seed)
    {
        final byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
