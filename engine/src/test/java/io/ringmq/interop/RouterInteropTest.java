package io.ringmq.interop;

import static io.ringmq.interop.Interop.assertNumbered;
import static io.ringmq.interop.Interop.bytes;
import static io.ringmq.interop.Interop.link;
import static io.ringmq.interop.Interop.mustRecv;
import static io.ringmq.interop.Interop.numbered;
import static io.ringmq.interop.Interop.ringmq;
import static io.ringmq.interop.ReqRepInteropTest.jeromqWaiting;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.ringmq.Context;
import io.ringmq.RingmqException;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.interop.Interop.Peer;
import io.ringmq.interop.Interop.Side;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * DEALER and ROUTER against JeroMQ in both directions: a ROUTER names a DEALER by the identity it sent, or by a
 * generated 5-byte id starting with a zero byte when it sent none, and routes replies through that id; a
 * connecting ROUTER names the bound ROUTER with CONNECT_ROUTING_ID so that it can speak first.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterInteropTest
{
    private static final int ROUND_TRIPS = 1_000;
    private static final long PEER_TIMEOUT_MS = 20_000;
    private static final byte[] DEALER_ID = bytes("dealer-7");

    static Stream<Arguments> casesWithIdentity()
    {
        return Interop.cases().flatMap(
            (args) -> Stream.of(true, false).map((named) -> Arguments.of(args.get()[0], args.get()[1], named)));
    }

    @ParameterizedTest(name = "{0}, {1}, identity {2}")
    @MethodSource("casesWithIdentity")
    void ringmqDealerToJeromqRouter(final Mode mode, final Side side, final boolean named) throws Exception
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket dealer = ringmq(ctx, SocketType.DEALER))
        {
            if (named)
            {
                dealer.setIdentity(DEALER_ID);
            }
            final ZMQ.Socket router = jeromqWaiting(zctx, org.zeromq.SocketType.ROUTER);
            link(zctx, side, dealer, router);

            final Peer<byte[]> server = Interop.start(() ->
            {
                byte[] first = null;
                for (int i = 0; i < ROUND_TRIPS; i++)
                {
                    final byte[] id = router.recv();
                    assertNotNull(id, "request " + i);
                    if (null == first)
                    {
                        first = id;
                    }
                    assertArrayEquals(first, id, "one peer, one routing id");
                    assertTrue(router.hasReceiveMore());
                    assertNumbered(i, router.recv());
                    assertFalse(router.hasReceiveMore(), "a DEALER adds no envelope");
                    assertTrue(router.sendMore(id));
                    assertTrue(router.send(numbered(i + 1)));
                }
                return first;
            });
            for (int i = 0; i < ROUND_TRIPS; i++)
            {
                assertTrue(dealer.send(numbered(i)));
                assertNumbered(i + 1, mustRecv(dealer));
                assertFalse(dealer.hasReceiveMore(), "ROUTER consumed the id frame");
            }
            assertRoutingId(named, server.await(ctx, PEER_TIMEOUT_MS));
        }
    }

    @ParameterizedTest(name = "{0}, {1}, identity {2}")
    @MethodSource("casesWithIdentity")
    void jeromqDealerToRingmqRouter(final Mode mode, final Side side, final boolean named) throws Exception
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket router = ringmq(ctx, SocketType.ROUTER))
        {
            final ZMQ.Socket dealer = jeromqWaiting(zctx, org.zeromq.SocketType.DEALER);
            if (named)
            {
                dealer.setIdentity(DEALER_ID);
            }
            link(zctx, side, router, dealer);

            final Peer<Integer> client = Interop.start(() ->
            {
                for (int i = 0; i < ROUND_TRIPS; i++)
                {
                    assertTrue(dealer.send(numbered(i)));
                    assertNumbered(i + 1, dealer.recv());
                    assertFalse(dealer.hasReceiveMore(), "ROUTER consumed the id frame");
                }
                return ROUND_TRIPS;
            });
            byte[] first = null;
            for (int i = 0; i < ROUND_TRIPS; i++)
            {
                final byte[] id = mustRecv(router);
                if (null == first)
                {
                    first = id;
                }
                assertArrayEquals(first, id, "one peer, one routing id");
                assertTrue(router.hasReceiveMore());
                assertNumbered(i, mustRecv(router));
                assertFalse(router.hasReceiveMore(), "a DEALER adds no envelope");
                assertTrue(router.sendMore(id));
                assertTrue(router.send(numbered(i + 1)));
            }
            assertEquals(ROUND_TRIPS, client.await(ctx, PEER_TIMEOUT_MS));
            assertRoutingId(named, first);
        }
    }

    /**
     * The ringmq ROUTER connects, naming the bound JeroMQ ROUTER "bound" with CONNECT_ROUTING_ID, and speaks first.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void ringmqRouterConnectsToJeromqRouter(final Mode mode) throws Exception
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket connecting = ringmq(ctx, SocketType.ROUTER))
        {
            final ZMQ.Socket bound = jeromqWaiting(zctx, org.zeromq.SocketType.ROUTER);
            assertTrue(bound.bind("tcp://127.0.0.1:*"));
            connecting.setIdentity(bytes("connector"));
            connecting.setRouterMandatory(true);
            connecting.setConnectRid(bytes("bound"));
            connecting.connect(bound.getLastEndpoint());

            final Peer<Integer> server = Interop.start(() ->
            {
                for (int i = 0; i < ROUND_TRIPS; i++)
                {
                    assertArrayEquals(bytes("connector"), bound.recv(), "the connecting ROUTER's identity");
                    assertTrue(bound.hasReceiveMore());
                    assertNumbered(i, bound.recv());
                    assertFalse(bound.hasReceiveMore());
                    assertTrue(bound.sendMore(bytes("connector")));
                    assertTrue(bound.send(numbered(i + 1)));
                }
                return ROUND_TRIPS;
            });
            for (int i = 0; i < ROUND_TRIPS; i++)
            {
                sendWhenRoutable(ctx, connecting, bytes("bound"), numbered(i));
                assertArrayEquals(bytes("bound"), mustRecv(connecting), "the id CONNECT_ROUTING_ID gave");
                assertTrue(connecting.hasReceiveMore());
                assertNumbered(i + 1, mustRecv(connecting));
                assertFalse(connecting.hasReceiveMore());
            }
            assertEquals(ROUND_TRIPS, server.await(ctx, PEER_TIMEOUT_MS));
        }
    }

    /**
     * JeroMQ's ROUTER connects, naming the bound ringmq ROUTER "bound" with CONNECT_RID, and speaks first.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void jeromqRouterConnectsToRingmqRouter(final Mode mode) throws Exception
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket bound = ringmq(ctx, SocketType.ROUTER))
        {
            bound.bind("tcp://127.0.0.1:*");
            final ZMQ.Socket connecting = jeromqWaiting(zctx, org.zeromq.SocketType.ROUTER);
            connecting.setIdentity(bytes("connector"));
            connecting.setRouterMandatory(true);
            assertTrue(connecting.setConnectRid(bytes("bound")));
            assertTrue(connecting.connect(bound.getLastEndpoint()));

            final Peer<Integer> client = Interop.start(() ->
            {
                for (int i = 0; i < ROUND_TRIPS; i++)
                {
                    // With ROUTER_MANDATORY JeroMQ refuses the id frame until the connection is up.
                    final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Interop.RECEIVE_TIMEOUT_MS);
                    while (!connecting.sendMore(bytes("bound")))
                    {
                        assertTrue(System.nanoTime() - deadline < 0, "peer \"bound\" never became routable");
                        Thread.sleep(1);
                    }
                    assertTrue(connecting.send(numbered(i)));
                    assertArrayEquals(bytes("bound"), connecting.recv(), "the id CONNECT_RID gave");
                    assertTrue(connecting.hasReceiveMore());
                    assertNumbered(i + 1, connecting.recv());
                    assertFalse(connecting.hasReceiveMore());
                }
                return ROUND_TRIPS;
            });
            for (int i = 0; i < ROUND_TRIPS; i++)
            {
                assertArrayEquals(bytes("connector"), mustRecv(bound), "the connecting ROUTER's identity");
                assertTrue(bound.hasReceiveMore());
                assertNumbered(i, mustRecv(bound));
                assertFalse(bound.hasReceiveMore());
                assertTrue(bound.sendMore(bytes("connector")));
                assertTrue(bound.send(numbered(i + 1)));
            }
            assertEquals(ROUND_TRIPS, client.await(ctx, PEER_TIMEOUT_MS));
        }
    }

    /**
     * ROUTER_MANDATORY refuses an id until its peer has connected; retry until then.
     */
    private static void sendWhenRoutable(final Context ctx, final Socket router, final byte[] id, final byte[] body)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Interop.RECEIVE_TIMEOUT_MS);
        while (true)
        {
            try
            {
                assertTrue(router.sendMore(id));
                break;
            }
            catch (final RingmqException ex)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    fail("peer never became routable: " + ex.getMessage());
                }
                Mode.pump(ctx, 1);
            }
        }
        assertTrue(router.send(body));
    }

    private static void assertRoutingId(final boolean named, final byte[] id)
    {
        if (named)
        {
            assertArrayEquals(DEALER_ID, id, "the DEALER's identity");
        }
        else
        {
            assertEquals(5, id.length, "generated id length");
            assertEquals(0, id[0], "generated ids start with a zero byte");
        }
    }
}
