package io.ringmq.reqrep;

import static io.ringmq.reqrep.Frames.assertFrames;
import static io.ringmq.reqrep.Frames.bytes;
import static io.ringmq.reqrep.Frames.recv;
import static io.ringmq.reqrep.Frames.send;
import static io.ringmq.reqrep.Frames.socket;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.RingmqException;
import io.ringmq.SendClaim;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;

/**
 * ROUTER_MANDATORY (an unroutable id is an error, not a silent drop) and ROUTER_HANDOVER (a new peer with a
 * routing id in use takes it over, instead of being refused).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RouterOptionsTest
{
    /** "ghost" in hex, as the error shows it. */
    private static final String GHOST_HEX = "0x67686f7374";

    @ModesAndTransports
    void mandatoryRefusesAnUnknownIdAndSaysWhich(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket router = socket(ctx, SocketType.ROUTER);
            Socket dealer = socket(ctx, SocketType.DEALER))
        {
            router.setRouterMandatory(true);
            router.bind(transport.bindEndpoint());
            dealer.setIdentity(bytes("known"));
            dealer.connect(router.getLastEndpoint());
            send(dealer, bytes("hello"));
            assertFrames(recv(router), bytes("known"), bytes("hello"));

            final RingmqException copied = assertThrows(RingmqException.class, () -> router.sendMore("ghost"));
            assertTrue(copied.getMessage().contains("ROUTER_MANDATORY"), copied.getMessage());
            assertTrue(copied.getMessage().contains(GHOST_HEX), copied.getMessage());

            final SendClaim claim = router.claim(5);
            assertNotNull(claim);
            claim.buffer().putBytes(claim.offset(), bytes("ghost"));
            final RingmqException claimed = assertThrows(RingmqException.class, claim::commitMore);
            assertTrue(claimed.getMessage().contains("ROUTER_MANDATORY"), claimed.getMessage());
            assertTrue(claimed.getMessage().contains(GHOST_HEX), claimed.getMessage());

            // Nothing of the refused messages went out; the socket still routes to a known peer.
            send(router, bytes("known"), bytes("reply"));
            assertFrames(recv(dealer), bytes("reply"));
            dealer.setReceiveTimeOut(100);
            assertNull(dealer.recv(), "a refused frame leaked");
        }
    }

    @ModesAndTransports
    void mandatoryRefusesAPeerThatHasGone(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket router = socket(ctx, SocketType.ROUTER))
        {
            router.setRouterMandatory(true);
            router.bind(transport.bindEndpoint());
            final Socket dealer = socket(ctx, SocketType.DEALER);
            dealer.setIdentity(bytes("ghost"));
            dealer.connect(router.getLastEndpoint());
            send(dealer, bytes("hello"));
            assertFrames(recv(router), bytes("ghost"), bytes("hello"));
            send(router, bytes("ghost"), bytes("while here"));
            dealer.close();

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (true)
            {
                try
                {
                    router.sendMore("ghost");
                    router.send("after it left");
                }
                catch (final RingmqException ex)
                {
                    assertTrue(ex.getMessage().contains(GHOST_HEX), ex.getMessage());
                    break;
                }
                if (System.nanoTime() - deadline > 0)
                {
                    fail("ROUTER_MANDATORY still routes to a closed peer");
                }
                Mode.pump(ctx, 5);
            }
        }
    }

    @ModesAndTransports
    void withoutMandatoryAnUnknownIdIsDroppedSilently(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket router = socket(ctx, SocketType.ROUTER);
            Socket dealer = socket(ctx, SocketType.DEALER))
        {
            router.bind(transport.bindEndpoint());
            dealer.setIdentity(bytes("known"));
            dealer.connect(router.getLastEndpoint());
            send(dealer, bytes("hello"));
            assertFrames(recv(router), bytes("known"), bytes("hello"));

            send(router, bytes("ghost"), bytes("lost"), bytes("in two frames"));
            final SendClaim claim = router.claim(5);
            claim.buffer().putBytes(claim.offset(), bytes("ghost"));
            claim.commitMore();
            assertTrue(router.send("lost too"));
            send(router, bytes("known"), bytes("delivered"));

            assertFrames(recv(dealer), bytes("delivered"));
            dealer.setReceiveTimeOut(100);
            assertNull(dealer.recv(), "a message to an unknown id went somewhere");
        }
    }

    @ModesAndTransports
    void handoverGivesTheIdToTheNewPeer(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket router = socket(ctx, SocketType.ROUTER);
            Socket first = socket(ctx, SocketType.DEALER);
            Socket second = socket(ctx, SocketType.DEALER))
        {
            router.setRouterHandover(true);
            router.bind(transport.bindEndpoint());
            first.setIdentity(bytes("worker"));
            // The first peer loses its connection on handover; were it to redial it would take the id straight back.
            first.setReconnectIVL(-1);
            first.connect(router.getLastEndpoint());
            send(first, bytes("from first"));
            assertFrames(recv(router), bytes("worker"), bytes("from first"));
            send(router, bytes("worker"), bytes("to first"));
            assertFrames(recv(first), bytes("to first"));

            second.setIdentity(bytes("worker"));
            second.connect(router.getLastEndpoint());
            send(second, bytes("from second"));
            assertFrames(recv(router), bytes("worker"), bytes("from second"));

            send(router, bytes("worker"), bytes("to whoever is worker"));
            assertFrames(recv(second), bytes("to whoever is worker"));
            first.setReceiveTimeOut(200);
            assertNull(first.recv(), "the old peer still holds the id");
        }
    }

    @ModesAndTransports
    void withoutHandoverTheSecondPeerIsRefused(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket router = socket(ctx, SocketType.ROUTER);
            Socket second = socket(ctx, SocketType.DEALER))
        {
            router.bind(transport.bindEndpoint());
            final Socket first = socket(ctx, SocketType.DEALER);
            first.setIdentity(bytes("worker"));
            first.connect(router.getLastEndpoint());
            send(first, bytes("from first"));
            assertFrames(recv(router), bytes("worker"), bytes("from first"));

            second.setIdentity(bytes("worker"));
            second.connect(router.getLastEndpoint());
            send(second, bytes("from second"));
            router.setReceiveTimeOut(300);
            assertNull(router.recv(), "a peer with a routing id in use was let in");

            send(router, bytes("worker"), bytes("to worker"));
            assertFrames(recv(first), bytes("to worker"));
            second.setReceiveTimeOut(200);
            assertNull(second.recv(), "the refused peer got the message");

            // Once the id is free again, the second peer's redial is let in. What it sent over a refused
            // connection may be lost with it (as in libzmq), so it keeps knocking until it is heard.
            first.close();
            router.setReceiveTimeOut(20);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            byte[] id;
            while (null == (id = router.recv()))
            {
                assertTrue(System.nanoTime() - deadline < 0, "the second peer was never let in");
                send(second, bytes("knock"));
            }
            assertArrayEquals(bytes("worker"), id);
            assertTrue(router.hasReceiveMore());
            final byte[] body = router.recv();
            assertTrue(Arrays.equals(bytes("from second"), body) || Arrays.equals(bytes("knock"), body));
            send(router, bytes("worker"), bytes("to the second"));
            assertFrames(recv(second), bytes("to the second"));
        }
    }
}
