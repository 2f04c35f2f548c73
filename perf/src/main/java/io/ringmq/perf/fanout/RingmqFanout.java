package io.ringmq.perf.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import io.ringmq.Context;
import io.ringmq.IdleMode;
import io.ringmq.MessageHandler;
import io.ringmq.Poller;
import io.ringmq.SendClaim;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.perf.AllocationMeter;
import io.ringmq.perf.RunOptions;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * A fan-out run on ringmq through the zero-copy API: one PUB in its own context, the SUBs in another (one context
 * for inproc, which needs it), {@code subThreads} application threads serving the SUBs round-robin. In invoker
 * mode the publisher's thread runs the PUB's I/O and the subscriber threads run the SUBs'.
 */
public final class RingmqFanout implements Pacer.Sender
{
    private static final long JOIN_TIMEOUT_NANOS = 10_000_000_000L;

    private final FanoutSpec spec;
    private final RunOptions options;
    private final RunOptions subOptions;
    private Socket pub;
    private Context pubContext;
    /** Made once, so waiting in the measured window allocates nothing. */
    private final Runnable runIo = this::pumpIo;
    private double bid = 1.0842;

    /**
     * @param spec    the run.
     * @param options mode and idle strategy of every context.
     */
    public RingmqFanout(final FanoutSpec spec, final RunOptions options)
    {
        this(spec, options, options);
    }

    /**
     * @param spec       the run.
     * @param options    mode and idle strategy of the publisher's context.
     * @param subOptions mode and idle strategy of the subscribers' context (ignored over inproc, which shares the
     *                   publisher's).
     */
    public RingmqFanout(final FanoutSpec spec, final RunOptions options, final RunOptions subOptions)
    {
        this.spec = spec;
        this.options = options;
        this.subOptions = subOptions;
    }

    /**
     * Run it.
     *
     * @return what was measured.
     * @throws InterruptedException when interrupted while joining the subscriber threads.
     */
    public FanoutResult run() throws InterruptedException
    {
        final boolean inproc = spec.endpoint().startsWith("inproc://");
        pubContext = options.newContext();
        final Context subContext = inproc ? pubContext : subOptions.newContext();
        try
        {
            pub = pubContext.socket(SocketType.PUB);
            pub.bind(spec.endpoint());
            final String endpoint = pub.getLastEndpoint();
            final List<SubscriberStats> stats = new ArrayList<>();
            final Feed[] feeds = new Feed[spec.subscribers()];
            for (int i = 0; i < feeds.length; i++)
            {
                final Socket sub = subContext.socket(SocketType.SUB);
                sub.subscribe(spec.perSymbol() ? Quote.SYMBOLS[i % Quote.SYMBOLS.length] : "");
                sub.connect(endpoint);
                feeds[i] = new Feed(sub, new SubscriberStats("sub-" + i));
                stats.add(feeds[i].stats);
            }
            final int threads = Math.max(1, Math.min(spec.subThreads(), feeds.length));
            final SubscriberLoop[] loops = new SubscriberLoop[threads];
            final Thread[] runners = new Thread[threads];
            for (int t = 0; t < threads; t++)
            {
                final List<Feed> mine = new ArrayList<>();
                for (int i = t; i < feeds.length; i += threads)
                {
                    mine.add(feeds[i]);
                }
                loops[t] = new SubscriberLoop(mine.toArray(new Feed[0]), subContext, subOptions().idle());
                runners[t] = new Thread(loops[t], "ringmq-sub-" + t);
                runners[t].start();
            }

            awaitSubscribers(stats);
            final Pacer pacer = new Pacer();
            final long warmupQuotes = spec.rate() > 0 ? (long)(spec.rate() * spec.warmupSeconds()) :
                quotesFlatOut(pacer, spec.warmupSeconds());
            if (spec.rate() > 0)
            {
                pacer.publish(this, spec.rate(), System.nanoTime(), warmupQuotes);
            }
            final long allocBefore = AllocationMeter.totalAllocatedBytes();
            final long dropsBefore = pub.getDroppedMessages();
            final long measureFrom = System.nanoTime();
            for (final SubscriberStats s : stats)
            {
                s.recordFrom(measureFrom);
            }
            final long published;
            final long end;
            if (spec.rate() > 0)
            {
                published = spec.measuredQuotes();
                end = pacer.publish(this, spec.rate(), measureFrom, published);
            }
            else
            {
                final long before = pacer.sent();
                quotesFlatOut(pacer, spec.seconds());
                end = System.nanoTime();
                published = pacer.sent() - before;
            }
            SubscriberStats.drain(spec, stats, published, runIo);
            final long allocAfter = AllocationMeter.totalAllocatedBytes();
            for (final SubscriberLoop loop : loops)
            {
                loop.running = false;
            }
            for (final Thread runner : runners)
            {
                runner.join();
            }
            return new FanoutResult(spec, stats, published, end - measureFrom, pub.getDroppedMessages() - dropsBefore,
                allocBefore < 0 ? -1 : allocAfter - allocBefore, threads(threads, inproc));
        }
        finally
        {
            if (pubContext != subContext)
            {
                subContext.close();
            }
            pubContext.close();
        }
    }

