package io.ringmq.perf.fanout;

import java.util.List;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;

/**
 * What one subscriber saw: quotes counted from the start of the measured window, gaps in each symbol's sequence,
 * and one-way latency from each quote's intended publish time, so a stall anywhere (publisher, I/O, subscriber)
 * shows in the percentiles instead of hiding them. Allocates nothing per quote. Written by one thread; read
 * after that thread has stopped.
 */
public final class SubscriberStats
{
    private final String name;
    private final Histogram latencyNanos = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private final long[] expectedSequence = new long[Quote.SYMBOLS.length];
    private volatile boolean sawProbe;
    private volatile long recordFromNanos = Long.MAX_VALUE;
    private volatile long received;
    private long gaps;

    /**
     * @param name shown in reports.
     */
    public SubscriberStats(final String name)
    {
        this.name = name;
    }

    /**
     * What a subscriber outside this JVM saw (the libzmq harness's): its counts and latencies as it measured them.
     *
     * @param name         shown in reports.
     * @param received     quotes of the measured window.
     * @param gaps         gaps in the symbols' sequences.
     * @param latencyNanos one-way latency of each measured quote, at this class's range and precision.
     * @return the stats.
     */
    public static SubscriberStats of(final String name, final long received, final long gaps,
        final Histogram latencyNanos)
    {
        final SubscriberStats stats = new SubscriberStats(name);
        stats.received = received;
        stats.gaps = gaps;
        stats.sawProbe = true;
        stats.latencyNanos.add(latencyNanos);
        return stats;
    }

    /**
     * Account for one quote that arrived now.
     *
     * @param buffer holding the frame.
     * @param offset of the frame body.
     * @param length of the body.
     */
    public void onQuote(final DirectBuffer buffer, final int offset, final int length)
    {
        final long now = System.nanoTime();
        final long sequence = Quote.sequence(buffer, offset);
        if (sequence < 0 || length < Quote.LENGTH)
        {
            sawProbe = true;
            return;
        }
        final int symbol = Quote.symbolIndex(buffer, offset);
        if (symbol >= 0)
        {
            if (sequence != expectedSequence[symbol] && 0 != expectedSequence[symbol])
            {
                gaps++;
            }
            expectedSequence[symbol] = sequence + 1;
        }
        final long intended = Quote.intendedNanos(buffer, offset);
        if (intended >= recordFromNanos)
        {
            latencyNanos.recordValue(Math.max(0, Math.min(now - intended, latencyNanos.getHighestTrackableValue())));
            received++;
        }
    }

    /**
     * @param nanos quotes intended from this time on are measured.
     */
    public void recordFrom(final long nanos)
    {
        recordFromNanos = nanos;
    }

    /**
     * @return true once a join probe (or any quote) has arrived.
     */
    public boolean sawProbe()
    {
        return sawProbe;
    }

    /**
     * @return quotes received in the measured window.
     */
    public long received()
    {
        return received;
    }

    /**
     * @return sequence gaps seen.
     */
    public long gaps()
    {
        return gaps;
    }

    /**
     * @return the name given.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return one-way latency of the measured quotes, nanoseconds.
     */
    public Histogram latencyNanos()
    {
        return latencyNanos;
    }

    /**
     * @return true once every subscriber has seen a join probe.
     */
    public static boolean allSawProbe(final List<SubscriberStats> stats)
    {
        for (final SubscriberStats s : stats)
        {
            if (!s.sawProbe())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Wait until every subscriber has what it should of {@code published} quotes, or nothing has arrived for a
     * second, running {@code pause} between looks (the I/O in invoker mode, a park).
     */
    public static void drain(
        final FanoutSpec spec, final List<SubscriberStats> stats, final long published, final Runnable pause)
    {
        long last = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() - lastChange < 1_000_000_000L)
        {
            long received = 0;
            long expected = 0;
            for (int i = 0; i < stats.size(); i++)
            {
                received += stats.get(i).received();
                expected += spec.expectedFor(i, published);
            }
            if (received >= expected)
            {
                return;
            }
            if (received != last)
            {
                last = received;
                lastChange = System.nanoTime();
            }
            pause.run();
        }
    }
}
