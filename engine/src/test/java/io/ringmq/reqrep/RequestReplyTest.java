package io.ringmq.reqrep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.RingmqException;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;

/**
 * REQ, REP, DEALER and ROUTER between ringmq sockets over tcp: envelopes, lockstep, routing ids.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RequestReplyTest
{
    @ModesAndTransports
    void reqRepRoundTripsInLockstep(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket rep = ctx.socket(SocketType.REP); Socket req = ctx.socket(SocketType.REQ))
        {
            rep.bind(transport.bindEndpoint());
            req.connect(rep.getLastEndpoint());
            rep.setReceiveTimeOut(5_000);
            req.setReceiveTimeOut(5_000);
            for (int i = 0; i < 100; i++)
            {
                assertTrue(req.send("request-" + i));
                assertEquals("request-" + i, rep.recvStr());
                assertFalse(rep.hasReceiveMore());
                assertTrue(rep.send("reply-" + i));
                assertEquals("reply-" + i, req.recvStr());
            }
        }
    }

    @ModesAndTransports
    void reqAndRepRefuseToBreakTheLockstep(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket rep = ctx.socket(SocketType.REP); Socket req = ctx.socket(SocketType.REQ))
        {
            // The request may still be queued when the REP closes (invoker mode runs no I/O in between): nobody will
            // take it, so it is not worth a linger.
            req.setLinger(0);
            rep.bind(transport.bindEndpoint());
            req.connect(rep.getLastEndpoint());
            assertTrue(req.send("one"));
            final RingmqException twice = assertThrows(RingmqException.class, () -> req.send("two"));
            assertTrue(twice.getMessage().contains("REQ"), twice.getMessage());
            assertThrows(RingmqException.class, () -> rep.send("unasked"));
        }
    }

    @ModesAndTransports
    void routerSeesPeerIdentityAndRoutesRepliesBack(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket router = ctx.socket(SocketType.ROUTER);
            Socket named = ctx.socket(SocketType.DEALER);
            Socket anonymous = ctx.socket(SocketType.DEALER))
        {
            router.bind(transport.bindEndpoint());
            router.setReceiveTimeOut(5_000);
            named.setIdentity("alice".getBytes(StandardCharsets.US_ASCII));
            named.connect(router.getLastEndpoint());
            anonymous.connect(router.getLastEndpoint());
            named.setReceiveTimeOut(5_000);
            anonymous.setReceiveTimeOut(5_000);

            named.send("from alice");
            assertArrayEquals("alice".getBytes(StandardCharsets.US_ASCII), router.recv());
            assertTrue(router.hasReceiveMore());
            assertEquals("from alice", router.recvStr());

            anonymous.send("from nobody");
            final byte[] generated = router.recv();
            assertEquals(5, generated.length);
            assertEquals(0, generated[0]);
            assertEquals("from nobody", router.recvStr());

            router.sendMore(generated);
            router.send("to nobody");
            router.sendMore("alice");
            router.send("to alice");
            assertEquals("to nobody", anonymous.recvStr());
            assertEquals("to alice", named.recvStr());
        }
    }

    @ModesAndTransports
    void routerMandatoryRefusesAnUnknownRoutingId(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket router = ctx.socket(SocketType.ROUTER))
        {
            router.bind(transport.bindEndpoint());
            assertTrue(router.sendMore("ghost"));
            assertTrue(router.send("dropped silently"));
            router.setRouterMandatory(true);
            final RingmqException unknown = assertThrows(RingmqException.class, () -> router.sendMore("ghost"));
            assertTrue(unknown.getMessage().contains("ROUTER_MANDATORY"), unknown.getMessage());
            assertTrue(unknown.getMessage().contains("67686f7374"), unknown.getMessage());
        }
    }

    @ModesAndTransports
    void correlatingRelaxedReqDropsStaleReplies(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket router = ctx.socket(SocketType.ROUTER); Socket req = ctx.socket(SocketType.REQ))
        {
            router.bind(transport.bindEndpoint());
            router.setReceiveTimeOut(5_000);
            req.setReqCorrelate(true);
            req.setReqRelaxed(true);
            req.setReceiveTimeOut(5_000);
            req.connect(router.getLastEndpoint());

            req.send("first");
            final byte[][] first = receiveMessage(router);
            req.send("second");
            final byte[][] second = receiveMessage(router);
            assertEquals(4, first[1].length, "request id frame");
            assertEquals(0, first[2].length, "delimiter");

            reply(router, first, "stale");
            reply(router, second, "fresh");
            assertEquals("fresh", req.recvStr());
        }
    }

    private static byte[][] receiveMessage(final Socket socket)
    {
        final byte[][] frames = new byte[4][];
        int count = 0;
        do
        {
            frames[count] = socket.recv();
            assertNotNull(frames[count]);
            count++;
        }
        while (socket.hasReceiveMore());
        return frames;
    }

    private static void reply(final Socket router, final byte[][] request, final String body)
    {
        router.sendMore(request[0]);
        router.sendMore(request[1]);
        router.sendMore(request[2]);
        router.send(body);
    }
}
