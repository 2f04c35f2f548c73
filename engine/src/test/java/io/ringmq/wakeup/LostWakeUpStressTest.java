package io.ringmq.wakeup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.ringmq.Context;
import io.ringmq.ContextConfig;
import io.ringmq.IdleMode;
import io.ringmq.Poller;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No wake-up is ever lost: a ping-pong where every hand-off goes through the sleep-and-wake path (BLOCKING mode
 * has no spin or yield budget, so each waiting thread, I/O agent included, announces that it sleeps and blocks at
 * once), with random pauses on both sides so that publishes land before, during and after each announcement. A lost
 * wake-up leaves a thread asleep with its message waiting: the receive times out and the test fails, naming the
 * hand-off. Each side alternates between recv and a Poller, so both wait paths are stressed. In invoker mode the
 * waiting threads block in the selector themselves, so inproc hand-offs go through the selector's wake-up too.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LostWakeUpStressTest
{
    /**
     * Round trips per transport and mode: two hand-offs between application threads each, and for tcp and ipc in
     * threaded mode four more (application to agent, agent to agent through the kernel, agent to application, each
     * way): about 900,000 hand-offs in all.
     */
    private static final int ROUND_TRIPS = 40_000;
    private static final int TIMEOUT_MS = 5_000;

    @ModesAndTransports
    void everyHandOffWakesItsReceiver(final Mode mode, final TestTransport transport) throws Exception
    {
        stress(mode.config().idleMode(IdleMode.BLOCKING), mode.toString(), transport, ROUND_TRIPS);
    }

    /**
     * The default config, where a thread waiting for a reply, or waiting long, leads its agent's selector while
     * the agent's thread parks: the same ping-pong through the lease's hand-overs, both waiters on one agent.
     */
    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = TestTransport.class, names = {"TCP", "IPC"})
    void everyHandOffWakesItsReceiverWhenWaitersLeadTheSelector(final TestTransport transport) throws Exception
    {
        stress(new ContextConfig(), "the default config", transport, ROUND_TRIPS / 4);
    }

    private static void stress(
        final ContextConfig config, final String mode, final TestTransport transport, final int roundTrips)
        throws Exception
    {
        try (Context ctx = new Context(config); Socket a = ctx.socket(SocketType.PAIR); Socket b = ctx.socket(SocketType.PAIR))
        {
            a.bind(transport.bindEndpoint());
            b.connect(a.getLastEndpoint());
            a.setReceiveTimeOut(TIMEOUT_MS);
            b.setReceiveTimeOut(TIMEOUT_MS);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread echo = new Thread(() ->
            {
                try
                {
                    bounce(b, ctx, new SplittableRandom(2));
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            }, "stress-echo");
            echo.start();

            final SplittableRandom random = new SplittableRandom(1);
            final Poller poller = new Poller(ctx);
            final int index = poller.register(a, Poller.POLLIN);
            final byte[] message = new byte[8];
            for (int i = 0; i < roundTrips; i++)
            {
                message[0] = (byte)i;
                a.send(message);
                pauseNowAndThen(random);
                final byte[] reply;
                if ((i & 1) == 0)
                {
                    reply = a.recv();
                }
                else
                {
                    assertEquals(1, poller.poll(TIMEOUT_MS), "round trip " + i + " over " + transport + " in " + mode +
                        ": the poller was never woken");
                    reply = a.recv();
                }
                assertNotNull(reply, "round trip " + i + " over " + transport + " in " + mode + ": the reply's wake-up was lost");
                assertEquals((byte)i, reply[0], "round trip " + i);
            }
            a.send(new byte[0]);
            echo.join(TIMEOUT_MS * 2L);
            assertNull(failure.get(), () -> "echo side: " + failure.get());
        }
    }

    private static void bounce(final Socket socket, final Context ctx, final SplittableRandom random)
    {
        final Poller poller = new Poller(ctx);
        poller.register(socket, Poller.POLLIN);
        for (int i = 0; ; i++)
        {
            if ((i & 2) != 0 && poller.poll(TIMEOUT_MS) != 1)
            {
                throw new AssertionError("hand-off " + i + ": the echo's poller was never woken");
            }
            final byte[] request = socket.recv();
            if (null == request)
            {
                throw new AssertionError("hand-off " + i + ": the request's wake-up was lost");
            }
            if (request.length == 0)
            {
                return;
            }
            pauseNowAndThen(random);
            socket.send(request);
        }
    }

    /**
     * Mostly no pause, sometimes a spin, sometimes a park of up to 200 us (beyond the default spin and yield budget,
     * so that waits block): publishes then land on either side of the other thread's announcement that it sleeps.
     */
    private static void pauseNowAndThen(final SplittableRandom random)
    {
        final int dice = random.nextInt(16);
        if (dice == 0)
        {
            LockSupport.parkNanos(random.nextInt(1, 200_000));
        }
        else if (dice < 4)
        {
            for (int spins = random.nextInt(2_000); spins > 0; spins--)
            {
                Thread.onSpinWait();
            }
        }
    }
}
