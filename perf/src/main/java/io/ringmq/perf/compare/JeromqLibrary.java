package io.ringmq.perf.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.ringmq.perf.AllocationMeter;
import io.ringmq.perf.CpuMeter;
import io.ringmq.perf.fanout.FanoutResult;
import io.ringmq.perf.fanout.FanoutSpec;
import io.ringmq.perf.fanout.Pacer;
import io.ringmq.perf.fanout.Quote;
import io.ringmq.perf.fanout.SubscriberStats;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * JeroMQ 0.6.0 as its users write it: {@code byte[]} messages, blocking {@code send}/{@code recv}, one I/O thread
 * per context and one context per end (one for inproc, which needs it). Its threads block in the selector rather
 * than spin; the paced fan-out publisher is the same code as ringmq's.
 */
public final class JeromqLibrary implements Library
{
    private static final int RECEIVE_TIMEOUT_MS = 100;
    private static final int HANDSHAKE_IVL_MS = 500;

    @Override
    public String name()
    {
        return "JeroMQ";
    }

    @Override
    public boolean supports(final Transport transport)
    {
        return true;
    }

    @Override
    public int spinningThreads(final String workload)
    {
        return 0;
    }

    @Override
    public LatencyRun reqRep(final Transport transport, final int size, final long warmup, final long count,
        final long gapMicros) throws Exception
    {
        final ZContext repContext = new ZContext(1);
        final ZContext reqContext = transport == Transport.INPROC ? repContext : new ZContext(1);
        try
        {
            final ZMQ.Socket rep = socket(repContext, SocketType.REP);
            final String endpoint = bind(rep, transport.endpoint("reqrep"));
            final ZMQ.Socket req = socket(reqContext, SocketType.REQ);
            final long total = warmup + count;
            final CountDownLatch release = new CountDownLatch(1);
            final Thread echo = new Thread(() ->
            {
                for (long i = 0; i < total; i++)
                {
                    rep.send(rep.recv(), 0);
                }
                awaitRelease(release);
            }, "jeromq-rep");
            echo.start();
            req.connect(endpoint);

            final byte[] request = new byte[size];
            for (long i = 0; i < warmup; i++)
            {
                req.send(request, 0);
                req.recv();
            }
            final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            final long allocBefore = AllocationMeter.totalAllocatedBytes();
            for (long i = 0; i < count; i++)
            {
                if (gapMicros > 0)
                {
                    LockSupport.parkNanos(gapMicros * 1000);
                }
                final long start = System.nanoTime();
                req.send(request, 0);
                req.recv();
                histogram.recordValue(Math.min(System.nanoTime() - start, histogram.getHighestTrackableValue()));
            }
            final long allocAfter = AllocationMeter.totalAllocatedBytes();
            release.countDown();
            echo.join();
            return new LatencyRun(histogram, allocBefore < 0 ? -1 : allocAfter - allocBefore, 2 * count, 0,
                "JeroMQ: 2 application + " + (transport == Transport.INPROC ? 1 : 2) + " I/O threads, blocking");
        }
        finally
        {
            close(repContext, reqContext);
        }
    }

    @Override
    public double idleCpuPercent(final Transport transport, final long millis) throws Exception
    {
        final ZContext repContext = new ZContext(1);
        final ZContext reqContext = transport == Transport.INPROC ? repContext : new ZContext(1);
        try
        {
            final ZMQ.Socket rep = socket(repContext, SocketType.REP);
            final String endpoint = bind(rep, transport.endpoint("idle"));
            final ZMQ.Socket req = socket(reqContext, SocketType.REQ);
            final Thread echo = new Thread(() ->
            {
                for (int i = 0; i < 2; i++)
                {
                    rep.send(rep.recv(), 0);
                }
            }, "jeromq-rep");
            echo.start();
            req.connect(endpoint);
            req.send(new byte[8], 0);
            req.recv();
            final CpuMeter before = CpuMeter.read();
            final long start = System.nanoTime();
            Thread.sleep(millis);
            final double percent = 100.0 * CpuMeter.total(CpuMeter.between(before, CpuMeter.read())) /
                (System.nanoTime() - start);
            req.send(new byte[8], 0);
            req.recv();
            echo.join();
            return percent;
        }
        finally
        {
            close(repContext, reqContext);
        }
    }

