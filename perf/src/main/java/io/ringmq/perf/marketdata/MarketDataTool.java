package io.ringmq.perf.marketdata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import io.ringmq.Context;
import io.ringmq.SendClaim;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.perf.PerfTool;
import org.HdrHistogram.Histogram;

/**
 * {@code marketdata [subscribers] [rate msg/s] [seconds]}: a market-data fan-out in one process, as a runnable
 * example of ringmq's zero-copy API. One PUB publishes quotes for four symbols round-robin at a paced rate over
 * tcp loopback; each SUB subscribes to one symbol and reports what it received, sequence gaps and one-way latency
 * percentiles measured from each quote's intended publish time (coordinated-omission correct).
 *
 * <p>Threads: the publisher (pacing: parks, then spins the last 50 us), each subscriber and the context's I/O
 * agent, which idle with the context's idle strategy (backoff unless -Dringmq.idle.strategy says otherwise).
 */
public final class MarketDataTool implements PerfTool
{
    private static final int WARM_UP_SECONDS = 2;
    private static final long PARK_THRESHOLD_NANOS = 20_000;

    @Override
    public String name()
    {
        return "marketdata";
    }

    @Override
    public String description()
    {
        return "market-data PUB -> SUB fan-out example: [subscribers=4] [rate=100000] [seconds=5]";
    }

    @Override
    public int run(final String[] args) throws Exception
    {
        final int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        final int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        final int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (subscribers < 1 || rate < 1 || seconds < 1)
        {
            System.err.println("usage: marketdata [subscribers >= 1] [rate msg/s >= 1] [seconds >= 1]");
            return 2;
        }

        try (Context ctx = new Context(); Socket pub = ctx.socket(SocketType.PUB))
        {
            pub.bind("tcp://127.0.0.1:*");
            final List<QuoteSubscriber> feeds = new ArrayList<>();
            final List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < subscribers; i++)
            {
                final Socket sub = ctx.socket(SocketType.SUB);
                final String symbol = Quote.SYMBOLS[i % Quote.SYMBOLS.length];
                sub.subscribe(symbol);
                sub.connect(pub.getLastEndpoint());
                final QuoteSubscriber feed = new QuoteSubscriber(sub, symbol, ctx.config().idleMode().newIdleStrategy());
                feeds.add(feed);
                final Thread thread = new Thread(feed, "feed-" + i + "-" + symbol);
                threads.add(thread);
                thread.start();
            }

            awaitSubscribers(pub, feeds);
            final long[] sequences = new long[Quote.SYMBOLS.length];
            publish(pub, rate, System.nanoTime(), (long)rate * WARM_UP_SECONDS, sequences);
            final long measureFrom = System.nanoTime();
            for (final QuoteSubscriber feed : feeds)
            {
                feed.recordFrom(measureFrom);
            }
            final long published = publish(pub, rate, measureFrom, (long)rate * seconds, sequences);
            Thread.sleep(200);
            for (final QuoteSubscriber feed : feeds)
            {
                feed.stop();
            }
            for (final Thread thread : threads)
            {
                thread.join();
            }
            report(pub, feeds, published, rate, seconds);
        }
        return 0;
    }

    /**
     * Publish warm-up quotes (sequence -1, ignored by subscribers) until every subscriber has seen one: ZeroMQ's
     * slow joiner, handled as a feed handler would.
     */
    private static void awaitSubscribers(final Socket pub, final List<QuoteSubscriber> feeds)
    {
        final byte[][] symbols = symbols();
        final long deadline = System.nanoTime() + 10_000_000_000L;
        int index = 0;
        while (!allSeenWarmUp(feeds) && System.nanoTime() < deadline)
        {
            final SendClaim claim = pub.claim(Quote.LENGTH);
            Quote.encode(claim.buffer(), claim.offset(), symbols[index++ % symbols.length], -1, 0, 0, 0);
            claim.commit();
            LockSupport.parkNanos(100_000);
        }
    }

    private static boolean allSeenWarmUp(final List<QuoteSubscriber> feeds)
    {
        for (final QuoteSubscriber feed : feeds)
        {
            if (!feed.sawWarmUp())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Publish at a paced rate: every quote whose intended time has come is sent at once, then the publisher parks
     * until the next one is due, so it leaves the cores to the feeds and the I/O agent. Latency is measured from
     * each quote's intended time, so a late burst counts against the result.
     */
    private static long publish(
        final Socket pub, final int rate, final long startNanos, final long total, final long[] sequences)
    {
        final byte[][] symbols = symbols();
        final long intervalNanos = 1_000_000_000L / rate;
        double bid = 1.0842;
        long sent = 0;

        while (sent < total)
        {
            final long now = System.nanoTime();
            while (sent < total && startNanos + sent * intervalNanos <= now)
            {
                final int symbol = (int)(sent % symbols.length);
                bid += (sent & 1) == 0 ? 0.0001 : -0.0001;
                final SendClaim claim = pub.claim(Quote.LENGTH);
                Quote.encode(claim.buffer(), claim.offset(), symbols[symbol], sequences[symbol]++,
                    startNanos + sent * intervalNanos, bid, bid + 0.0002);
                claim.commit();
                sent++;
            }
            final long wait = startNanos + sent * intervalNanos - System.nanoTime();
            if (wait > PARK_THRESHOLD_NANOS)
            {
                LockSupport.parkNanos(wait - PARK_THRESHOLD_NANOS / 2);
            }
            else if (wait > 0)
            {
                Thread.onSpinWait();
            }
        }
        return total;
    }

    private static byte[][] symbols()
    {
        final byte[][] symbols = new byte[Quote.SYMBOLS.length][];
        for (int i = 0; i < symbols.length; i++)
        {
            symbols[i] = Quote.symbol(i);
        }
        return symbols;
    }

    private static void report(
        final Socket pub, final List<QuoteSubscriber> feeds, final long published, final int rate, final int seconds)
    {
        System.out.printf(
            "published %,d quotes at %,d msg/s for %d s (after %d s warm-up, not in the percentiles) to %d " +
            "subscribers over tcp loopback%n", published, rate, seconds, WARM_UP_SECONDS, feeds.size());
        System.out.printf("%-8s %12s %12s %6s %10s %10s %10s %10s%n",
            "symbol", "received", "expected", "gaps", "p50 us", "p99 us", "p99.9 us", "max us");
        final long perSymbol = (published + (long)rate * WARM_UP_SECONDS) / Quote.SYMBOLS.length;
        for (final QuoteSubscriber feed : feeds)
        {
            final Histogram h = feed.latencyNanos();
            System.out.printf("%-8s %,12d %,12d %6d %10.1f %10.1f %10.1f %10.1f%n",
                feed.symbol(), feed.received(), perSymbol, feed.gaps(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
        }
        System.out.printf("publisher drops at HWM: %d%n", pub.getDroppedMessages());
        System.out.printf("threads: 1 publisher, %d feed(s), %s; idle strategy %s%n", feeds.size(),
            pub.getContext().isInvokerMode() ? "no I/O thread (invoker mode)" : pub.getContext().config().ioThreads() +
            " I/O agent thread(s)", pub.getContext().config().idleMode());
    }
}
