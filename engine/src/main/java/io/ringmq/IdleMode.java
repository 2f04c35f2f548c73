package io.ringmq;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * How a thread waits when it has nothing to do: I/O agents between duty cycles, application threads in blocking
 * send, receive and poll calls. The two blocking modes are event-driven: a waiting thread blocks (an I/O agent in
 * its selector, an application thread parked) and is woken by whoever has work for it, so an idle context uses no
 * CPU and the first message after a quiet spell waits for one wake-up, not for a timer.
 */
public enum IdleMode
{
    /** Spin on the core, never block: lowest latency, one core per waiting thread. For pinned, isolated cores only. */
    BUSY_SPIN,
    /** Thread.yield() between checks, never block: low latency, lets other threads run, still keeps a core busy. */
    YIELD,
    /**
     * The default: spin, then yield, within a short budget ({@link ContextConfig#spinNanos(long)},
     * {@link ContextConfig#yieldNanos(long)}), then block until woken. Back-to-back traffic never pays a wake-up;
     * a quiet context costs nothing.
     */
    BACKOFF,
    /** Block at once, with no spin or yield budget: the least CPU, one wake-up per hand-off. */
    BLOCKING;

    /**
     * @return true for the modes whose threads block once their budget is spent.
     */
    public boolean blocks()
    {
        return this == BACKOFF || this == BLOCKING;
    }

    /**
     * An Agrona idle strategy of this kind, for a loop of the application's own around non-blocking calls such as
     * {@link Socket#receive(MessageHandler, int)}. Such a loop is not woken by ringmq, so the blocking modes back
     * off to parks of at most 1 ms here; the socket's own blocking calls are woken instead.
     *
     * @return a new idle strategy; each waiting thread needs its own.
     */
    public IdleStrategy newIdleStrategy()
    {
        switch (this)
        {
            case BUSY_SPIN:
                return new BusySpinIdleStrategy();
            case YIELD:
                return new YieldingIdleStrategy();
            case BLOCKING:
                return new SleepingIdleStrategy(1_000_000);
            case BACKOFF:
            default:
                return new BackoffIdleStrategy(100, 100, 1_000, 1_000_000);
        }
    }
}
