package io.ringmq.wakeup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.ringmq.Context;
import io.ringmq.Poller;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A thread that led its agent's selector for a round trip lets go of it without waking the agent's own thread,
 * which parks on for a while in case the leader comes back. Everything else the agent serves must still be served
 * at once: a {@link Poller} or a thread that looks without waiting, on another socket of the same agent, gets its
 * message without waiting for the agent's thread to look again by itself, and what only the kernel reports (a
 * subscriber joining) is served soon.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeaderLetsGoTest
{
    private static final int TRIES = 41;
    /** Far below the agent's own look at a lease let go (10 ms), far above a wake-up on a machine with a free CPU. */
    private static final long MEDIAN_BOUND_NS = 3_000_000L;

    @Test
    void aPollerOnTheLeadersAgentGetsItsMessageAtOnce() throws Exception
    {
        try (Sockets sockets = new Sockets())
        {
            final Socket req = sockets.req;
            final Socket rep = sockets.rep;
            final Socket pull = sockets.pull;
            final Socket push = sockets.push;
            final Poller poller = new Poller(sockets.ctx);
            poller.register(pull, Poller.POLLIN);
            final AtomicLong arrived = new AtomicLong();
            final int[] message = {0};
            MedianRounds.assertOneRoundBelow("a poll on the agent a leader let go of", MEDIAN_BOUND_NS, () ->
            {
                final long[] latencies = new long[TRIES];
                for (int i = 0; i < TRIES; i++)
                {
                    final int index = message[0]++;
                    roundTrip(req, rep, index);
                    final Thread polling = new Thread(() ->
                    {
                        if (poller.poll(10_000) > 0)
                        {
                            arrived.set(System.nanoTime());
                            assertEquals("message " + index, pull.recvStr());
                        }
                    });
                    polling.start();
                    // Let the poll block first.
                    Thread.sleep(2);
                    final long sent = System.nanoTime();
                    assertTrue(push.send("message " + index));
                    polling.join(10_000);
                    latencies[i] = arrived.get() - sent;
                }
                return latencies;
            });
        }
    }

    @Test
    void aThreadLookingWithoutWaitingOnTheLeadersAgentGetsItsMessageAtOnce() throws Exception
    {
        try (Sockets sockets = new Sockets())
        {
            final Socket req = sockets.req;
            final Socket rep = sockets.rep;
            final Socket pull = sockets.pull;
            final Socket push = sockets.push;
            pull.setReceiveTimeOut(0);
            final int[] message = {0};
            final String what = "a look without waiting on the agent a leader let go of";
            MedianRounds.assertOneRoundBelow(what, MEDIAN_BOUND_NS, () ->
            {
                final long[] latencies = new long[TRIES];
                for (int i = 0; i < TRIES; i++)
                {
                    final int index = message[0]++;
                    roundTrip(req, rep, index);
                    final long sent = System.nanoTime();
                    assertTrue(push.send("message " + index));
                    String received;
                    final long deadline = sent + 10_000_000_000L;
                    while (null == (received = pull.recvStr()) && System.nanoTime() - deadline < 0)
                    {
                        Thread.yield();
                    }
                    latencies[i] = System.nanoTime() - sent;
                    assertEquals("message " + index, received);
                }
                return latencies;
            });
        }
    }

    @Test
    void aSubscriberJoiningAfterALeaderLetGoIsServed() throws Exception
    {
        try (Context ctx = new Context(); Context remote = new Context();
            Socket req = ctx.socket(SocketType.REQ); Socket pub = ctx.socket(SocketType.PUB);
            Socket rep = remote.socket(SocketType.REP))
        {
            rep.bind(TestTransport.TCP.bindEndpoint());
            req.connect(rep.getLastEndpoint());
            rep.setReceiveTimeOut(10_000);
            req.setReceiveTimeOut(10_000);
            pub.bind(TestTransport.TCP.bindEndpoint());
            for (int i = 0; i < 5; i++)
            {
                roundTrip(req, rep, i);
                // Nobody waits on the PUB's agent now: the kernel alone reports the connection and its subscription.
                try (Socket sub = remote.socket(SocketType.SUB))
                {
                    sub.subscribe("");
                    sub.setReceiveTimeOut(1);
                    sub.connect(pub.getLastEndpoint());
                    final long deadline = System.nanoTime() + 5_000_000_000L;
                    String received = null;
                    while (null == received && System.nanoTime() - deadline < 0)
                    {
                        assertTrue(pub.send("quote"));
                        received = sub.recvStr();
                    }
                    assertEquals("quote", received, "subscriber " + i + " joined within 5 s");
                }
            }
        }
    }

    /** A REQ and a PULL on one agent, their REP and PUSH in another context, connected over tcp. */
    private static final class Sockets implements AutoCloseable
    {
        final Context ctx = new Context();
        final Context remote = new Context();
        final Socket req = ctx.socket(SocketType.REQ);
        final Socket pull = ctx.socket(SocketType.PULL);
        final Socket rep = remote.socket(SocketType.REP);
        final Socket push = remote.socket(SocketType.PUSH);

        Sockets()
        {
            rep.bind(TestTransport.TCP.bindEndpoint());
            req.connect(rep.getLastEndpoint());
            pull.bind(TestTransport.TCP.bindEndpoint());
            push.connect(pull.getLastEndpoint());
            rep.setReceiveTimeOut(10_000);
            req.setReceiveTimeOut(10_000);
            pull.setReceiveTimeOut(10_000);
            assertTrue(push.send("first"));
            assertEquals("first", pull.recvStr());
        }

        @Override
        public void close()
        {
            remote.close();
            ctx.close();
        }
    }

    /** The REQ's thread leads its agent's selector for the reply, then lets go of it. */
    private static void roundTrip(final Socket req, final Socket rep, final int i)
    {
        assertTrue(req.send("request " + i));
        assertEquals("request " + i, rep.recvStr());
        assertTrue(rep.send("reply " + i));
        assertEquals("reply " + i, req.recvStr());
    }
}
