package io.ringmq.interop;

import static io.ringmq.interop.Interop.bytes;
import static io.ringmq.interop.Interop.jeromq;
import static io.ringmq.interop.Interop.link;
import static io.ringmq.interop.Interop.mustRecv;
import static io.ringmq.interop.Interop.ringmq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Multipart messages against JeroMQ: every frame, empty and long ones included, arrives intact with the right
 * MORE flags, and messages never interleave.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MultipartInteropTest
{
    private static final int MESSAGES = 300;

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void ringmqToJeromq(final Mode mode, final Side side)
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket push = ringmq(ctx, SocketType.PUSH))
        {
            final ZMQ.Socket pull = jeromq(zctx, org.zeromq.SocketType.PULL);
            link(zctx, side, push, pull);

            for (int i = 0; i < MESSAGES; i++)
            {
                final byte[][] frames = message(i);
                for (int f = 0; f < frames.length - 1; f++)
                {
                    assertTrue(push.sendMore(frames[f]));
                }
                assertTrue(push.send(frames[frames.length - 1]));
            }
            for (int i = 0; i < MESSAGES; i++)
            {
                final byte[][] frames = message(i);
                for (int f = 0; f < frames.length; f++)
                {
                    assertArrayEquals(frames[f], mustRecv(ctx, pull), "message " + i + " frame " + f);
                    assertEquals(f < frames.length - 1, pull.hasReceiveMore(), "MORE of message " + i + " frame " + f);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void jeromqToRingmq(final Mode mode, final Side side)
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket pull = ringmq(ctx, SocketType.PULL))
        {
            final ZMQ.Socket push = jeromq(zctx, org.zeromq.SocketType.PUSH);
            link(zctx, side, pull, push);

            for (int i = 0; i < MESSAGES; i++)
            {
                final byte[][] frames = message(i);
                for (int f = 0; f < frames.length - 1; f++)
                {
                    assertTrue(push.sendMore(frames[f]));
                }
                assertTrue(push.send(frames[frames.length - 1]));
            }
            for (int i = 0; i < MESSAGES; i++)
            {
                final byte[][] frames = message(i);
                for (int f = 0; f < frames.length; f++)
                {
                    assertArrayEquals(frames[f], mustRecv(pull), "message " + i + " frame " + f);
                    assertEquals(f < frames.length - 1, pull.hasReceiveMore(), "MORE of message " + i + " frame " + f);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void pairBothWays(final Mode mode, final Side side)
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket pair = ringmq(ctx, SocketType.PAIR))
        {
            final ZMQ.Socket peer = jeromq(zctx, org.zeromq.SocketType.PAIR);
            link(zctx, side, pair, peer);

            for (int i = 0; i < 50; i++)
            {
                final byte[][] frames = message(i);
                for (int f = 0; f < frames.length; f++)
                {
                    final boolean last = f == frames.length - 1;
                    assertTrue(last ? pair.send(frames[f]) : pair.sendMore(frames[f]));
                    assertTrue(last ? peer.send(frames[f]) : peer.sendMore(frames[f]));
                }
                for (int f = 0; f < frames.length; f++)
                {
                    assertArrayEquals(frames[f], mustRecv(ctx, peer));
                    assertEquals(f < frames.length - 1, peer.hasReceiveMore());
                    assertArrayEquals(frames[f], mustRecv(pair));
                    assertEquals(f < frames.length - 1, pair.hasReceiveMore());
                }
            }
        }
    }

    /**
     * A message of 3 to 6 frames: a numbered header, an empty delimiter, a long (over 255 bytes) frame and a few
     * short ones.
     */
    static byte[][] message(final int sequence)
    {
        final int count = 3 + sequence % 4;
        final byte[][] frames = new byte[count][];
        frames[0] = bytes("header-" + sequence);
        frames[1] = new byte[0];
        frames[2] = new byte[256 + sequence];
        for (int i = 0; i < frames[2].length; i++)
        {
            frames[2][i] = (byte)(i * 31 + sequence);
        }
        for (int f = 3; f < count; f++)
        {
            frames[f] = bytes("part-" + f + "-" + sequence);
        }
        return frames;
    }
}
