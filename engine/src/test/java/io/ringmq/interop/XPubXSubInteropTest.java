package io.ringmq.interop;

import static io.ringmq.interop.Interop.bytes;
import static io.ringmq.interop.Interop.jeromq;
import static io.ringmq.interop.Interop.link;
import static io.ringmq.interop.Interop.mustRecv;
import static io.ringmq.interop.Interop.mustRecvStr;
import static io.ringmq.interop.Interop.ringmq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
 * XPUB/XSUB against JeroMQ (a ZMTP 3.0 peer, so subscriptions travel as 0x01/0x00-prefixed messages): a ringmq
 * XPUB sees a JeroMQ subscriber's subscribe and cancel messages, and a ringmq XSUB's subscription messages reach
 * a JeroMQ XPUB and make a JeroMQ PUB deliver.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class XPubXSubInteropTest
{
    private static final byte SUBSCRIBE = 1;
    private static final byte CANCEL = 0;

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void ringmqXpubSeesJeromqSubSubscriptions(final Mode mode, final Side side)
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket xpub = ringmq(ctx, SocketType.XPUB))
        {
            final ZMQ.Socket sub = jeromq(zctx, org.zeromq.SocketType.SUB);
            link(zctx, side, xpub, sub);

            assertTrue(sub.subscribe(bytes("A")));
            assertArrayEquals(notice(SUBSCRIBE, "A"), mustRecv(xpub, sub));

            // The subscription is in place once XPUB has seen it: no slow joiner from here on.
            assertTrue(xpub.send("B-skipped"));
            assertTrue(xpub.send("A-delivered"));
            assertEquals("A-delivered", mustRecvStr(ctx, sub));

            assertTrue(sub.unsubscribe(bytes("A")));
            assertArrayEquals(notice(CANCEL, "A"), mustRecv(xpub));
            assertTrue(xpub.send("A-after-cancel"));
            assertNull(Interop.recv(ctx, sub, 200), "a cancelled subscription still delivered");
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void ringmqXpubSeesJeromqXsubSubscriptions(final Mode mode, final Side side)
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket xpub = ringmq(ctx, SocketType.XPUB))
        {
            final ZMQ.Socket xsub = jeromq(zctx, org.zeromq.SocketType.XSUB);
            link(zctx, side, xpub, xsub);

            assertTrue(xsub.send(notice(SUBSCRIBE, "prices.")));
            assertArrayEquals(notice(SUBSCRIBE, "prices."), mustRecv(xpub, xsub));
            assertTrue(xpub.send("news.x"));
            assertTrue(xpub.send("prices.EURUSD"));
            assertEquals("prices.EURUSD", mustRecvStr(ctx, xsub));

            assertTrue(xsub.send(notice(CANCEL, "prices.")));
            assertArrayEquals(notice(CANCEL, "prices."), mustRecv(xpub));

            // An empty prefix subscribes to everything.
            assertTrue(xsub.send(new byte[] {SUBSCRIBE}));
            assertArrayEquals(new byte[] {SUBSCRIBE}, mustRecv(xpub));
            assertTrue(xpub.send("news.y"));
            assertEquals("news.y", mustRecvStr(ctx, xsub));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void ringmqXsubSubscribesAtJeromqXpub(final Mode mode, final Side side)
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket xsub = ringmq(ctx, SocketType.XSUB))
        {
            final ZMQ.Socket xpub = jeromq(zctx, org.zeromq.SocketType.XPUB);
            link(zctx, side, xsub, xpub);

            assertTrue(xsub.send(notice(SUBSCRIBE, "A")));
            assertArrayEquals(notice(SUBSCRIBE, "A"), mustRecv(ctx, xpub));

            assertTrue(xpub.send("B-skipped"));
            assertTrue(xpub.send("A-delivered"));
            assertEquals("A-delivered", xsub.recvStr());
            assertFalse(xsub.hasReceiveMore());

            assertTrue(xsub.send(notice(CANCEL, "A")));
            assertArrayEquals(notice(CANCEL, "A"), mustRecv(ctx, xpub));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void ringmqXsubReceivesFromJeromqPub(final Mode mode, final Side side)
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket xsub = ringmq(ctx, SocketType.XSUB))
        {
            final ZMQ.Socket pub = jeromq(zctx, org.zeromq.SocketType.PUB);
            link(zctx, side, xsub, pub);
            assertTrue(xsub.send(notice(SUBSCRIBE, "A")));

            // A PUB shows nothing when a subscription lands: publish until the first match arrives.
            xsub.setReceiveTimeOut(20);
            String first = null;
            for (int i = 0; i < 500 && null == first; i++)
            {
                assertTrue(pub.send("B-probe"));
                assertTrue(pub.send("A-probe"));
                first = xsub.recvStr();
            }
            if (null == first)
            {
                fail("the subscription never reached the JeroMQ PUB");
            }
            assertEquals("A-probe", first);

            for (int i = 0; i < 100; i++)
            {
                assertTrue(pub.send("B-" + i));
                assertTrue(pub.send("A-" + i));
            }
            assertTrue(pub.send("A-end"));
            xsub.setReceiveTimeOut((int)Interop.RECEIVE_TIMEOUT_MS);
            int next = 0;
            String got;
            while (!"A-end".equals(got = xsub.recvStr()))
            {
                if (null == got)
                {
                    fail("XSUB received nothing in time after A-" + (next - 1));
                }
                if (!got.equals("A-probe"))
                {
                    assertEquals("A-" + next, got);
                    next++;
                }
            }
            assertEquals(100, next);
        }
    }

    private static byte[] notice(final byte kind, final String prefix)
    {
        final byte[] text = bytes(prefix);
        final byte[] message = new byte[1 + text.length];
        message[0] = kind;
        System.arraycopy(text, 0, message, 1, text.length);
        return message;
    }
}
