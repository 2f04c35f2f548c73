package io.ringmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.patterns.Patterns.Worker;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Timeout;

/**
 * PUSH spreads messages round-robin over its PULL peers; PULL fair-queues between its PUSH peers. Either way every
 * message arrives once and each peer's stream keeps its order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadBalancingTest
{
    private static final int PEERS = 3;

    @ModesAndTransports
    void pushRoundRobinsOverThreePullPeers(final Mode mode, final TestTransport transport)
    {
        final int messages = 30_000;
        try (Context ctx = mode.newContext(); Socket push = ctx.socket(SocketType.PUSH))
        {
            push.bind(transport.bindEndpoint());
            final Socket[] pulls = new Socket[PEERS];
            for (int i = 0; i < PEERS; i++)
            {
                pulls[i] = ctx.socket(SocketType.PULL);
                pulls[i].setReceiveTimeOut(0);
                pulls[i].connect(push.getLastEndpoint());
            }
            awaitAllConnected(ctx, push, pulls);

            final boolean[] seen = new boolean[messages];
            final int[] shares = new int[PEERS];
            final long[] last = { -1, -1, -1 };
            int total = 0;
            int sent = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (total < messages && System.nanoTime() - deadline < 0)
            {
                // Send in bursts and read in between, so no peer reaches its high-water mark and round-robin is exact.
                for (int i = 0; i < 300 && sent < messages; i++)
                {
                    assertTrue(push.send(seq(sent++)));
                }
                for (int p = 0; p < PEERS; p++)
                {
                    byte[] frame;
                    while (null != (frame = pulls[p].recv()))
                    {
                        final int n = (int)ByteBuffer.wrap(frame).getLong();
                        assertTrue(n > last[p], "peer " + p + " got " + n + " after " + last[p]);
                        assertTrue(!seen[n], "duplicate " + n);
                        seen[n] = true;
                        last[p] = n;
                        shares[p]++;
                        total++;
                    }
                }
                Patterns.pause(ctx, 0);
            }
            assertEquals(messages, total, "union of the peers' messages");
            for (int p = 0; p < PEERS; p++)
            {
                assertEquals(messages / PEERS, shares[p], "share of peer " + p);
            }
        }
    }

    @ModesAndTransports
    void pullFairQueuesFromThreePushPeersKeepingEachSendersOrder(final Mode mode, final TestTransport transport) throws Exception
    {
        final long perSender = 100_000;
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.bind(transport.bindEndpoint());
            final Socket[] pushes = new Socket[PEERS];
            final Worker[] senders = new Worker[PEERS];
            for (int i = 0; i < PEERS; i++)
            {
                pushes[i] = ctx.socket(SocketType.PUSH);
                pushes[i].connect(pull.getLastEndpoint());
            }
            for (int i = 0; i < PEERS; i++)
            {
                final Socket push = pushes[i];
                final long first = (long)i << 40;
                senders[i] = new Worker("push-" + i, () -> Patterns.sendSequence(push, first, perSender));
            }

            final PerSenderChecker checker = new PerSenderChecker();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (checker.total < PEERS * perSender && System.nanoTime() - deadline < 0)
            {
                if (pull.receive(checker, 4096) == 0)
                {
                    Thread.yield();
                }
            }
            for (final Worker sender : senders)
            {
                sender.join(5_000);
            }
            assertNull(checker.error, checker.error);
            for (int i = 0; i < PEERS; i++)
            {
                assertEquals(perSender, checker.next[i], "messages from sender " + i);
            }
        }
    }

    @ModesAndTransports
    void pullTakesOneMessageFromEachReadyPeerInTurn(final Mode mode, final TestTransport transport)
    {
        final int perSender = 50;
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.bind(transport.bindEndpoint());
            pull.setReceiveTimeOut(5_000);
            for (int i = 0; i < PEERS; i++)
            {
                final Socket push = ctx.socket(SocketType.PUSH);
                push.connect(pull.getLastEndpoint());
                for (int n = 0; n < perSender; n++)
                {
                    push.send(i + ":" + n);
                }
            }
            // Let every peer connect and its messages arrive before reading, so all three queues are ready at once.
            Patterns.pause(ctx, 500);

            final int[] next = new int[PEERS];
            String previous = null;
            for (int m = 0; m < PEERS * perSender; m++)
            {
                final String message = pull.recvStr();
                final int sender = message.charAt(0) - '0';
                assertEquals(sender + ":" + next[sender]++, message);
                if (null != previous)
                {
                    assertNotEquals(previous.charAt(0), message.charAt(0), "two in a row from one ready peer");
                }
                previous = message;
            }
        }
    }

    private static void awaitAllConnected(final Context ctx, final Socket push, final Socket[] pulls)
    {
        // Probes go round-robin to whoever is connected; once each peer has had one, all are connected.
        final boolean[] probed = new boolean[pulls.length];
        int probedCount = 0;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (probedCount < pulls.length && System.nanoTime() - deadline < 0)
        {
            push.send(new byte[]{ 'p' });
            Patterns.pause(ctx, 5);
            for (int p = 0; p < pulls.length; p++)
            {
                while (null != pulls[p].recv())
                {
                    if (!probed[p])
                    {
                        probed[p] = true;
                        probedCount++;
                    }
                }
            }
        }
        assertEquals(pulls.length, probedCount, "peers connected");
        Patterns.pause(ctx, 50);
        for (final Socket pull : pulls)
        {
            while (null != pull.recv())
            {
                Thread.onSpinWait();
            }
        }
    }

    private static byte[] seq(final long n)
    {
        return ByteBuffer.allocate(8).putLong(n).array();
    }

    /**
     * Checks each sender's numbers (sender id in the top bits) arrive 0, 1, 2, ... whatever the interleaving.
     */
    private static final class PerSenderChecker implements io.ringmq.MessageHandler
    {
        final long[] next = new long[PEERS];
        long total;
        String error;

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
        {
            final long value = buffer.getLong(offset);
            final int sender = (int)(value >>> 40);
            final long n = value & ((1L << 40) - 1);
            if (null == error && (sender >= PEERS || n != next[sender]))
            {
                error = "sender " + sender + ": expected " + (sender < PEERS ? next[sender] : -1) + " got " + n;
            }
            if (sender < PEERS)
            {
                next[sender] = n + 1;
            }
            total++;
        }
    }
}
