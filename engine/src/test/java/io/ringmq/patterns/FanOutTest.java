package io.ringmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Counter;
import io.ringmq.CounterReader;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;

/**
 * One PUB, four SUBs with different subscriptions: each gets exactly the messages whose first frame starts with one
 * of its prefixes, in order. Subscriptions are counted: two subscribes and one unsubscribe leave one in force.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FanOutTest
{
    private static final String[] TOPICS = { "A", "AB", "B", "C", "D" };
    private static final int ROUNDS = 2_000;

    @ModesAndTransports
    void eachSubscriberGetsExactlyItsMatchingMessagesInOrder(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket pub = ctx.socket(SocketType.PUB))
        {
            pub.setSndHWM(0);
            pub.bind(transport.bindEndpoint());

            final Socket all = sub(ctx, pub);
            all.subscribe("");

            final Socket a = sub(ctx, pub);
            a.subscribe("A");

            final Socket counted = sub(ctx, pub);
            counted.subscribe("B");
            counted.subscribe("B");
            counted.unsubscribe("B");

            final Socket cOnly = sub(ctx, pub);
            cOnly.subscribe("C");
            cOnly.subscribe("D");
            cOnly.unsubscribe("D");

            final Socket[] subs = { all, a, counted, cOnly };
            final String[][] wanted = { TOPICS, { "A", "AB" }, { "B" }, { "C" } };
            awaitSubscriptions(ctx, pub, subs, wanted);

            final List<List<String>> expected = new ArrayList<>();
            for (final String[] prefixes : wanted)
            {
                final List<String> list = new ArrayList<>();
                for (int r = 0; r < ROUNDS; r++)
                {
                    for (final String topic : TOPICS)
                    {
                        if (List.of(prefixes).contains(topic))
                        {
                            list.add(topic + "|" + r);
                        }
                    }
                }
                expected.add(list);
            }

            final List<List<String>> received = new ArrayList<>();
            for (int s = 0; s < subs.length; s++)
            {
                received.add(new ArrayList<>());
            }
            for (int r = 0; r < ROUNDS; r++)
            {
                for (final String topic : TOPICS)
                {
                    assertTrue(pub.send(topic + "|" + r));
                }
                if (r % 100 == 99)
                {
                    drain(subs, received);
                }
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!complete(received, expected) && System.nanoTime() - deadline < 0)
            {
                Patterns.pause(ctx, 1);
                drain(subs, received);
            }
            // Anything extra would come right behind the expected messages.
            Patterns.pause(ctx, 100);
            drain(subs, received);

            for (int s = 0; s < subs.length; s++)
            {
                assertEquals(expected.get(s), received.get(s), "subscriber " + s);
            }
            assertEquals(0, pub.getDroppedMessages());
        }
    }

    @ModesAndTransports
    void unsubscribingEveryCountedSubscriptionStopsDelivery(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket pub = ctx.socket(SocketType.PUB))
        {
            pub.bind(transport.bindEndpoint());
            final Socket sub = sub(ctx, pub);
            sub.subscribe("B");
            sub.subscribe("B");
            sub.subscribe("A");
            awaitSubscriptions(ctx, pub, new Socket[]{ sub }, new String[][]{ { "A", "B" } });
            sub.unsubscribe("B");
            sub.unsubscribe("B");
            sub.setReceiveTimeOut(100);
            Patterns.pause(ctx, 100);

            pub.send("B|gone");
            pub.send("A|kept");
            assertEquals("A|kept", sub.recvStr());
            assertNull(sub.recvStr());
        }
    }

    @ModesAndTransports
    void publisherStopsSendingAPrefixOnceEveryCountedSubscriptionIsCancelled(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket pub = ctx.socket(SocketType.PUB))
        {
            pub.setSndHWM(10);
            pub.bind(transport.bindEndpoint());
            final Socket sub = sub(ctx, pub);
            sub.setRcvHWM(10);
            sub.subscribe("A");
            sub.subscribe("A");
            sub.unsubscribe("A");
            sub.unsubscribe("A");
            sub.subscribe("B");
            // The publisher sees the subscription changes in order, so once B arrives the cancels are in force.
            awaitSubscriptions(ctx, pub, new Socket[]{ sub }, new String[][]{ { "B" } });

            // Stall the subscriber at its RCVHWM, then publish what it no longer wants: the publisher must not queue
            // it for this peer, so nothing is dropped for it either.
            for (int i = 0; i < 20; i++)
            {
                pub.send("B|" + i);
            }
            final byte[] unwanted = new byte[200];
            unwanted[0] = 'A';
            for (int i = 0; i < 100_000; i++)
            {
                pub.send(unwanted);
            }
            Patterns.pause(ctx, 200);
            // Drops at the socket's own ring (the I/O agent behind this burst) are the PUB's, not the peer's.
            long droppedAtPeer = 0;
            for (final CounterReader peer : pub.connectionCounters())
            {
                droppedAtPeer += peer.get(Counter.MESSAGES_DROPPED);
            }
            assertEquals(0, droppedAtPeer, "messages queued for (and dropped at) a peer not subscribed");
            assertEquals("B|0", sub.recvStr());
        }
    }

    private static Socket sub(final Context ctx, final Socket pub)
    {
        final Socket sub = ctx.socket(SocketType.SUB);
        sub.setRcvHWM(100_000);
        sub.setReceiveTimeOut(0);
        sub.connect(pub.getLastEndpoint());
        return sub;
    }

    private static void awaitSubscriptions(
        final Context ctx, final Socket pub, final Socket[] subs, final String[][] wanted)
    {
        // A probe per topic, until every subscriber has seen one of its own: then all subscriptions are in force.
        final boolean[] ready = new boolean[subs.length];
        int readyCount = 0;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (readyCount < subs.length && System.nanoTime() - deadline < 0)
        {
            for (final String topic : TOPICS)
            {
                pub.send(topic + "~probe");
            }
            Patterns.pause(ctx, 10);
            for (int s = 0; s < subs.length; s++)
            {
                String message;
                while (null != (message = subs[s].recvStr()))
                {
                    if (!ready[s] && List.of(wanted[s]).contains(message.substring(0, message.indexOf('~'))))
                    {
                        ready[s] = true;
                        readyCount++;
                    }
                }
            }
        }
        assertEquals(subs.length, readyCount, "subscribers ready");
        Patterns.pause(ctx, 50);
        for (final Socket sub : subs)
        {
            while (null != sub.recvStr())
            {
                Thread.onSpinWait();
            }
        }
    }

    private static void drain(final Socket[] subs, final List<List<String>> received)
    {
        for (int s = 0; s < subs.length; s++)
        {
            String message;
            while (null != (message = subs[s].recvStr()))
            {
                received.get(s).add(message);
            }
        }
    }

    private static boolean complete(final List<List<String>> received, final List<List<String>> expected)
    {
        for (int s = 0; s < expected.size(); s++)
        {
            if (received.get(s).size() < expected.get(s).size())
            {
                return false;
            }
        }
        return true;
    }
}
