package io.ringmq.reqrep;

import static io.ringmq.reqrep.Frames.assertFrames;
import static io.ringmq.reqrep.Frames.bytes;
import static io.ringmq.reqrep.Frames.recv;
import static io.ringmq.reqrep.Frames.send;
import static io.ringmq.reqrep.Frames.socket;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.MessageHandler;
import io.ringmq.RingmqException;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;

/**
 * REQ's and REP's lockstep, and the two REQ options that loosen it: REQ_RELAXED lets a REQ send again before its
 * reply, REQ_CORRELATE tags each request so that a late reply to an earlier one is dropped.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReqOptionsTest
{
    private static final byte[] EMPTY = new byte[0];
    private static final MessageHandler IGNORE = (buffer, offset, length, more) ->
    {
    };

    @ModesAndTransports
    void correlatedRelaxedReqDropsLateReplies(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket router = socket(ctx, SocketType.ROUTER);
            Socket req = socket(ctx, SocketType.REQ))
        {
            router.bind(transport.bindEndpoint());
            req.setReqCorrelate(true);
            req.setReqRelaxed(true);
            req.connect(router.getLastEndpoint());

            assertTrue(req.send("first"));
            final List<byte[]> first = recv(router);
            assertTrue(req.send("second"));
            final List<byte[]> second = recv(router);
            assertTrue(req.send("third"));
            final List<byte[]> third = recv(router);
            for (final List<byte[]> request : List.of(first, second, third))
            {
                assertEquals(4, request.size(), "[id][request id][empty][body]: " + Frames.describe(request));
                assertEquals(4, request.get(1).length, "request id frame");
                assertArrayEquals(EMPTY, request.get(2), "delimiter");
            }
            assertFalse(Arrays.equals(first.get(1), second.get(1)), "request ids differ");
            assertFalse(Arrays.equals(second.get(1), third.get(1)), "request ids differ");

            // Replies to the first two arrive late, before and after the one to the latest request.
            send(router, first.get(0), first.get(1), EMPTY, bytes("late 1"));
            send(router, third.get(0), third.get(1), EMPTY, bytes("current"));
            send(router, second.get(0), second.get(1), EMPTY, bytes("late 2"));
            assertEquals("current", req.recvStr());
            assertFalse(req.hasReceiveMore());

            // Neither late reply surfaces, now or with the next request.
            assertTrue(req.send("fourth"));
            final List<byte[]> fourth = recv(router);
            send(router, second.get(0), second.get(1), EMPTY, bytes("late 2 again"));
            send(router, fourth.get(0), fourth.get(1), EMPTY, bytes("answer 4"));
            assertEquals("answer 4", req.recvStr());
            assertThrows(RingmqException.class, req::recv, "one reply per request, even when relaxed");
        }
    }

    @ModesAndTransports
    void correlatedReqWorksThroughRep(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket rep = socket(ctx, SocketType.REP);
            Socket req = socket(ctx, SocketType.REQ))
        {
            rep.bind(transport.bindEndpoint());
            req.setReqCorrelate(true);
            req.connect(rep.getLastEndpoint());
            for (int i = 0; i < 50; i++)
            {
                assertTrue(req.send("request " + i));
                assertFrames(recv(rep), bytes("request " + i));
                assertTrue(rep.send("reply " + i));
                assertFrames(recv(req), bytes("reply " + i));
            }
        }
    }

    @ModesAndTransports
    void relaxedReqWithoutCorrelateMaySendAgain(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket router = socket(ctx, SocketType.ROUTER);
            Socket req = socket(ctx, SocketType.REQ))
        {
            router.bind(transport.bindEndpoint());
            req.setReqRelaxed(true);
            req.connect(router.getLastEndpoint());

            assertTrue(req.send("first"));
            assertTrue(req.send("second"), "REQ_RELAXED allows a second request");
            final List<byte[]> first = recv(router);
            final List<byte[]> second = recv(router);
            assertFrames(first, first.get(0), EMPTY, bytes("first"));
            assertFrames(second, first.get(0), EMPTY, bytes("second"));

            send(router, second.get(0), EMPTY, bytes("answer"));
            assertFrames(recv(req), bytes("answer"));
            assertTrue(req.send("third"));
            assertFrames(recv(router), first.get(0), EMPTY, bytes("third"));
        }
    }

    @ModesAndTransports
    void strictReqRefusesToBreakTheLockstep(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket rep = socket(ctx, SocketType.REP);
            Socket req = socket(ctx, SocketType.REQ))
        {
            rep.bind(transport.bindEndpoint());
            req.connect(rep.getLastEndpoint());

            final RingmqException early = assertThrows(RingmqException.class, req::recv);
            assertTrue(early.getMessage().contains("REQ"), early.getMessage());
            assertThrows(RingmqException.class, () -> req.receive(IGNORE, 1), "zero-copy receive before send");

            assertTrue(req.send("one"));
            final RingmqException twice = assertThrows(RingmqException.class, () -> req.send("two"));
            assertTrue(twice.getMessage().contains("REQ"), twice.getMessage());
            assertThrows(RingmqException.class, () -> req.claim(3), "claim before the reply");

            // The refused calls left the socket as it was: the first request is answered as usual.
            assertFrames(recv(rep), bytes("one"));
            assertTrue(rep.send("answer"));
            assertFrames(recv(req), bytes("answer"));
            assertThrows(RingmqException.class, req::recv, "receive twice");
            assertTrue(req.send("three"));
            assertFrames(recv(rep), bytes("three"));
        }
    }

    @ModesAndTransports
    void repRefusesToBreakTheLockstep(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket rep = socket(ctx, SocketType.REP);
            Socket req = socket(ctx, SocketType.REQ))
        {
            rep.bind(transport.bindEndpoint());
            req.connect(rep.getLastEndpoint());

            final RingmqException unasked = assertThrows(RingmqException.class, () -> rep.send("unasked"));
            assertTrue(unasked.getMessage().contains("REP"), unasked.getMessage());
            assertThrows(RingmqException.class, () -> rep.claim(3), "claim before a request");

            assertTrue(req.send("one"));
            assertFrames(recv(rep), bytes("one"));
            final RingmqException again = assertThrows(RingmqException.class, rep::recv);
            assertTrue(again.getMessage().contains("REP"), again.getMessage());
            assertTrue(rep.send("answer"));
            assertFrames(recv(req), bytes("answer"));
            assertThrows(RingmqException.class, () -> rep.send("twice"), "a second reply");
        }
    }
}
