package io.ringmq.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The invoker-mode flusher runs the I/O once after a deferred send has waited, retries while the I/O is busy, and
 * otherwise leaves the CPU alone.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TailFlusherTest
{
    private static final long DELAY_NS = 20_000;

    @Test
    void aDeferredSendIsFlushedAfterTheDelayAndOnlyOnce() throws Exception
    {
        final AtomicInteger duties = new AtomicInteger();
        final TailFlusher flusher = new TailFlusher(DELAY_NS, () -> flushed(duties));
        try
        {
            final long deferredAt = System.nanoTime();
            flusher.deferred(deferredAt);
            awaitDuties(duties, 1);
            assertTrue(System.nanoTime() - deferredAt >= DELAY_NS, "flushed before the delay");
            Thread.sleep(50);
            assertEquals(1, duties.get(), "duty cycles for one deferred send");
        }
        finally
        {
            flusher.close();
        }
    }

    @Test
    void aBusyInvokerIsTriedAgain() throws Exception
    {
        final AtomicInteger tries = new AtomicInteger();
        final TailFlusher flusher = new TailFlusher(DELAY_NS, () -> tries.incrementAndGet() >= 3 ? TailFlusher.FLUSHED : TailFlusher.BUSY);
        try
        {
            flusher.deferred(System.nanoTime());
            awaitDuties(tries, 3);
            Thread.sleep(50);
            assertEquals(3, tries.get(), "tries: two busy, then one that ran");
        }
        finally
        {
            flusher.close();
        }
    }

    @Test
    void everyDeferralAfterAFlushIsFlushedToo() throws Exception
    {
        final AtomicInteger duties = new AtomicInteger();
        final TailFlusher flusher = new TailFlusher(DELAY_NS, () -> flushed(duties));
        try
        {
            for (int i = 1; i <= 100; i++)
            {
                flusher.deferred(System.nanoTime());
                awaitDuties(duties, i);
            }
        }
        finally
        {
            flusher.close();
        }
    }

    @Test
    void aClosedFlusherIgnoresDeferralsAndStartsNoThread() throws Exception
    {
        final AtomicInteger duties = new AtomicInteger();
        final TailFlusher flusher = new TailFlusher(DELAY_NS, () -> flushed(duties));
        flusher.close();
        flusher.deferred(System.nanoTime());
        Thread.sleep(20);
        assertEquals(0, duties.get());
        assertFalse(flusher.isRunning());
    }

    @Test
    void anUnfinishedTailIsRetriedUntilWritten() throws Exception
    {
        final AtomicInteger runs = new AtomicInteger();
        final TailFlusher flusher = new TailFlusher(DELAY_NS,
            () -> runs.incrementAndGet() >= 6 ? TailFlusher.FLUSHED : TailFlusher.UNFINISHED);
        try
        {
            flusher.deferred(System.nanoTime());
            awaitDuties(runs, 6);
            Thread.sleep(50);
            assertEquals(6, runs.get(), "runs: five unfinished, then one that wrote it all");
        }
        finally
        {
            flusher.close();
        }
    }

    @Test
    void aNewDeferralDoesNotWaitForTheRetryPauseOfAStuckTail() throws Exception
    {
        final AtomicInteger runs = new AtomicInteger();
        final TailFlusher flusher = new TailFlusher(DELAY_NS, () ->
        {
            runs.incrementAndGet();
            return TailFlusher.UNFINISHED;
        });
        try
        {
            flusher.deferred(System.nanoTime());
            // The pauses double from 20 us: after a second they are at their 100 ms ceiling.
            Thread.sleep(1_000);
            final int before = runs.get();
            final long deferredAt = System.nanoTime();
            flusher.deferred(deferredAt);
            awaitDuties(runs, before + 1);
            final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - deferredAt);
            assertTrue(tookMs < 50, "the new deferral waited " + tookMs + " ms");
        }
        finally
        {
            flusher.close();
        }
    }

    private static int flushed(final AtomicInteger duties)
    {
        duties.incrementAndGet();
        return TailFlusher.FLUSHED;
    }

    private static void awaitDuties(final AtomicInteger duties, final int expected) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (duties.get() < expected)
        {
            assertTrue(System.nanoTime() < deadline, "duty cycles: " + duties.get() + " of " + expected);
            Thread.sleep(1);
        }
    }
}
