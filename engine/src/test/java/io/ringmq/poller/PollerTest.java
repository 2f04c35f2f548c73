package io.ringmq.poller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.ringmq.Context;
import io.ringmq.Poller;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The poller reports what each socket could do without waiting, waits as long as it is told to, and runs the I/O
 * itself in invoker mode.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PollerTest
{
    private static final String ANY_PORT = "tcp://127.0.0.1:*";

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pullWithNothingToReceiveIsNotReadyAndPollWaitsItsTimeout(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.bind(ANY_PORT);
            final Poller poller = new Poller(ctx);
            final int index = poller.register(pull, Poller.POLLIN | Poller.POLLOUT);

            assertEquals(0, poller.poll(0));
            final long start = System.nanoTime();
            assertEquals(0, poller.poll(50));
            final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertTrue(waitedMs >= 49 && waitedMs < 1_000, "poll(50) waited " + waitedMs + " ms");
            assertFalse(poller.pollin(index));
            assertFalse(poller.pollout(index), "a PULL never reports POLLOUT");
            assertEquals(0, pull.getEvents());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void onlyTheSocketWithAMessageReportsPollin(final Mode mode)
    {
        try (Context ctx = mode.newContext();
            Socket first = ctx.socket(SocketType.PULL);
            Socket second = ctx.socket(SocketType.PULL);
            Socket third = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH))
        {
            first.bind(ANY_PORT);
            second.bind(ANY_PORT);
            third.bind(ANY_PORT);
            push.connect(second.getLastEndpoint());
            final Poller poller = new Poller(ctx, 3);
            final int firstIndex = poller.register(first, Poller.POLLIN);
            final int secondIndex = poller.register(second, Poller.POLLIN);
            final int thirdIndex = poller.register(third, Poller.POLLIN);

            assertTrue(push.send("hello"));
            assertEquals(1, poller.poll(5_000));
            assertFalse(poller.pollin(firstIndex));
            assertTrue(poller.pollin(secondIndex));
            assertFalse(poller.pollin(thirdIndex));
            assertEquals(Poller.POLLIN, poller.readyEvents(secondIndex));
            assertEquals(second, poller.getSocket(secondIndex));

            assertEquals("hello", second.recvStr());
            assertEquals(0, poller.poll(0), "nothing left once the message was received");
            assertFalse(poller.pollin(secondIndex));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pushIsWritableUntilItsHighWaterMarkAndAgainOnceAPeerDrainsIt(final Mode mode)
    {
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            Socket connected = ctx.socket(SocketType.PUSH);
            Socket alone = ctx.socket(SocketType.PUSH);
            Socket pub = ctx.socket(SocketType.PUB))
        {
            pull.setReceiveTimeOut(5_000);
            pull.bind(ANY_PORT);
            connected.connect(pull.getLastEndpoint());
            alone.setSndHWM(4);
            alone.setSendTimeOut(0);
            alone.bind(ANY_PORT);
            final Poller poller = new Poller(ctx);
            final int connectedIndex = poller.register(connected, Poller.POLLOUT);
            final int aloneIndex = poller.register(alone, Poller.POLLOUT);
            final int pubIndex = poller.register(pub, Poller.POLLIN | Poller.POLLOUT);

            assertEquals(3, poller.poll(0));
            int queued = 0;
            while (queued < 100 && alone.send("m" + queued))
            {
                queued++;
            }
            assertEquals(4, queued, "messages queued before a send would block");
            for (int i = 0; i < 10; i++)
            {
                assertTrue(pub.send("dropped"), "PUB never blocks");
            }

            assertEquals(2, poller.poll(0));
            assertTrue(poller.pollout(connectedIndex));
            assertFalse(poller.pollout(aloneIndex), "no POLLOUT at the high-water mark");
            assertEquals(Poller.POLLOUT, poller.readyEvents(pubIndex), "PUB is always writable, never readable");

            pull.connect(alone.getLastEndpoint());
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!poller.pollout(aloneIndex) && System.nanoTime() - deadline < 0)
            {
                poller.poll(100);
            }
            assertTrue(poller.pollout(aloneIndex), "POLLOUT once a peer took the queued messages");
            for (int i = 0; i < queued; i++)
            {
                assertEquals("m" + i, pull.recvStr());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pollForeverReturnsWhenAMessageArrivesFromAnotherThread(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH))
        {
            pull.bind(ANY_PORT);
            push.connect(pull.getLastEndpoint());
            final Poller poller = new Poller(ctx);
            final int index = poller.register(pull, Poller.POLLIN);

            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread sender = new Thread(() ->
            {
                try
                {
                    Thread.sleep(100);
                    push.send("late");
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            }, "test-sender");
            sender.start();
            final long start = System.nanoTime();
            final int ready = poller.poll(-1);
            final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            sender.join(5_000);

            assertEquals(null, failure.get());
            assertEquals(1, ready);
            assertTrue(poller.pollin(index));
            assertTrue(waitedMs >= 90, "poll(-1) returned after " + waitedMs + " ms, before the send");
            assertEquals("late", pull.recvStr());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void unregisteredSocketsAreNotPolledAndKeepOtherIndexes(final Mode mode)
    {
        try (Context ctx = mode.newContext();
            Socket first = ctx.socket(SocketType.PUSH);
            Socket second = ctx.socket(SocketType.PUSH))
        {
            final Poller poller = new Poller(ctx, 1);
            final int firstIndex = poller.register(first, Poller.POLLOUT);
            final int secondIndex = poller.register(second, Poller.POLLOUT);
            assertEquals(secondIndex, poller.register(second, Poller.POLLOUT), "registering again keeps the index");
            assertEquals(2, poller.poll(0));

            assertTrue(poller.unregister(first));
            assertFalse(poller.unregister(first));
            assertEquals(1, poller.poll(0));
            assertFalse(poller.pollout(firstIndex));
            assertTrue(poller.pollout(secondIndex));
            assertEquals(firstIndex, poller.register(first, Poller.POLLOUT), "a freed index is reused");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void reqAndRepReportOnlyWhatTheirLockstepAllows(final Mode mode)
    {
        try (Context ctx = mode.newContext();
            Socket req = ctx.socket(SocketType.REQ);
            Socket rep = ctx.socket(SocketType.REP))
        {
            rep.bind(ANY_PORT);
            req.connect(rep.getLastEndpoint());
            final Poller poller = new Poller(ctx);
            final int reqIndex = poller.register(req, Poller.POLLIN | Poller.POLLOUT);
            final int repIndex = poller.register(rep, Poller.POLLIN | Poller.POLLOUT);

            assertEquals(1, poller.poll(0));
            assertTrue(poller.pollout(reqIndex), "a fresh REQ may send");
            assertEquals(0, poller.readyEvents(repIndex), "a REP with no request can do nothing");

            assertTrue(req.send("request"));
            assertTrue(poller.poll(5_000) > 0);
            assertEquals(0, req.getEvents(), "a REQ awaiting its reply may neither send nor, yet, receive");
            assertEquals(Poller.POLLIN, poller.readyEvents(repIndex), "the request is waiting");

            assertEquals("request", rep.recvStr());
            assertEquals(Poller.POLLOUT, rep.getEvents(), "a REP owing a reply may only send");
            assertTrue(rep.send("reply"));
            assertTrue(poller.poll(5_000) > 0);
            assertEquals(Poller.POLLIN, poller.readyEvents(reqIndex), "the reply is waiting");
            assertEquals("reply", req.recvStr());
            assertEquals(Poller.POLLOUT, req.getEvents(), "the REQ may send its next request");
        }
    }
}