    @Override
    public ThroughputRun pushPull(final Transport transport, final int size, final long warmup, final long count)
        throws Exception
    {
        final ZContext pullContext = new ZContext(1);
        final ZContext pushContext = transport == Transport.INPROC ? pullContext : new ZContext(1);
        try
        {
            final ZMQ.Socket pull = socket(pullContext, SocketType.PULL);
            final String endpoint = bind(pull, transport.endpoint("pushpull"));
            final ZMQ.Socket push = socket(pushContext, SocketType.PUSH);
            push.connect(endpoint);
            final byte[] message = new byte[size];
            final CountDownLatch release = new CountDownLatch(1);
            final Thread pusher = new Thread(() ->
            {
                final long total = warmup + count;
                for (long i = 0; i < total; i++)
                {
                    push.send(message, 0);
                }
                awaitRelease(release);
            }, "jeromq-push");
            pusher.start();

            for (long i = 0; i < warmup + 1; i++)
            {
                pull.recv();
            }
            final CpuMeter cpuBefore = CpuMeter.read();
            final long allocBefore = AllocationMeter.totalAllocatedBytes();
            final long start = System.nanoTime();
            for (long i = 1; i < count; i++)
            {
                pull.recv();
            }
            final long elapsed = System.nanoTime() - start;
            final long allocAfter = AllocationMeter.totalAllocatedBytes();
            final CpuMeter cpuAfter = CpuMeter.read();
            release.countDown();
            pusher.join();
            return new ThroughputRun((count - 1) * 1e9 / elapsed, allocBefore < 0 ? -1 : allocAfter - allocBefore,
                count - 1, 0, "JeroMQ: 2 application + " + (transport == Transport.INPROC ? 1 : 2) +
                " I/O threads, blocking", CpuMeter.between(cpuBefore, cpuAfter));
        }
        finally
        {
            close(pullContext, pushContext);
        }
    }

