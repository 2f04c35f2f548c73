package io.ringmq.wakeup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.ringmq.Context;
import io.ringmq.Poller;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The first message after a quiet spell, in the configuration a user gets from {@code new Context()}: every
 * thread involved has long since stopped spinning and blocks (the I/O agent in its selector, the application in a
 * park), so the message costs the wake-ups along its path and nothing more. Before waiting was event-driven each
 * blocked thread slept out a park of up to 1 ms: a tcp round trip after 50 ms of silence took 2.4 ms (median) on
 * the 2-core development machine, against 0.4 to 0.8 ms since, where one wake-up of a long-idle thread costs 50 to
 * 150 us.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WakeUpLatencyTest
{
    private static final long SILENCE_MS = 50;
    private static final int TRIES = 25;
    /** Below the old parks on the path, well above what the wake-ups cost even on a loaded 2-core runner. */
    private static final long MEDIAN_BOUND_NS = 1_500_000L;
    /** Back-to-back round trips first, so the code measured is compiled, not interpreted. */
    private static final int WARM_UP = 5_000;

    @ParameterizedTest
    @EnumSource(TestTransport.class)
    void aRoundTripThroughRecvAfterSilence(final TestTransport transport) throws Exception
    {
        try (Context ctx = new Context(); Socket rep = ctx.socket(SocketType.REP); Socket req = ctx.socket(SocketType.REQ))
        {
            req.setReceiveTimeOut(5_000);
            assertSilentRoundTrips("recv over " + transport, transport, rep, req, () -> rep.recv(),
                () -> req.recvStr());
        }
    }

    @ParameterizedTest
    @EnumSource(TestTransport.class)
    void aRoundTripThroughPollerAfterSilence(final TestTransport transport) throws Exception
    {
        try (Context ctx = new Context(); Socket rep = ctx.socket(SocketType.REP); Socket req = ctx.socket(SocketType.REQ))
        {
            final Poller repPoller = new Poller(ctx);
            repPoller.register(rep, Poller.POLLIN);
            final Poller poller = new Poller(ctx);
            final int index = poller.register(req, Poller.POLLIN);
            assertSilentRoundTrips("Poller over " + transport, transport, rep, req,
                () -> repPoller.poll(-1) > 0 ? rep.recv() : null,
                () -> poller.poll(5_000) == 1 && poller.pollin(index) ? req.recvStr() : "the poller saw no reply");
        }
    }

    /**
     * Warm up, then time rounds of round trips that each follow {@link #SILENCE_MS} of silence, until a round's
     * median is below the bound ({@link MedianRounds}); each round's first round trip is not counted.
     *
     * @param serve   the REP's wait for the next request.
     * @param receive the REQ's wait for its reply.
     */
    private static void assertSilentRoundTrips(final String what, final TestTransport transport, final Socket rep,
        final Socket req, final Receive serve, final Supplier<String> receive) throws Exception
    {
        rep.bind(transport.bindEndpoint());
        req.connect(rep.getLastEndpoint());
        final Thread echo = echo(rep, serve);
        try
        {
            for (int i = 0; i < WARM_UP; i++)
            {
                req.send("warm-up");
                assertEquals("warm-up", receive.get());
            }
            MedianRounds.assertOneRoundBelow(what + " after " + SILENCE_MS + " ms of silence", MEDIAN_BOUND_NS, () ->
            {
                final long[] roundTrips = new long[TRIES];
                for (int i = 0; i < TRIES + 1; i++)
                {
                    Thread.sleep(SILENCE_MS);
                    final long start = System.nanoTime();
                    assertTrue(req.send("ping-" + i));
                    assertEquals("ping-" + i, receive.get(), "the reply, after " + SILENCE_MS + " ms of silence");
                    if (i > 0)
                    {
                        roundTrips[i - 1] = System.nanoTime() - start;
                    }
                }
                return roundTrips;
            });
        }
        finally
        {
            echo.interrupt();
            echo.join(5_000);
        }
    }

    /**
     * A PAIR sender blocked at its high-water mark, a receiver that drains after a quiet spell: the send returns
     * once the receiver has taken what was queued, without waiting out a park. Over tcp and ipc it mostly returns
     * while the drain is still going (a delay of 0): the check is that no thread on the way sleeps through it.
     */
    @ParameterizedTest
    @EnumSource(TestTransport.class)
    void aSendBlockedAtTheHighWaterMarkResumesWhenTheReceiverDrains(final TestTransport transport) throws Exception
    {
        try (Context ctx = new Context(); Socket receiver = ctx.socket(SocketType.PAIR);
            Socket sender = ctx.socket(SocketType.PAIR))
        {
            receiver.setRcvHWM(1);
            sender.setSndHWM(1);
            receiver.bind(transport.bindEndpoint());
            sender.connect(receiver.getLastEndpoint());
            receiver.setReceiveTimeOut(5_000);
            assertTrue(sender.send(new byte[1]));
            assertNotNull(receiver.recv(), "connected");
            // Messages large enough that the kernel's buffers hold only a few of them.
            final byte[] body = new byte[256 * 1024];
            final long[] delays = new long[TRIES];
            int blockedTries = 0;
            // tcp's buffers may still grow after the fill found them full, so a try may not block: run more tries
            // until TRIES of them did, up to three times as many.
            for (int i = 0; i < 3 * TRIES && blockedTries < TRIES; i++)
            {
                final int queued = fill(sender, body);
                final AtomicLong returnedAt = new AtomicLong();
                final Thread blocked = new Thread(() ->
                {
                    sender.setSendTimeOut(10_000);
                    if (sender.send(body))
                    {
                        returnedAt.set(System.nanoTime());
                    }
                }, "blocked-sender");
                blocked.start();
                Thread.sleep(SILENCE_MS);
                // tcp's buffers may still grow after the fill found them full: such a try did not block, and only
                // tries whose send waited through the silence are timed.
                final boolean waited = returnedAt.get() == 0;
                for (int m = 0; m < queued; m++)
                {
                    assertNotNull(receiver.recv(), "queued message " + m);
                }
                final long drainedAt = System.nanoTime();
                blocked.join(10_000);
                assertTrue(returnedAt.get() != 0, "the blocked send returned");
                assertNotNull(receiver.recv(), "the message the blocked send queued");
                if (waited)
                {
                    delays[blockedTries++] = Math.max(0, returnedAt.get() - drainedAt);
                }
            }
            assertTrue(blockedTries >= TRIES / 2, "the send blocked at its HWM in " + blockedTries + " of " + 3 * TRIES +
                " tries");
            final long[] blockedDelays = Arrays.copyOf(delays, blockedTries);
            MedianRounds.assertOneRoundBelow("a send blocked at its HWM over " + transport + " after " + SILENCE_MS +
                " ms of silence", MEDIAN_BOUND_NS, 1, () -> blockedDelays);
        }
    }

    /**
     * Queue messages until the next send would block.
     *
     * @return how many were queued.
     */
    private static int fill(final Socket sender, final byte[] body)
    {
        // Each send may wait 5 ms, long enough to lead the agent's selector, which writes whatever the kernel takes
        // (a sleeping agent waits for tcp to report room, which it does not for the little its growing buffers
        // add): the pipe is full once 20 sends in a row found no room.
        sender.setSendTimeOut(5);
        int queued = 0;
        int refusals = 0;
        while (refusals < 20)
        {
            if (sender.send(body))
            {
                queued++;
                refusals = 0;
            }
            else
            {
                refusals++;
            }
        }
        return queued;
    }

    private interface Receive
    {
        byte[] next();
    }

    private static Thread echo(final Socket rep, final Receive receive)
    {
        final Thread thread = new Thread(() ->
        {
            while (!Thread.currentThread().isInterrupted())
            {
                final byte[] request = receive.next();
                if (null != request)
                {
                    rep.send(request);
                }
            }
        }, "echo");
        rep.setReceiveTimeOut(200);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
