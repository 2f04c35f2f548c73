package io.ringmq.poller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.ringmq.Context;
import io.ringmq.Poller;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An interrupt ends a {@link Poller#poll(long)} that waits for ever, wherever in its wait it lands: during the spin
 * and yield budget, while blocked, or in between, where the wait clears the flag to keep it from the channels. An
 * interrupt in that last gap used to be swallowed by the block, which then waited on with the flag cleared (the
 * same gap hung a proxy stopped by interrupt).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PollerInterruptTest
{
    private static final int TRIES = 300;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anInterruptAnywhereInTheWaitEndsAPollThatWaitsForEver(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.bind(TestTransport.TCP.bindEndpoint());
            final SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < TRIES; i++)
            {
                final AtomicInteger result = new AtomicInteger(-1);
                final Thread polling = new Thread(() ->
                {
                    final Poller poller = new Poller(ctx);
                    poller.register(pull, Poller.POLLIN);
                    result.set(poller.poll(-1));
                }, "polling");
                polling.start();
                // From at once to well past the spin and yield budget, so that some interrupts land in each phase.
                LockSupport.parkNanos(random.nextInt(0, 200_000));
                polling.interrupt();
                polling.join(2_000);
                assertFalse(polling.isAlive(), "try " + i + ": the poll went on waiting after its thread was interrupted");
                assertEquals(0, result.get(), "try " + i + ": an interrupted poll finds nothing ready");
            }
        }
    }
}
