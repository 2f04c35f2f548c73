package io.ringmq.interop;

import static io.ringmq.interop.Interop.assertNumbered;
import static io.ringmq.interop.Interop.bytes;
import static io.ringmq.interop.Interop.jeromq;
import static io.ringmq.interop.Interop.link;
import static io.ringmq.interop.Interop.mustRecv;
import static io.ringmq.interop.Interop.numbered;
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
import io.ringmq.interop.Interop.Peer;
import io.ringmq.interop.Interop.Side;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * REQ and DEALER against REP and ROUTER, ringmq on one side and JeroMQ on the other, in both directions: REQ's
 * empty delimiter is on the wire where JeroMQ expects it, REP strips and restores it, a DEALER talking to a REP
 * writes the delimiter itself, and a ROUTER sees {@code [id][empty][body]}. The JeroMQ side runs on its own
 * thread, so a JeroMQ call that waits for a peer never starves ringmq's I/O in invoker mode.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReqRepInteropTest
{
    private static final int ROUND_TRIPS = 1_000;
    private static final int MIB = 1024 * 1024;
    private static final long PEER_TIMEOUT_MS = 20_000;

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void ringmqReqToJeromqRep(final Mode mode, final Side side) throws Exception
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket req = ringmq(ctx, SocketType.REQ))
        {
            final ZMQ.Socket rep = jeromqWaiting(zctx, org.zeromq.SocketType.REP);
            link(zctx, side, req, rep);

            final Peer<Integer> server = Interop.start(() ->
            {
                for (int i = 0; i < ROUND_TRIPS; i++)
                {
                    assertNumbered(i, rep.recv());
                    assertFalse(rep.hasReceiveMore(), "REP hands over the body only");
                    assertTrue(rep.send(numbered(i + 1)));
                }
                return ROUND_TRIPS;
            });
            for (int i = 0; i < ROUND_TRIPS; i++)
            {
                assertTrue(req.send(numbered(i)));
                assertNumbered(i + 1, mustRecv(req));
                assertFalse(req.hasReceiveMore(), "REQ hands over the body only");
            }
            assertEquals(ROUND_TRIPS, server.await(ctx, PEER_TIMEOUT_MS));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void jeromqReqToRingmqRep(final Mode mode, final Side side) throws Exception
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket rep = ringmq(ctx, SocketType.REP))
        {
            final ZMQ.Socket req = jeromqWaiting(zctx, org.zeromq.SocketType.REQ);
            link(zctx, side, rep, req);

            final Peer<Integer> client = Interop.start(() ->
            {
                for (int i = 0; i < ROUND_TRIPS; i++)
                {
                    assertTrue(req.send(numbered(i)));
                    assertNumbered(i + 1, req.recv());
                    assertFalse(req.hasReceiveMore());
                }
                return ROUND_TRIPS;
            });
            for (int i = 0; i < ROUND_TRIPS; i++)
            {
                assertNumbered(i, mustRecv(rep));
                assertFalse(rep.hasReceiveMore(), "REP hands over the body only");
                assertTrue(rep.send(numbered(i + 1)));
            }
            assertEquals(ROUND_TRIPS, client.await(ctx, PEER_TIMEOUT_MS));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void ringmqReqToJeromqRouter(final Mode mode, final Side side) throws Exception
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket req = ringmq(ctx, SocketType.REQ))
        {
            req.setIdentity(bytes("ringmq-req"));
            final ZMQ.Socket router = jeromqWaiting(zctx, org.zeromq.SocketType.ROUTER);
            link(zctx, side, req, router);

            final Peer<Integer> server = Interop.start(() ->
            {
                for (int i = 0; i < ROUND_TRIPS; i++)
                {
                    final byte[] id = router.recv();
                    assertArrayEquals(bytes("ringmq-req"), id, "routing id is REQ's identity");
                    assertTrue(router.hasReceiveMore());
                    assertArrayEquals(new byte[0], router.recv(), "REQ's delimiter");
                    assertTrue(router.hasReceiveMore());
                    assertNumbered(i, router.recv());
                    assertFalse(router.hasReceiveMore());

                    assertTrue(router.sendMore(id));
                    assertTrue(router.sendMore(new byte[0]));
                    assertTrue(router.send(numbered(i + 1)));
                }
                return ROUND_TRIPS;
            });
            for (int i = 0; i < ROUND_TRIPS; i++)
            {
                assertTrue(req.send(numbered(i)));
                assertNumbered(i + 1, mustRecv(req));
                assertFalse(req.hasReceiveMore());
            }
            assertEquals(ROUND_TRIPS, server.await(ctx, PEER_TIMEOUT_MS));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void jeromqReqToRingmqRouter(final Mode mode, final Side side) throws Exception
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket router = ringmq(ctx, SocketType.ROUTER))
        {
            final ZMQ.Socket req = jeromqWaiting(zctx, org.zeromq.SocketType.REQ);
            req.setIdentity(bytes("jeromq-req"));
            link(zctx, side, router, req);

            final Peer<Integer> client = Interop.start(() ->
            {
                for (int i = 0; i < ROUND_TRIPS; i++)
                {
                    assertTrue(req.send(numbered(i)));
                    assertNumbered(i + 1, req.recv());
                    assertFalse(req.hasReceiveMore());
                }
                return ROUND_TRIPS;
            });
            for (int i = 0; i < ROUND_TRIPS; i++)
            {
                final byte[] id = mustRecv(router);
                assertArrayEquals(bytes("jeromq-req"), id, "routing id is REQ's identity");
                assertTrue(router.hasReceiveMore());
                assertArrayEquals(new byte[0], mustRecv(router), "REQ's delimiter");
                assertTrue(router.hasReceiveMore());
                assertNumbered(i, mustRecv(router));
                assertFalse(router.hasReceiveMore());

                assertTrue(router.sendMore(id));
                assertTrue(router.sendMore(new byte[0]));
                assertTrue(router.send(numbered(i + 1)));
            }
            assertEquals(ROUND_TRIPS, client.await(ctx, PEER_TIMEOUT_MS));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void ringmqDealerToJeromqRep(final Mode mode, final Side side) throws Exception
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket dealer = ringmq(ctx, SocketType.DEALER))
        {
            final ZMQ.Socket rep = jeromqWaiting(zctx, org.zeromq.SocketType.REP);
            link(zctx, side, dealer, rep);

            final Peer<Integer> server = Interop.start(() ->
            {
                for (int i = 0; i < ROUND_TRIPS; i++)
                {
                    assertNumbered(i, rep.recv());
                    assertFalse(rep.hasReceiveMore());
                    assertTrue(rep.send(numbered(i + 1)));
                }
                return ROUND_TRIPS;
            });
            for (int i = 0; i < ROUND_TRIPS; i++)
            {
                // A DEALER adds no envelope: to talk to a REP it writes REQ's delimiter itself.
                assertTrue(dealer.sendMore(new byte[0]));
                assertTrue(dealer.send(numbered(i)));
                assertArrayEquals(new byte[0], mustRecv(dealer), "REP put the delimiter back");
                assertTrue(dealer.hasReceiveMore());
                assertNumbered(i + 1, mustRecv(dealer));
                assertFalse(dealer.hasReceiveMore());
            }
            assertEquals(ROUND_TRIPS, server.await(ctx, PEER_TIMEOUT_MS));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void jeromqDealerToRingmqRep(final Mode mode, final Side side) throws Exception
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket rep = ringmq(ctx, SocketType.REP))
        {
            final ZMQ.Socket dealer = jeromqWaiting(zctx, org.zeromq.SocketType.DEALER);
            link(zctx, side, rep, dealer);

            final Peer<Integer> client = Interop.start(() ->
            {
                for (int i = 0; i < ROUND_TRIPS; i++)
                {
                    assertTrue(dealer.sendMore(new byte[0]));
                    assertTrue(dealer.send(numbered(i)));
                    assertArrayEquals(new byte[0], dealer.recv(), "REP put the delimiter back");
                    assertTrue(dealer.hasReceiveMore());
                    assertNumbered(i + 1, dealer.recv());
                    assertFalse(dealer.hasReceiveMore());
                }
                return ROUND_TRIPS;
            });
            for (int i = 0; i < ROUND_TRIPS; i++)
            {
                assertNumbered(i, mustRecv(rep));
                assertFalse(rep.hasReceiveMore(), "REP hands over the body only");
                assertTrue(rep.send(numbered(i + 1)));
            }
            assertEquals(ROUND_TRIPS, client.await(ctx, PEER_TIMEOUT_MS));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void mebibyteRoundTripRingmqReqToJeromqRep(final Mode mode, final Side side) throws Exception
    {
        final byte[] request = random(MIB, 11);
        final byte[] reply = random(MIB, 12);
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket req = ringmq(ctx, SocketType.REQ))
        {
            final ZMQ.Socket rep = jeromqWaiting(zctx, org.zeromq.SocketType.REP);
            link(zctx, side, req, rep);

            final Peer<Integer> server = Interop.start(() ->
            {
                for (int i = 0; i < 3; i++)
                {
                    assertArrayEquals(request, rep.recv(), "request " + i);
                    assertFalse(rep.hasReceiveMore());
                    assertTrue(rep.send(reply));
                }
                return 3;
            });
            for (int i = 0; i < 3; i++)
            {
                assertTrue(req.send(request));
                assertArrayEquals(reply, mustRecv(req), "reply " + i);
                assertFalse(req.hasReceiveMore());
            }
            assertEquals(3, server.await(ctx, PEER_TIMEOUT_MS));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void mebibyteRoundTripJeromqReqToRingmqRep(final Mode mode, final Side side) throws Exception
    {
        final byte[] request = random(MIB, 21);
        final byte[] reply = random(MIB, 22);
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket rep = ringmq(ctx, SocketType.REP))
        {
            final ZMQ.Socket req = jeromqWaiting(zctx, org.zeromq.SocketType.REQ);
            link(zctx, side, rep, req);

            final Peer<Integer> client = Interop.start(() ->
            {
                for (int i = 0; i < 3; i++)
                {
                    assertTrue(req.send(request));
                    assertArrayEquals(reply, req.recv(), "reply " + i);
                    assertFalse(req.hasReceiveMore());
                }
                return 3;
            });
            for (int i = 0; i < 3; i++)
            {
                assertArrayEquals(request, mustRecv(rep), "request " + i);
                assertFalse(rep.hasReceiveMore());
                assertTrue(rep.send(reply));
            }
            assertEquals(3, client.await(ctx, PEER_TIMEOUT_MS));
        }
    }

    /**
     * A JeroMQ socket for a peer thread, whose receives wait as long as ringmq's do.
     */
    static ZMQ.Socket jeromqWaiting(final ZContext zctx, final org.zeromq.SocketType type)
    {
        final ZMQ.Socket socket = jeromq(zctx, type);
        socket.setReceiveTimeOut((int)Interop.RECEIVE_TIMEOUT_MS);
        return socket;
    }

    static byte[] random(final int length, final long seed)
    {
        final byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
