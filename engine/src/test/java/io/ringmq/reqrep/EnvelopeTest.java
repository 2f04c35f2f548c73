package io.ringmq.reqrep;

import static io.ringmq.reqrep.Frames.assertFrames;
import static io.ringmq.reqrep.Frames.bytes;
import static io.ringmq.reqrep.Frames.recv;
import static io.ringmq.reqrep.Frames.send;
import static io.ringmq.reqrep.Frames.socket;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.MessageHandler;
import io.ringmq.SendClaim;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 28 envelopes: REP keeps every frame up to and including the empty delimiter and puts them back, unchanged,
 * in front of its reply; ROUTER adds the peer's id on receive and consumes it on send; DEALER and ROUTER leave
 * everything else alone. So replies find their way back through any number of hops.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EnvelopeTest
{
    private static final byte[] EMPTY = new byte[0];

    /**
     * REQ -> ROUTER (front), forwarded by hand to DEALER (back) -> REP, and the replies back the same way, with
     * two clients whose requests are both in flight: each reply reaches the client that asked.
     */
    @ModesAndTransports
    void repliesFindTheirWayBackThroughABrokerChain(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket rep = socket(ctx, SocketType.REP);
            Socket back = socket(ctx, SocketType.DEALER);
            Socket front = socket(ctx, SocketType.ROUTER);
            Socket alice = socket(ctx, SocketType.REQ);
            Socket bob = socket(ctx, SocketType.REQ))
        {
            rep.bind(transport.bindEndpoint());
            back.connect(rep.getLastEndpoint());
            front.bind(transport.bindEndpoint());
            alice.setIdentity(bytes("alice"));
            bob.setIdentity(bytes("bob"));
            alice.connect(front.getLastEndpoint());
            bob.connect(front.getLastEndpoint());

            for (int round = 0; round < 20; round++)
            {
                assertTrue(alice.send("question a" + round));
                assertTrue(bob.send("question b" + round));
                for (int i = 0; i < 2; i++)
                {
                    // The front sees the whole envelope and passes it on untouched.
                    final List<byte[]> request = recv(front);
                    assertEquals(3, request.size(), Frames.describe(request));
                    assertArrayEquals(EMPTY, request.get(1), "REQ's delimiter");
                    send(back, request.toArray(new byte[0][]));
                }
                for (int i = 0; i < 2; i++)
                {
                    final byte[] question = rep.recv();
                    assertNotNull(question);
                    assertFalse(rep.hasReceiveMore(), "REP hands over the body only");
                    assertTrue(rep.send("answer to " + Frames.text(question)));
                }
                for (int i = 0; i < 2; i++)
                {
                    final List<byte[]> reply = recv(back);
                    assertEquals(3, reply.size(), Frames.describe(reply));
                    assertArrayEquals(EMPTY, reply.get(1), "REP restored the delimiter");
                    send(front, reply.toArray(new byte[0][]));
                }
                assertEquals("answer to question a" + round, alice.recvStr());
                assertFalse(alice.hasReceiveMore());
                assertEquals("answer to question b" + round, bob.recvStr());
                assertFalse(bob.hasReceiveMore());
            }
        }
    }

    /**
     * A DEALER speaking for two earlier hops: the REP sees only the body and returns exactly the envelope frames
     * it was given, in order, in front of its reply.
     */
    @ModesAndTransports
    void repReturnsAMultiHopEnvelopeExactly(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket rep = socket(ctx, SocketType.REP);
            Socket dealer = socket(ctx, SocketType.DEALER))
        {
            rep.bind(transport.bindEndpoint());
            dealer.connect(rep.getLastEndpoint());

            for (int i = 0; i < 50; i++)
            {
                final byte[] hop2 = bytes("hop2-" + i);
                final byte[] hop1 = new byte[]{ 0, 1, 2, (byte)i, (byte)0xFF };
                send(dealer, hop2, hop1, EMPTY, bytes("body " + i));
                assertFrames(recv(rep), bytes("body " + i));
                assertTrue(rep.send("reply " + i));
                assertFrames(recv(dealer), hop2, hop1, EMPTY, bytes("reply " + i));
            }
        }
    }

    /**
     * The zero-copy path applies the same rules: {@code receive(handler)} shows the REP only the body, and a reply
     * written in place with claim/commitMore/commit goes out behind the saved envelope.
     */
    @ModesAndTransports
    void repEnvelopeOnTheZeroCopyPath(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket rep = socket(ctx, SocketType.REP);
            Socket dealer = socket(ctx, SocketType.DEALER))
        {
            rep.bind(transport.bindEndpoint());
            dealer.connect(rep.getLastEndpoint());

            final List<byte[]> seen = new ArrayList<>();
            final MessageHandler handler = (buffer, offset, length, more) ->
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                seen.add(copy);
            };
            for (int i = 0; i < 50; i++)
            {
                send(dealer, bytes("hop2"), bytes("hop1-" + i), EMPTY, bytes("head " + i), bytes("tail " + i));
                seen.clear();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (rep.receive(handler, 1) == 0)
                {
                    assertTrue(System.nanoTime() - deadline < 0, "request " + i + " never arrived");
                    Thread.onSpinWait();
                }
                assertFrames(seen, bytes("head " + i), bytes("tail " + i));

                final SendClaim first = rep.claim(2);
                assertNotNull(first);
                first.buffer().putByte(first.offset(), (byte)'o');
                first.buffer().putByte(first.offset() + 1, (byte)'k');
                first.commitMore();
                final SendClaim second = rep.claim(1);
                assertNotNull(second);
                second.buffer().putByte(second.offset(), (byte)i);
                second.commit();
                assertFrames(recv(dealer), bytes("hop2"), bytes("hop1-" + i), EMPTY, bytes("ok"), new byte[]{ (byte)i });
            }
        }
    }

    /**
     * A request with no empty delimiter has no return path: REP drops it and serves the next good one.
     */
    @ModesAndTransports
    void repDropsARequestWithoutDelimiter(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket rep = socket(ctx, SocketType.REP);
            Socket dealer = socket(ctx, SocketType.DEALER))
        {
            rep.bind(transport.bindEndpoint());
            dealer.connect(rep.getLastEndpoint());

            send(dealer, bytes("no"), bytes("delimiter"));
            send(dealer, bytes("bare"));
            send(dealer, EMPTY, bytes("good"));
            assertFrames(recv(rep), bytes("good"));
            assertTrue(rep.send("served"));
            assertFrames(recv(dealer), EMPTY, bytes("served"));
        }
    }

    /**
     * ROUTER adds the id on receive and consumes it on send; the rest of a DEALER's message, empty frames
     * included, passes both ways untouched.
     */
    @ModesAndTransports
    void dealerAndRouterPassFramesUntouched(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket router = socket(ctx, SocketType.ROUTER);
            Socket dealer = socket(ctx, SocketType.DEALER))
        {
            router.bind(transport.bindEndpoint());
            dealer.setIdentity(bytes("d"));
            dealer.connect(router.getLastEndpoint());

            send(dealer, bytes("a"), EMPTY, bytes("b"), EMPTY);
            assertFrames(recv(router), bytes("d"), bytes("a"), EMPTY, bytes("b"), EMPTY);
            send(router, bytes("d"), EMPTY, bytes("x"), EMPTY, bytes("y"));
            assertFrames(recv(dealer), EMPTY, bytes("x"), EMPTY, bytes("y"));

            dealer.setReceiveTimeOut(100);
            assertNull(dealer.recv(), "nothing else arrived");
        }
    }
}
