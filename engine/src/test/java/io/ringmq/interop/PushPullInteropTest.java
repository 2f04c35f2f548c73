package io.ringmq.interop;

import static io.ringmq.interop.Interop.assertNumbered;
import static io.ringmq.interop.Interop.jeromq;
import static io.ringmq.interop.Interop.link;
import static io.ringmq.interop.Interop.mustRecvStr;
import static io.ringmq.interop.Interop.numbered;
import static io.ringmq.interop.Interop.ringmq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.interop.Interop.Peer;
import io.ringmq.interop.Interop.Side;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * PUSH/PULL against JeroMQ: every sequence-numbered message arrives once, in order, in both directions.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PushPullInteropTest
{
    private static final int MESSAGES = 10_000;

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void ringmqPushToJeromqPull(final Mode mode, final Side side) throws Exception
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket push = ringmq(ctx, SocketType.PUSH))
        {
            final ZMQ.Socket pull = jeromq(zctx, org.zeromq.SocketType.PULL);
            pull.setReceiveTimeOut((int)Interop.RECEIVE_TIMEOUT_MS);
            link(zctx, side, push, pull);

            final Peer<Integer> receiver = Interop.start(() ->
            {
                for (int i = 0; i < MESSAGES; i++)
                {
                    assertNumbered(i, pull.recv());
                    assertFalse(pull.hasReceiveMore());
                }
                pull.setReceiveTimeOut(100);
                assertNull(pull.recv(), "nothing beyond the last message");
                return MESSAGES;
            });
            for (int i = 0; i < MESSAGES; i++)
            {
                assertTrue(push.send(numbered(i)), "send timed out");
            }
            assertEquals(MESSAGES, receiver.await(ctx, 30_000));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void jeromqPushToRingmqPull(final Mode mode, final Side side) throws Exception
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket pull = ringmq(ctx, SocketType.PULL))
        {
            final ZMQ.Socket push = jeromq(zctx, org.zeromq.SocketType.PUSH);
            link(zctx, side, pull, push);

            final Peer<Integer> sender = Interop.start(() ->
            {
                for (int i = 0; i < MESSAGES; i++)
                {
                    assertTrue(push.send(numbered(i)), "JeroMQ send timed out");
                }
                return MESSAGES;
            });
            for (int i = 0; i < MESSAGES; i++)
            {
                assertNumbered(i, pull.recv());
                assertFalse(pull.hasReceiveMore());
            }
            assertEquals(MESSAGES, sender.await(ctx, 10_000));
            pull.setReceiveTimeOut(100);
            assertNull(pull.recv(), "nothing beyond the last message");
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void emptyMessagesBeyondTheReceiveHighWaterMark(final Mode mode, final Side side)
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket pull = ringmq(ctx, SocketType.PULL))
        {
            final ZMQ.Socket push = jeromq(zctx, org.zeromq.SocketType.PUSH);
            // One message at a time: every later one waits at the mark, an empty one with nothing after it included.
            pull.setRcvHWM(1);
            link(zctx, side, pull, push);

            for (int round = 0; round < 20; round++)
            {
                assertTrue(push.send("full-" + round));
                assertTrue(push.send(new byte[0]));
                assertEquals("full-" + round, mustRecvStr(pull));
                final byte[] empty = pull.recv();
                assertNotNull(empty, "the empty message of round " + round + " never arrived");
                assertEquals(0, empty.length);
            }
        }
    }
}
