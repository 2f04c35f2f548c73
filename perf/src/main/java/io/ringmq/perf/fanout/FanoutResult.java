package io.ringmq.perf.fanout;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * What a fan-out run measured.
 *
 * @param spec           the run.
 * @param subscribers    what each subscriber saw.
 * @param published      quotes published in the measured window.
 * @param publishNanos   how long publishing them took.
 * @param publisherDrops quotes the PUB dropped at a peer's HWM (-1 when the library does not count them).
 * @param allocatedBytes bytes allocated by every thread in the measured window (-1 when unknown).
 * @param threads        which threads ran and how many spin.
 */
public record FanoutResult(
    FanoutSpec spec, List<SubscriberStats> subscribers, long published, long publishNanos, long publisherDrops,
    long allocatedBytes, String threads)
{
    /**
     * @return the one-way latency over every subscriber, nanoseconds.
     */
    public Histogram latencyNanos()
    {
        final Histogram all = new Histogram(subscribers.get(0).latencyNanos().getHighestTrackableValue(), 3);
        for (final SubscriberStats s : subscribers)
        {
            all.add(s.latencyNanos());
        }
        return all;
    }

    /**
     * @return quotes delivered over every subscriber.
     */
    public long delivered()
    {
        long total = 0;
        for (final SubscriberStats s : subscribers)
        {
            total += s.received();
        }
        return total;
    }

    /**
     * @return quotes every subscriber should have got.
     */
    public long expected()
    {
        long total = 0;
        for (int i = 0; i < subscribers.size(); i++)
        {
            total += spec.expectedFor(i, published);
        }
        return total;
    }

    /**
     * @return quotes delivered per second over every subscriber.
     */
    public double deliveredPerSecond()
    {
        return delivered() * 1e9 / Math.max(1, publishNanos);
    }

    /**
     * @return bytes allocated per delivered quote, every thread.
     */
    public double allocatedPerMessage()
    {
        return allocatedBytes < 0 ? Double.NaN : allocatedBytes / (double)Math.max(1, delivered());
    }

    /**
     * Print a per-subscriber table.
     *
     * @param out where to.
     */
    public void print(final PrintStream out)
    {
        out.printf(Locale.ROOT, "published %,d quotes of %d B %s in %.2f s (after %.1f s warm-up) to %d " +
            "subscribers at %s%n", published, spec.messageSize(), spec.rate() > 0 ?
            String.format(Locale.ROOT, "at %,d msg/s", spec.rate()) : "flat out", publishNanos / 1e9,
            spec.warmupSeconds(), subscribers.size(), spec.endpoint());
        out.printf(Locale.ROOT, "%-10s %12s %12s %10s %6s %10s %10s %10s %10s %12s%n", "subscriber", "received",
            "expected", "drops", "gaps", "p50 us", "p99 us", "p99.9 us", "max us", "msg/s");
        for (int i = 0; i < subscribers.size(); i++)
        {
            final SubscriberStats s = subscribers.get(i);
            final Histogram h = s.latencyNanos();
            final long expected = spec.expectedFor(i, published);
            out.printf(Locale.ROOT, "%-10s %,12d %,12d %,10d %6d %10.1f %10.1f %10.1f %10.1f %,12.0f%n",
                s.name(), s.received(), expected, Math.max(0, expected - s.received()), s.gaps(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0,
                s.received() * 1e9 / Math.max(1, publishNanos));
        }
        final Histogram all = latencyNanos();
        out.printf(Locale.ROOT, "all: delivered %,d of %,d (%,.0f msg/s), one-way p50 %.1f us, p99 %.1f us, " +
            "p99.9 %.1f us, max %.1f us%n", delivered(), expected(), deliveredPerSecond(),
            all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(99) / 1000.0,
            all.getValueAtPercentile(99.9) / 1000.0, all.getMaxValue() / 1000.0);
        if (publisherDrops >= 0)
        {
            out.printf(Locale.ROOT, "publisher drops at HWM: %,d%n", publisherDrops);
        }
        out.printf(Locale.ROOT, "allocated: %.2f B per delivered quote, every thread%n", allocatedPerMessage());
        out.println(threads);
    }
}
