package io.ringmq.inproc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.ringmq.Context;
import io.ringmq.IdleMode;
import io.ringmq.MessageHandler;
import io.ringmq.RingmqException;
import io.ringmq.SendClaim;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * inproc: sockets of one context joined ring to ring. Every socket type pair, bind before and after connect,
 * subscriptions, high-water marks, multipart and large messages, detaching, and a no-loss run, in both modes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InprocTest
{
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static String name()
    {
        return "inproc://test-" + NAMES.incrementAndGet();
    }

    static Stream<Arguments> modesAndOrders()
    {
        return Stream.of(Mode.values()).flatMap(mode -> Stream.of(Arguments.of(mode, true), Arguments.of(mode, false)));
    }

    /**
     * Join two sockets by a fresh name, binding first or connecting first.
     */
    private static String join(final Socket binder, final Socket connecter, final boolean bindFirst)
    {
        final String endpoint = name();
        if (bindFirst)
        {
            binder.bind(endpoint);
            connecter.connect(endpoint);
        }
        else
        {
            connecter.connect(endpoint);
            binder.bind(endpoint);
        }
        return endpoint;
    }

    @ParameterizedTest
    @MethodSource("modesAndOrders")
    void pairTalksBothWays(final Mode mode, final boolean bindFirst)
    {
        try (Context ctx = mode.newContext(); Socket a = ctx.socket(SocketType.PAIR); Socket b = ctx.socket(SocketType.PAIR))
        {
            final String endpoint = join(a, b, bindFirst);
            assertEquals(endpoint, a.getLastEndpoint());
            assertEquals(endpoint, b.getLastEndpoint());
            a.setReceiveTimeOut(5_000);
            b.setReceiveTimeOut(5_000);
            for (int i = 0; i < 100; i++)
            {
                assertTrue(b.send("ping " + i));
                assertEquals("ping " + i, a.recvStr());
                assertTrue(a.send("pong " + i));
                assertEquals("pong " + i, b.recvStr());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("modesAndOrders")
    void pushPullLosesNothingOfAMillionMessages(final Mode mode, final boolean bindFirst) throws Exception
    {
        final int count = 1_000_000;
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH))
        {
            join(pull, push, bindFirst);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread sender = new Thread(() ->
            {
                try
                {
                    for (long i = 0; i < count; i++)
                    {
                        final SendClaim claim = push.claim(8);
                        claim.buffer().putLong(claim.offset(), i);
                        claim.commit();
                    }
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            }, "inproc-sender");
            sender.start();

            final Sequence sequence = new Sequence();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
            while (sequence.received < count && System.nanoTime() < deadline && null == failure.get())
            {
                if (pull.receive(sequence, 4096) == 0)
                {
                    Thread.yield();
                }
            }
            sender.join(5_000);
            assertNull(failure.get());
            assertNull(sequence.error, sequence.error);
            assertEquals(count, sequence.received);
            pull.setReceiveTimeOut(0);
            assertNull(pull.recv(), "nothing beyond the sequence");
        }
    }

    @ParameterizedTest
    @MethodSource("modesAndOrders")
    void pubSubFiltersAtThePublisher(final Mode mode, final boolean bindFirst)
    {
        try (Context ctx = mode.newContext();
            Socket pub = ctx.socket(SocketType.PUB);
            Socket sub = ctx.socket(SocketType.SUB);
            Socket all = ctx.socket(SocketType.SUB))
        {
            sub.subscribe("A");
            sub.subscribe("B");
            sub.subscribe("B");
            sub.unsubscribe("B");
            all.subscribe("");
            final String endpoint = join(pub, sub, bindFirst);
            all.connect(endpoint);
            sub.setReceiveTimeOut(5_000);
            all.setReceiveTimeOut(5_000);

            // inproc has no slow joiner once the subscription is in the pipe: the first send applies it.
            for (final String topic : new String[]{ "A1", "B1", "C1", "A2" })
            {
                assertTrue(pub.send(topic));
            }
            assertEquals("A1", sub.recvStr());
            assertEquals("B1", sub.recvStr());
            assertEquals("A2", sub.recvStr());
            for (final String topic : new String[]{ "A1", "B1", "C1", "A2" })
            {
                assertEquals(topic, all.recvStr());
            }

            sub.unsubscribe("B");
            sub.unsubscribe("A");
            sub.subscribe("C");
            pub.send("A3");
            pub.send("B3");
            pub.send("C3");
            assertEquals("C3", sub.recvStr());
            assertEquals(0, pub.getDroppedMessages());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pubDropsForAStalledSubscriberAtItsHighWaterMarkOnly(final Mode mode)
    {
        try (Context ctx = mode.newContext();
            Socket pub = ctx.socket(SocketType.PUB);
            Socket stalled = ctx.socket(SocketType.SUB);
            Socket reader = ctx.socket(SocketType.SUB))
        {
            pub.setSndHWM(50);
            stalled.setRcvHWM(50);
            pub.bind(name());
            stalled.subscribe("");
            reader.subscribe("");
            stalled.connect(pub.getLastEndpoint());
            reader.connect(pub.getLastEndpoint());
            reader.setReceiveTimeOut(5_000);

            for (int i = 0; i < 1_000; i++)
            {
                assertTrue(pub.send("m" + i));
                assertEquals("m" + i, reader.recvStr());
            }
            assertEquals(900, pub.getDroppedMessages(), "the stalled subscriber takes SNDHWM + RCVHWM");
            stalled.setReceiveTimeOut(0);
            for (int i = 0; i < 100; i++)
            {
                assertEquals("m" + i, stalled.recvStr());
            }
            assertNull(stalled.recv());
        }
    }

    @ParameterizedTest
    @MethodSource("modesAndOrders")
    void xpubSeesSubscriptionsAndXsubSendsThem(final Mode mode, final boolean bindFirst)
    {
        try (Context ctx = mode.newContext(); Socket xpub = ctx.socket(SocketType.XPUB); Socket xsub = ctx.socket(SocketType.XSUB))
        {
            final String endpoint = join(xpub, xsub, bindFirst);
            xpub.setReceiveTimeOut(5_000);
            xsub.setReceiveTimeOut(5_000);
            assertTrue(xsub.send(new byte[]{ 1, 'A' }));
            assertArrayEquals(new byte[]{ 1, 'A' }, xpub.recv());
            xpub.send("A-data");
            xpub.send("B-data");
            assertEquals("A-data", xsub.recvStr());

            try (Socket second = ctx.socket(SocketType.SUB))
            {
                second.subscribe("A");
                second.connect(endpoint);
                xpub.setReceiveTimeOut(200);
                assertNull(xpub.recv(), "a second subscription to A is not news");
                xpub.setReceiveTimeOut(5_000);
            }
            assertTrue(xsub.send(new byte[]{ 0, 'A' }));
            assertArrayEquals(new byte[]{ 0, 'A' }, xpub.recv(), "the last cancel of A is passed on");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void xpubSeesTheCancelsOfAPeerThatLeaves(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket xpub = ctx.socket(SocketType.XPUB))
        {
            xpub.bind(name());
            xpub.setReceiveTimeOut(5_000);
            try (Socket sub = ctx.socket(SocketType.SUB))
            {
                sub.subscribe("Q");
                sub.connect(xpub.getLastEndpoint());
                assertArrayEquals(new byte[]{ 1, 'Q' }, xpub.recv());
            }
            assertArrayEquals(new byte[]{ 0, 'Q' }, xpub.recv());
        }
    }

    @ParameterizedTest
    @MethodSource("modesAndOrders")
    void reqRepRoundTrips(final Mode mode, final boolean bindFirst)
    {
        try (Context ctx = mode.newContext(); Socket rep = ctx.socket(SocketType.REP); Socket req = ctx.socket(SocketType.REQ))
        {
            join(rep, req, bindFirst);
            rep.setReceiveTimeOut(5_000);
            req.setReceiveTimeOut(5_000);
            for (int i = 0; i < 100; i++)
            {
                assertTrue(req.send("request " + i));
                assertEquals("request " + i, rep.recvStr());
                assertTrue(rep.send("reply " + i));
                assertEquals("reply " + i, req.recvStr());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("modesAndOrders")
    void routerSeesTheDealersIdentityOrAGeneratedIdAndRepliesByIt(final Mode mode, final boolean bindFirst)
    {
        try (Context ctx = mode.newContext();
            Socket router = ctx.socket(SocketType.ROUTER);
            Socket named = ctx.socket(SocketType.DEALER);
            Socket anonymous = ctx.socket(SocketType.DEALER))
        {
            named.setIdentity("dealer-1".getBytes(StandardCharsets.UTF_8));
            final String endpoint = join(router, named, bindFirst);
            anonymous.connect(endpoint);
            router.setReceiveTimeOut(5_000);
            named.setReceiveTimeOut(5_000);
            anonymous.setReceiveTimeOut(5_000);

            named.send("from named");
            assertArrayEquals("dealer-1".getBytes(StandardCharsets.UTF_8), router.recv());
            assertTrue(router.hasReceiveMore());
            assertEquals("from named", router.recvStr());

            anonymous.send("from anonymous");
            final byte[] generated = router.recv();
            assertEquals(5, generated.length);
            assertEquals(0, generated[0]);
            assertEquals("from anonymous", router.recvStr());

            router.sendMore(generated);
            router.send("to anonymous");
            router.sendMore("dealer-1");
            router.send("to named");
            assertEquals("to anonymous", anonymous.recvStr());
            assertEquals("to named", named.recvStr());

            router.setRouterMandatory(true);
            final RingmqException ex = assertThrows(RingmqException.class, () -> router.sendMore("nobody"));
            assertTrue(ex.getMessage().contains("ROUTER_MANDATORY"), ex.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void dealerToRepAndReqToRouterKeepTheEnvelopes(final Mode mode)
    {
        try (Context ctx = mode.newContext();
            Socket rep = ctx.socket(SocketType.REP);
            Socket dealer = ctx.socket(SocketType.DEALER);
            Socket router = ctx.socket(SocketType.ROUTER);
            Socket req = ctx.socket(SocketType.REQ))
        {
            rep.bind(name());
            dealer.connect(rep.getLastEndpoint());
            router.bind(name());
            req.connect(router.getLastEndpoint());
            for (final Socket socket : new Socket[]{ rep, dealer, router, req })
            {
                socket.setReceiveTimeOut(5_000);
            }

            dealer.sendMore("");
            dealer.send("question");
            assertEquals("question", rep.recvStr());
            rep.send("answer");
            assertEquals("", dealer.recvStr());
            assertEquals("answer", dealer.recvStr());

            req.send("hello");
            final byte[] id = router.recv();
            assertEquals("", router.recvStr());
            assertEquals("hello", router.recvStr());
            assertFalse(router.hasReceiveMore());
            router.sendMore(id);
            router.sendMore("");
            router.send("world");
            assertEquals("world", req.recvStr());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void multipartMessagesArriveWholeAndLargeOnesToo(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH);
            Socket pub = ctx.socket(SocketType.PUB); Socket sub = ctx.socket(SocketType.SUB))
        {
            pull.bind(name());
            push.connect(pull.getLastEndpoint());
            pub.bind(name());
            sub.subscribe("big");
            sub.connect(pub.getLastEndpoint());
            pull.setReceiveTimeOut(5_000);
            sub.setReceiveTimeOut(5_000);

            final byte[] large = new byte[1024 * 1024];
            for (int i = 0; i < large.length; i++)
            {
                large[i] = (byte)(i * 31);
            }
            for (int round = 0; round < 3; round++)
            {
                assertTrue(push.sendMore("head"));
                assertTrue(push.sendMore(large));
                assertTrue(push.send("tail"));
                assertEquals("head", pull.recvStr());
                assertTrue(pull.hasReceiveMore());
                assertArrayEquals(large, pull.recv());
                assertEquals("tail", pull.recvStr());
                assertFalse(pull.hasReceiveMore());

                assertTrue(pub.sendMore("big"));
                assertTrue(pub.send(large));
                assertEquals("big", sub.recvStr());
                assertArrayEquals(large, sub.recv());
            }

            final byte[] medium = new byte[200_000];
            medium[medium.length - 1] = 7;
            for (int i = 0; i < 50; i++)
            {
                // Four at a time fill most of the ring, so its end is crossed at every offset.
                for (int j = 0; j < 4; j++)
                {
                    assertTrue(push.sendMore(medium));
                    assertTrue(push.send(i + "/" + j));
                }
                for (int j = 0; j < 4; j++)
                {
                    assertArrayEquals(medium, pull.recv());
                    assertEquals(i + "/" + j, pull.recvStr());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pushBlocksAtTheSumOfItsAndThePeersHighWaterMarksThenTimesOut(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH))
        {
            push.setSndHWM(10);
            pull.setRcvHWM(15);
            pull.bind(name());
            push.connect(pull.getLastEndpoint());
            push.setSendTimeOut(0);
            int sent = 0;
            while (sent < 1_000 && push.send("m" + sent))
            {
                sent++;
            }
            assertEquals(25, sent);

            push.setSendTimeOut(100);
            final long start = System.nanoTime();
            assertFalse(push.send("late"));
            final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waitedMs >= 95 && waitedMs < 1_000, "waited " + waitedMs + " ms");

            pull.setReceiveTimeOut(1_000);
            assertEquals("m0", pull.recvStr());
            assertTrue(push.send("after"));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pushRoundRobinsAcrossPeersAndSkipsOneThatLeft(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket push = ctx.socket(SocketType.PUSH);
            Socket a = ctx.socket(SocketType.PULL); Socket b = ctx.socket(SocketType.PULL))
        {
            push.bind(name());
            a.connect(push.getLastEndpoint());
            b.connect(push.getLastEndpoint());
            a.setReceiveTimeOut(5_000);
            b.setReceiveTimeOut(5_000);
            for (int i = 0; i < 10; i++)
            {
                push.send("m" + i);
            }
            final String first = a.recvStr();
            assertNotEquals(first, b.recvStr());
            for (int i = 0; i < 4; i++)
            {
                a.recvStr();
                b.recvStr();
            }

            b.disconnect(push.getLastEndpoint());
            for (int i = 0; i < 10; i++)
            {
                push.send("n" + i);
            }
            for (int i = 0; i < 10; i++)
            {
                assertEquals("n" + i, a.recvStr());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void namesAreTheContextsOwnBoundOnceAndFreedByUnbindAndClose(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Context other = mode.newContext();
            Socket first = ctx.socket(SocketType.PULL); Socket elsewhere = other.socket(SocketType.PULL))
        {
            final Socket second = ctx.socket(SocketType.PULL);
            final String endpoint = name();
            first.bind(endpoint);
            final RingmqException ex = assertThrows(RingmqException.class, () -> second.bind(endpoint));
            assertTrue(ex.getMessage().contains(endpoint), ex.getMessage());
            elsewhere.bind(endpoint);

            first.unbind(endpoint);
            assertThrows(RingmqException.class, () -> first.unbind(endpoint));
            second.bind(endpoint);
            second.close();
            first.bind(endpoint);

            assertThrows(RingmqException.class, () -> first.bind("inproc://"));
            assertThrows(RingmqException.class, () -> first.disconnect(name()));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void incompatibleTypesAreRefused(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL); Socket sub = ctx.socket(SocketType.SUB))
        {
            pull.bind(name());
            final RingmqException ex = assertThrows(RingmqException.class, () -> sub.connect(pull.getLastEndpoint()));
            assertTrue(ex.getMessage().contains(pull.getLastEndpoint()), ex.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSocketServesTcpAndInprocPeersAtOnce(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket pub = ctx.socket(SocketType.PUB);
            Socket local = ctx.socket(SocketType.SUB); Socket remote = ctx.socket(SocketType.SUB))
        {
            final String inproc = name();
            pub.bind(inproc);
            pub.bind("tcp://127.0.0.1:*");
            local.subscribe("");
            remote.subscribe("");
            local.connect(inproc);
            remote.connect(pub.getLastEndpoint());
            remote.setReceiveTimeOut(20);
            byte[] first = null;
            for (int i = 0; i < 500 && null == first; i++)
            {
                pub.send("probe");
                first = remote.recv();
            }
            assertArrayEquals("probe".getBytes(StandardCharsets.UTF_8), first, "the tcp subscriber joined");

            pub.send("both");
            remote.setReceiveTimeOut(5_000);
            local.setReceiveTimeOut(5_000);
            for (final Socket sub : new Socket[]{ local, remote })
            {
                String received;
                do
                {
                    received = sub.recvStr();
                }
                while ("probe".equals(received));
                assertEquals("both", received);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anXsubsSubscriptionsMadeOverInprocReachTcpPublishersItConnectsToLater(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket local = ctx.socket(SocketType.XPUB);
            Socket remote = ctx.socket(SocketType.XPUB); Socket xsub = ctx.socket(SocketType.XSUB))
        {
            local.bind(name());
            remote.bind("tcp://127.0.0.1:*");
            local.setReceiveTimeOut(5_000);
            remote.setReceiveTimeOut(5_000);
            xsub.connect(local.getLastEndpoint());
            assertTrue(xsub.send(new byte[]{ 1, 'A' }));
            assertTrue(xsub.send(new byte[]{ 1, 'B' }));
            assertTrue(xsub.send(new byte[]{ 0, 'B' }));
            assertArrayEquals(new byte[]{ 1, 'A' }, local.recv());
            assertArrayEquals(new byte[]{ 1, 'B' }, local.recv());
            assertArrayEquals(new byte[]{ 0, 'B' }, local.recv());

            xsub.connect(remote.getLastEndpoint());
            assertArrayEquals(new byte[]{ 1, 'A' }, remote.recv(), "the tcp publisher learns the subscription");
            remote.setReceiveTimeOut(200);
            assertNull(remote.recv(), "and only the one still held");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aReceiverParkedInRecvWakesWhenItsPeerWrites(final Mode mode) throws Exception
    {
        try (Context ctx = new Context(mode.config().idleMode(IdleMode.BLOCKING));
            Socket ping = ctx.socket(SocketType.PAIR); Socket pong = ctx.socket(SocketType.PAIR))
        {
            ping.bind(name());
            pong.connect(ping.getLastEndpoint());
            final int rounds = 500;
            final Thread echo = new Thread(() ->
            {
                for (int i = 0; i < rounds; i++)
                {
                    pong.send(pong.recv());
                }
            }, "inproc-echo");
            echo.start();
            final long start = System.nanoTime();
            for (int i = 0; i < rounds; i++)
            {
                ping.send("x");
                ping.recv();
            }
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            echo.join(5_000);
            // Parked 1 ms at a time without a wake-up, two hops per round trip would take 1,000 ms or more.
            assertTrue(elapsedMs < 500, rounds + " round trips parked between took " + elapsedMs + " ms");
        }
    }

    /**
     * Checks 8-byte sequence numbers.
     */
    private static final class Sequence implements MessageHandler
    {
        long received;
        String error;

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
        {
            final long value = buffer.getLong(offset);
            if (value != received && null == error)
            {
                error = "expected " + received + " got " + value;
            }
            received++;
        }
    }
}
