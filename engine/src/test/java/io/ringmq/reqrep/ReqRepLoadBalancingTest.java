package io.ringmq.reqrep;

import static io.ringmq.reqrep.Frames.assertFrames;
import static io.ringmq.reqrep.Frames.bytes;
import static io.ringmq.reqrep.Frames.recv;
import static io.ringmq.reqrep.Frames.send;
import static io.ringmq.reqrep.Frames.socket;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;

/**
 * REQ and DEALER take their connected peers in turn, one request each; ROUTER fair-queues its peers, one message
 * from each in turn while several have messages waiting.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReqRepLoadBalancingTest
{
    private static final int PEERS = 3;
    private static final int REQUESTS = 30;
    private static final byte[] EMPTY = new byte[0];

    @ModesAndTransports
    void reqRoundRobinsOverThreeReps(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket req = socket(ctx, SocketType.REQ))
        {
            final Socket[] reps = bindAll(ctx, SocketType.REP, transport);
            try
            {
                connectAll(req, reps);
                // Probes go round-robin to whoever is connected; once each peer has had one, all are connected.
                final Set<Integer> probed = new HashSet<>();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (probed.size() < PEERS)
                {
                    assertTrue(System.nanoTime() - deadline < 0, "peers connected: " + probed);
                    assertTrue(req.send("probe"));
                    final int served = serveOne(reps);
                    probed.add(served);
                    assertEquals("probe", req.recvStr());
                }

                final int[] servedBy = new int[REQUESTS];
                for (int i = 0; i < REQUESTS; i++)
                {
                    assertTrue(req.send("request " + i));
                    servedBy[i] = serveOne(reps);
                    assertEquals("request " + i, req.recvStr(), "the reply to this request");
                }
                assertRoundRobin(servedBy);
            }
            finally
            {
                closeAll(reps);
            }
        }
    }

    @ModesAndTransports
    void dealerRoundRobinsOverThreeReps(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket dealer = socket(ctx, SocketType.DEALER))
        {
            final Socket[] reps = bindAll(ctx, SocketType.REP, transport);
            try
            {
                connectAll(dealer, reps);
                final Set<Integer> probed = new HashSet<>();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (probed.size() < PEERS)
                {
                    assertTrue(System.nanoTime() - deadline < 0, "peers connected: " + probed);
                    send(dealer, EMPTY, bytes("probe"));
                    probed.add(serveOne(reps));
                    assertFrames(recv(dealer), EMPTY, bytes("probe"));
                }

                // All requests in flight at once: each REP queues its share and answers in order.
                for (int i = 0; i < REQUESTS; i++)
                {
                    send(dealer, EMPTY, bytes("request " + i));
                }
                final int[] servedBy = new int[REQUESTS];
                final Set<String> replies = new HashSet<>();
                for (int i = 0; i < REQUESTS; i++)
                {
                    servedBy[i] = serveOne(reps);
                    final List<byte[]> reply = recv(dealer);
                    assertEquals(2, reply.size(), Frames.describe(reply));
                    assertArrayEquals(EMPTY, reply.get(0));
                    replies.add(Frames.text(reply.get(1)));
                }
                for (int i = 0; i < REQUESTS; i++)
                {
                    assertTrue(replies.contains("request " + i), "reply to request " + i);
                }
                assertShares(servedBy);
            }
            finally
            {
                closeAll(reps);
            }
        }
    }

    @ModesAndTransports
    void dealerRoundRobinsOverThreeRouters(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket dealer = socket(ctx, SocketType.DEALER))
        {
            final Socket[] routers = bindAll(ctx, SocketType.ROUTER, transport);
            try
            {
                dealer.setIdentity(bytes("client"));
                connectAll(dealer, routers);
                final Set<Integer> probed = new HashSet<>();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (probed.size() < PEERS)
                {
                    assertTrue(System.nanoTime() - deadline < 0, "peers connected: " + probed);
                    send(dealer, bytes("probe"));
                    probed.add(echoOne(routers));
                    assertFrames(recv(dealer), bytes("probe"));
                }

                final int[] servedBy = new int[REQUESTS];
                for (int i = 0; i < REQUESTS; i++)
                {
                    send(dealer, bytes("request " + i));
                    servedBy[i] = echoOne(routers);
                    assertFrames(recv(dealer), bytes("request " + i));
                }
                assertRoundRobin(servedBy);
            }
            finally
            {
                closeAll(routers);
            }
        }
    }

    @ModesAndTransports
    void routerFairQueuesManyDealers(final Mode mode, final TestTransport transport)
    {
        final int dealers = 5;
        final int perDealer = 100;
        try (Context ctx = mode.newContext(); Socket router = socket(ctx, SocketType.ROUTER))
        {
            router.bind(transport.bindEndpoint());
            final Socket[] clients = new Socket[dealers];
            try
            {
                for (int d = 0; d < dealers; d++)
                {
                    clients[d] = socket(ctx, SocketType.DEALER);
                    clients[d].setIdentity(bytes("d" + d));
                    clients[d].connect(router.getLastEndpoint());
                    send(clients[d], bytes("hello"));
                }
                final Set<String> connected = new HashSet<>();
                for (int d = 0; d < dealers; d++)
                {
                    connected.add(Frames.text(recv(router).get(0)));
                }
                assertEquals(dealers, connected.size(), "every dealer said hello: " + connected);

                for (int d = 0; d < dealers; d++)
                {
                    for (int i = 0; i < perDealer; i++)
                    {
                        send(clients[d], bytes(Integer.toString(i)));
                    }
                }
                // Let every dealer's messages arrive, so that each has a backlog when the ROUTER starts reading.
                Mode.pump(ctx, 300);

                final int[] next = new int[dealers];
                final List<Integer> order = new ArrayList<>();
                for (int m = 0; m < dealers * perDealer; m++)
                {
                    final List<byte[]> message = recv(router);
                    assertEquals(2, message.size(), Frames.describe(message));
                    final int d = Frames.text(message.get(0)).charAt(1) - '0';
                    assertEquals(Integer.toString(next[d]), Frames.text(message.get(1)), "order from dealer " + d);
                    next[d]++;
                    order.add(d);
                    send(router, message.get(0), bytes("ack " + message.get(1).length));
                }
                for (int m = 0; m < order.size(); m += dealers)
                {
                    assertEquals(
                        dealers, new HashSet<>(order.subList(m, m + dealers)).size(),
                        "one message from each dealer in turn, at " + m + ": " + order);
                }
                for (int d = 0; d < dealers; d++)
                {
                    for (int i = 0; i < perDealer; i++)
                    {
                        assertTrue(Frames.text(recv(clients[d]).get(0)).startsWith("ack "), "ack to dealer " + d);
                    }
                }
            }
            finally
            {
                closeAll(clients);
            }
        }
    }

    private static Socket[] bindAll(final Context ctx, final SocketType type, final TestTransport transport)
    {
        final Socket[] sockets = new Socket[PEERS];
        for (int i = 0; i < PEERS; i++)
        {
            sockets[i] = socket(ctx, type);
            sockets[i].setReceiveTimeOut(0);
            sockets[i].bind(transport.bindEndpoint());
        }
        return sockets;
    }

    private static void connectAll(final Socket client, final Socket[] servers)
    {
        for (final Socket server : servers)
        {
            client.connect(server.getLastEndpoint());
        }
    }

    private static void closeAll(final Socket[] sockets)
    {
        for (final Socket socket : sockets)
        {
            if (null != socket)
            {
                socket.close();
            }
        }
    }

    /**
     * Wait for one REP to get a request and echo its body.
     *
     * @return which REP served it.
     */
    private static int serveOne(final Socket[] reps)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() - deadline < 0)
        {
            for (int i = 0; i < reps.length; i++)
            {
                final byte[] request = reps[i].recv();
                if (null != request)
                {
                    assertTrue(reps[i].send(request));
                    return i;
                }
            }
            Thread.onSpinWait();
        }
        return fail("no REP got the request");
    }

    /**
     * Wait for one ROUTER to get a message and send its body back to the sender.
     *
     * @return which ROUTER got it.
     */
    private static int echoOne(final Socket[] routers)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() - deadline < 0)
        {
            for (int i = 0; i < routers.length; i++)
            {
                final byte[] id = routers[i].recv();
                if (null != id)
                {
                    assertArrayEquals(bytes("client"), id, "the DEALER's identity");
                    final byte[] body = routers[i].recv();
                    send(routers[i], id, body);
                    return i;
                }
            }
            Thread.onSpinWait();
        }
        return fail("no ROUTER got the message");
    }

    /**
     * Every peer served once in each run of {@link #PEERS} consecutive requests, in the same rotation throughout.
     */
    private static void assertRoundRobin(final int[] servedBy)
    {
        assertEquals(PEERS, Arrays.stream(servedBy, 0, PEERS).distinct().count(), Arrays.toString(servedBy));
        for (int i = PEERS; i < servedBy.length; i++)
        {
            assertEquals(servedBy[i - PEERS], servedBy[i], "rotation at " + i + ": " + Arrays.toString(servedBy));
        }
        assertShares(servedBy);
    }

    private static void assertShares(final int[] servedBy)
    {
        final int[] shares = new int[PEERS];
        for (final int peer : servedBy)
        {
            shares[peer]++;
        }
        for (int p = 0; p < PEERS; p++)
        {
            assertEquals(REQUESTS / PEERS, shares[p], "share of peer " + p + ": " + Arrays.toString(servedBy));
        }
    }
}
