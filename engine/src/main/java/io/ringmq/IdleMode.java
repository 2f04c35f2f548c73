package io.ringmq;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * How a thread waits when it has nothing to do: I/O agents between duty cycles, application threads in blocking
 * send and receive calls.
 */
public enum IdleMode
{
    /** Spin on the core: lowest latency, one core per waiting thread. For pinned, isolated cores only. */
    BUSY_SPIN,
    /** Thread.yield() between checks: low latency, lets other threads run, still keeps a core busy. */
    YIELD,
    /** Spin, then yield, then park with a growing pause (up to 1 ms): the default, near idle when quiet. */
    BACKOFF,
    /** Park 1 ms between checks: the least CPU, at the cost of up to a millisecond of latency. */
    BLOCKING;

    /**
     * @return a new idle strategy of this kind; each waiting thread needs its own.
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
                // Parks rather than sleeps, so an inproc peer's write unparks a waiting receiver at once.
                return new SleepingIdleStrategy(1_000_000);
            case BACKOFF:
            default:
                return new BackoffIdleStrategy(100, 100, 1_000, 1_000_000);
        }
    }
}