    @Override
    public FanoutResult fanout(final FanoutSpec spec) throws Exception
    {
        final boolean inproc = spec.endpoint().startsWith("inproc://");
        final ZContext subContext = new ZContext(1);
        final ZContext pubContext = inproc ? subContext : new ZContext(1);
        try
        {
            final ZMQ.Socket pub = socket(pubContext, SocketType.PUB);
            final String endpoint = bind(pub, spec.endpoint());
            final List<SubscriberStats> stats = new ArrayList<>();
            final List<Subscriber> subscribers = new ArrayList<>();
            for (int i = 0; i < spec.subscribers(); i++)
            {
                final ZMQ.Socket sub = socket(subContext, SocketType.SUB);
                sub.subscribe(spec.perSymbol() ? Quote.symbol(i) : new byte[0]);
                sub.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);
                sub.connect(endpoint);
                final Subscriber subscriber = new Subscriber(sub, new SubscriberStats("sub-" + i));
                subscribers.add(subscriber);
                stats.add(subscriber.stats);
                subscriber.thread.start();
            }

            final Publisher publisher = new Publisher(pub, spec.messageSize());
            awaitSubscribers(publisher, stats);
            final Pacer pacer = new Pacer();
            pacer.publish(publisher, spec.rate(), System.nanoTime(), (long)(spec.rate() * spec.warmupSeconds()));
            final long allocBefore = AllocationMeter.totalAllocatedBytes();
            final long measureFrom = System.nanoTime();
            for (final SubscriberStats s : stats)
            {
                s.recordFrom(measureFrom);
            }
            final long published = spec.measuredQuotes();
            final long end = pacer.publish(publisher, spec.rate(), measureFrom, published);
            SubscriberStats.drain(spec, stats, published, () -> LockSupport.parkNanos(100_000));
            final long allocAfter = AllocationMeter.totalAllocatedBytes();
            for (final Subscriber subscriber : subscribers)
            {
                subscriber.running = false;
            }
            for (final Subscriber subscriber : subscribers)
            {
                subscriber.thread.join();
            }
            return new FanoutResult(spec, stats, published, end - measureFrom, -1,
                allocBefore < 0 ? -1 : allocAfter - allocBefore, "JeroMQ: 1 publisher (paced, parks), " +
                spec.subscribers() + " subscriber threads, " + (inproc ? 1 : 2) + " I/O threads, blocking: 0 spinning");
        }
        finally
        {
            close(subContext, pubContext);
        }
    }

    /**
     * A JeroMQ socket as its users make one, with a short handshake interval: JeroMQ 0.6.0 now and then stalls a
     * fresh connection for good (between two JeroMQ peers too), and the interval makes it drop and redial it.
     */
    private static ZMQ.Socket socket(final ZContext context, final SocketType type)
    {
        final ZMQ.Socket socket = context.createSocket(type);
        socket.setHandshakeIvl(HANDSHAKE_IVL_MS);
        return socket;
    }

    private static void awaitSubscribers(final Publisher publisher, final List<SubscriberStats> stats)
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        int symbol = 0;
        while (!SubscriberStats.allSawProbe(stats))
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("subscribers did not join within 10 s");
            }
            publisher.probe(symbol++ % Quote.SYMBOLS.length);
            LockSupport.parkNanos(100_000);
        }
    }


    /**
     * Keep a worker thread alive until the measured window has been read, so that its allocations are counted.
     */
    private static void awaitRelease(final CountDownLatch release)
    {
        try
        {
            release.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static String bind(final ZMQ.Socket socket, final String endpoint)
    {
        socket.bind(endpoint);
        return endpoint.startsWith("tcp://") ? socket.getLastEndpoint() : endpoint;
    }

    private static void close(final ZContext first, final ZContext second)
    {
        if (second != first)
        {
            second.close();
        }
        first.close();
    }

    /** Sends quotes as JeroMQ users do: a new array per message, since JeroMQ queues the array it is given. */
    private static final class Publisher implements Pacer.Sender
    {
        private final ZMQ.Socket pub;
        private final int size;
        private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
        private double bid = 1.0842;

        Publisher(final ZMQ.Socket pub, final int size)
        {
            this.pub = pub;
            this.size = size;
        }

        void probe(final int symbol)
        {
            final byte[] message = new byte[size];
            view.wrap(message);
            Quote.encode(view, 0, symbol, -1, 0, 0, 0);
            pub.send(message, 0);
        }

        @Override
        public void send(final int symbol, final long sequence, final long intendedNanos)
        {
            bid += (sequence & 1) == 0 ? 0.0001 : -0.0001;
            final byte[] message = new byte[size];
            view.wrap(message);
            Quote.encode(view, 0, symbol, sequence, intendedNanos, bid, bid + 0.0002);
            pub.send(message, 0);
        }

        @Override
        public void onIdle()
        {
        }
    }

    /** A SUB socket on its own thread, blocking in recv. */
    private static final class Subscriber implements Runnable
    {
        final ZMQ.Socket socket;
        final SubscriberStats stats;
        final Thread thread;
        volatile boolean running = true;
        private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);

        Subscriber(final ZMQ.Socket socket, final SubscriberStats stats)
        {
            this.socket = socket;
            this.stats = stats;
            this.thread = new Thread(this, "jeromq-" + stats.name());
        }

        @Override
        public void run()
        {
            while (running)
            {
                final byte[] message = socket.recv();
                if (null != message)
                {
                    view.wrap(message);
                    stats.onQuote(view, 0, message.length);
                }
            }
        }
    }
}