    private long quotesFlatOut(final Pacer pacer, final double seconds)
    {
        final long until = System.nanoTime() + (long)(seconds * 1e9);
        final long before = pacer.sent();
        while (System.nanoTime() < until)
        {
            pacer.publish(this, 0, 0, 1024);
        }
        return pacer.sent() - before;
    }

    private RunOptions subOptions()
    {
        return spec.endpoint().startsWith("inproc://") ? options : subOptions;
    }

    private String threads(final int subThreads, final boolean inproc)
    {
        final RunOptions sub = subOptions();
        final int pubIo = options.mode() == RunOptions.Mode.INVOKER ? 0 : 1;
        final int subIo = inproc || sub.mode() == RunOptions.Mode.INVOKER ? 0 : 1;
        final int spinning = (spec.rate() > 0 ? 0 : 1) + (spins(options) ? pubIo : 0) +
            (spins(sub) ? subThreads + subIo : 0);
        return String.format(Locale.ROOT, "threads: 1 publisher (%s), %d subscriber" +
            " thread(s) for %d SUB sockets, %d I/O; publisher %s/%s, subscribers %s/%s (mode/idle): %d spinning",
            spec.rate() > 0 ? "paced, parks until each quote is due" : "flat out", subThreads, spec.subscribers(),
            pubIo + subIo, label(options.mode()), label(options.idle()),
            label(sub.mode()), label(sub.idle()), spinning);
    }

    private static boolean spins(final RunOptions options)
    {
        return options.idle() == IdleMode.BUSY_SPIN || options.idle() == IdleMode.YIELD;
    }

    /**
     * Run the publisher's I/O (invoker mode) and wait a little.
     */
    private void pumpIo()
    {
        pubContext.invoke();
        LockSupport.parkNanos(10_000);
    }

    private static String label(final Enum<?> value)
    {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Publish join probes until every subscriber has seen one: ZeroMQ's slow joiner, handled as a feed would.
     */
    private void awaitSubscribers(final List<SubscriberStats> stats)
    {
        final long deadline = System.nanoTime() + JOIN_TIMEOUT_NANOS;
        int symbol = 0;
        while (!SubscriberStats.allSawProbe(stats))
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("subscribers did not join within 10 s");
            }
            final SendClaim claim = pub.claim(spec.messageSize());
            Quote.encode(claim.buffer(), claim.offset(), symbol++ % Quote.SYMBOLS.length, -1, 0, 0, 0);
            claim.commit();
            final long until = System.nanoTime() + 100_000;
            while (System.nanoTime() < until)
            {
                pumpIo();
            }
        }
    }


    @Override
    public void send(final int symbol, final long sequence, final long intendedNanos)
    {
        bid += (sequence & 1) == 0 ? 0.0001 : -0.0001;
        final SendClaim claim = pub.claim(spec.messageSize());
        Quote.encode(claim.buffer(), claim.offset(), symbol, sequence, intendedNanos, bid, bid + 0.0002);
        claim.commit();
    }

    @Override
    public void onIdle()
    {
        pubContext.invoke();
    }

    private static final class Feed implements MessageHandler
    {
        final Socket socket;
        final SubscriberStats stats;

        Feed(final Socket socket, final SubscriberStats stats)
        {
            this.socket = socket;
            this.stats = stats;
        }

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
        {
            stats.onQuote(buffer, offset, length);
        }
    }

    /**
     * One thread serving some subscribers: in a blocking idle mode it waits in a {@link Poller} over their sockets,
     * as a user of the default configuration would; in a spinning mode it loops over them with the idle strategy.
     */
    private static final class SubscriberLoop implements Runnable
    {
        /** How long a poll waits before the loop looks at {@link #running} again. */
        private static final long POLL_MS = 10;

        private final Feed[] feeds;
        private final IdleStrategy idle;
        private final Poller poller;
        volatile boolean running = true;

        SubscriberLoop(final Feed[] feeds, final Context context, final IdleMode mode)
        {
            this.feeds = feeds;
            if (mode.blocks())
            {
                idle = null;
                poller = new Poller(context, feeds.length);
                for (final Feed feed : feeds)
                {
                    poller.register(feed.socket, Poller.POLLIN);
                }
            }
            else
            {
                idle = mode.newIdleStrategy();
                poller = null;
            }
        }

        @Override
        public void run()
        {
            final Feed[] feeds = this.feeds;
            while (running)
            {
                if (null != poller)
                {
                    poller.poll(POLL_MS);
                }
                int work = 0;
                for (final Feed feed : feeds)
                {
                    work += feed.socket.receive(feed, 64);
                }
                if (null != idle)
                {
                    idle.idle(work);
                }
            }
        }
    }
}
