package io.ringmq.perf.compare;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.ringmq.Context;
import io.ringmq.ContextConfig;
import io.ringmq.IdleMode;
import io.ringmq.MessageHandler;
import io.ringmq.RingmqException;
import io.ringmq.SendClaim;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.perf.AllocationMeter;
import io.ringmq.perf.CpuMeter;
import io.ringmq.perf.MessageWait;
import io.ringmq.perf.RunOptions;
import io.ringmq.perf.fanout.FanoutResult;
import io.ringmq.perf.fanout.FanoutSpec;
import io.ringmq.perf.fanout.RingmqFanout;
import org.HdrHistogram.Histogram;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * ringmq through its zero-copy API ({@code claim}/{@code commit}, {@code receive(handler, limit)}). Each end has
 * its own context, as two processes would, except over inproc, which needs one context.
 *
 * <p>Two of them run in a comparison. {@link #defaults()} is what {@code new Context()} gives: one I/O thread
 * per context, event-driven waiting (spin and yield briefly, then block until woken), the socket's own blocking
 * {@code receive(handler, limit, timeout)}; no thread spins for long. {@link #fast(RunOptions)} is the fast mode.
 *
 * <p>Unless the command line chooses, each workload of the fast mode runs in ringmq's best mode on two shared
 * cores: request-reply
 * in invoker mode with the yield idle strategy (two spinning threads, no I/O thread: a round trip never crosses
 * threads inside a process; yielding rather than busy-spinning lets any other runnable thread in at once, where
 * two busy-spinners on two cores are preempted for whole scheduler slices, milliseconds at p99); throughput with
 * the PUSH in threaded mode with the backoff idle strategy, where the I/O agent batches whatever the application
 * committed into one write (invoker mode writes on every commit), and the PULL in invoker mode with yield, whose
 * thread reads and decodes the socket itself: three threads on two cores rather than four; fan-out in threaded
 * mode with yield (the I/O agents and the subscriber thread yield; the publisher parks between quotes).
 */
public final class RingmqLibrary implements Library
{
    private static final RunOptions LATENCY = RunOptions.of(RunOptions.Mode.INVOKER, IdleMode.YIELD);
    private static final RunOptions BATCHING = RunOptions.of(RunOptions.Mode.THREADED, IdleMode.BACKOFF);
    private static final RunOptions READING = RunOptions.of(RunOptions.Mode.INVOKER, IdleMode.YIELD);
    private static final RunOptions FAN_OUT = RunOptions.of(RunOptions.Mode.THREADED, IdleMode.YIELD);

    private static final RunOptions DEFAULTS = RunOptions.of(RunOptions.Mode.THREADED, IdleMode.BACKOFF);

    private final String name;
    private final RunOptions given;
    private final boolean defaults;

    private RingmqLibrary(final String name, final RunOptions given, final boolean defaults)
    {
        this.name = name;
        this.given = given;
        this.defaults = defaults;
    }

    /**
     * @return ringmq as {@code new Context()} runs it, every workload.
     */
    public static RingmqLibrary defaults()
    {
        return new RingmqLibrary("ringmq default", DEFAULTS, true);
    }

    /**
     * @param given the command line's options; its mode and idle strategy apply to every workload when it chose
     *              them, else each workload runs in its fastest mode.
     * @return ringmq in its fast modes.
     */
    public static RingmqLibrary fast(final RunOptions given)
    {
        return new RingmqLibrary("ringmq fast", given, false);
    }

    /**
     * @param workload reqrep, pushpull or fanout.
     * @return the options of the workload's sending end (REQ, PUSH, PUB).
     */
    public RunOptions options(final String workload)
    {
        if (defaults || given.modeOrIdleGiven())
        {
            return given;
        }
        if (CompareTool.FANOUT.equals(workload))
        {
            return FAN_OUT;
        }
        return CompareTool.PUSHPULL.equals(workload) ? BATCHING : LATENCY;
    }

    /**
     * @param workload reqrep, pushpull or fanout.
     * @return the options of the workload's receiving end (REP, PULL, SUB) when it has a context of its own.
     */
    public RunOptions receiverOptions(final String workload)
    {
        return CompareTool.PUSHPULL.equals(workload) && !defaults && !given.modeOrIdleGiven() ? READING :
            options(workload);
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public boolean supports(final Transport transport)
    {
        try (Context ctx = given.newContext(); Socket socket = ctx.socket(SocketType.PULL))
        {
            socket.bind(transport.endpoint("probe"));
            return true;
        }
        catch (final RingmqException | IllegalArgumentException ex)
        {
            return false;
        }
    }

    @Override
    public int spinningThreads(final String workload)
    {
        // The fan-out's publisher parks between quotes whatever the idle strategy: only its I/O thread spins.
        final int senderApplication = CompareTool.FANOUT.equals(workload) ? 0 : 1;
        return spinning(options(workload), senderApplication) + spinning(receiverOptions(workload), 1);
    }

    private static int spinning(final RunOptions end, final int applicationThreads)
    {
        final boolean spins = end.idle() == IdleMode.BUSY_SPIN || end.idle() == IdleMode.YIELD;
        return spins ? applicationThreads + ioThreads(end) : 0;
    }

    private static int ioThreads(final RunOptions end)
    {
        return end.mode() == RunOptions.Mode.INVOKER ? 0 : 1;
    }

    /**
     * @param workload reqrep, pushpull or fanout.
     * @return each end's mode and idle strategy, e.g. "threaded/backoff + invoker/yield".
     */
    public String describe(final String workload)
    {
        if (defaults)
        {
            return "new Context() (threaded/backoff: spin " + ContextConfig.DEFAULT_SPIN_NS / 1000 + " us, yield " +
                ContextConfig.DEFAULT_YIELD_NS / 1000 + " us, then block)";
        }
        final String sender = describe(options(workload));
        final String receiver = describe(receiverOptions(workload));
        return sender.equals(receiver) ? sender : sender + " + " + receiver;
    }

    private static String describe(final RunOptions end)
    {
        return end.mode().name().toLowerCase(Locale.ROOT) + "/" + end.idle().name().toLowerCase(Locale.ROOT);
    }

    private String threads(final String workload)
    {
        final int io = ioThreads(options(workload)) + ioThreads(receiverOptions(workload));
        return name + ": 2 application + " + io + " I/O threads, " + describe(workload) + ", " +
            spinningThreads(workload) + " spinning";
    }

    @Override
    public LatencyRun reqRep(final Transport transport, final int size, final long warmup, final long count,
        final long gapMicros) throws Exception
    {
        return withEchoPair(transport, size, warmup + count, (req, waiter) ->
        {
            final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            for (long i = 0; i < warmup; i++)
            {
                roundTrip(req, size, waiter);
            }
            final long allocBefore = AllocationMeter.totalAllocatedBytes();
            for (long i = 0; i < count; i++)
            {
                if (gapMicros > 0)
                {
                    LockSupport.parkNanos(gapMicros * 1000);
                }
                final long start = System.nanoTime();
                roundTrip(req, size, waiter);
                histogram.recordValue(Math.min(System.nanoTime() - start, histogram.getHighestTrackableValue()));
            }
            final long allocAfter = AllocationMeter.totalAllocatedBytes();
            return new LatencyRun(histogram, allocBefore < 0 ? -1 : allocAfter - allocBefore, 2 * count,
                spinningThreads(CompareTool.REQREP), threads(CompareTool.REQREP));
        });
    }

    @Override
    public double idleCpuPercent(final Transport transport, final long millis) throws Exception
    {
        return withEchoPair(transport, 8, 2, (req, waiter) ->
        {
            roundTrip(req, 8, waiter);
            final CpuMeter before = CpuMeter.read();
            final long start = System.nanoTime();
            // The REQ's thread sleeps as an idle application would; the REP's waits for the next request.
            Thread.sleep(millis);
            final double percent = 100.0 * CpuMeter.total(CpuMeter.between(before, CpuMeter.read())) /
                (System.nanoTime() - start);
            roundTrip(req, 8, waiter);
            return percent;
        });
    }

    /** What runs on the REQ's side of a connected pair. */
    private interface PairBody<T>
    {
        T run(Socket req, Waiter waiter) throws Exception;
    }

    /**
     * A REQ connected to a REP that echoes {@code requests} requests on a thread of its own, each in its own
     * context unless over inproc; the body runs the REQ's side on this thread.
     */
    private <T> T withEchoPair(final Transport transport, final int size, final long requests,
        final PairBody<T> body) throws Exception
    {
        final RunOptions options = options(CompareTool.REQREP);
        final Context repContext = options.newContext();
        final Context reqContext = transport == Transport.INPROC ? repContext : options.newContext();
        try
        {
            final Socket rep = repContext.socket(SocketType.REP);
            rep.bind(transport.endpoint("reqrep"));
            final Socket req = reqContext.socket(SocketType.REQ);
            final Echo echo = new Echo(rep, size, requests, new MessageWait(receiverOptions(CompareTool.REQREP)));
            final Thread echoThread = new Thread(echo, "ringmq-rep");
            echoThread.start();
            req.connect(rep.getLastEndpoint());
            final T result = body.run(req, new Waiter(new MessageWait(options)));
            echo.release.countDown();
            echoThread.join();
            return result;
        }
        finally
        {
            close(repContext, reqContext);
        }
    }

    private static void roundTrip(final Socket req, final int size, final Waiter waiter)
    {
        final SendClaim claim = req.claim(size);
        claim.buffer().setMemory(claim.offset(), size, (byte)1);
        claim.commit();
        waiter.receiveOne(req);
    }

    @Override
    public ThroughputRun pushPull(final Transport transport, final int size, final long warmup, final long count)
        throws Exception
    {
        final RunOptions pullOptions = receiverOptions(CompareTool.PUSHPULL);
        final Context pushContext = options(CompareTool.PUSHPULL).newContext();
        // inproc needs one context, the PUSH's; the PULL's thread still waits with its own idle strategy.
        final Context pullContext = transport == Transport.INPROC ? pushContext : pullOptions.newContext();
        try
        {
            final Socket pull = pullContext.socket(SocketType.PULL);
            pull.bind(transport.endpoint("pushpull"));
            final Socket push = pushContext.socket(SocketType.PUSH);
            push.connect(pull.getLastEndpoint());
            final CountDownLatch release = new CountDownLatch(1);
            final Thread pusher = new Thread(() ->
            {
                final long total = warmup + count;
                for (long i = 0; i < total; i++)
                {
                    final SendClaim claim = push.claim(size);
                    claim.buffer().putLong(claim.offset(), i);
                    claim.commit();
                }
                awaitRelease(release, pushContext);
            }, "ringmq-push");
            pusher.start();

            final Counter counter = new Counter();
            final MessageWait wait = new MessageWait(pullOptions);
            while (counter.count < warmup + 1)
            {
                wait.receive(pull, counter, (int)Math.min(256, warmup + 1 - counter.count));
            }
            final CpuMeter cpuBefore = CpuMeter.read();
            final long allocBefore = AllocationMeter.totalAllocatedBytes();
            final long start = System.nanoTime();
            final long end = warmup + count;
            while (counter.count < end)
            {
                wait.receive(pull, counter, (int)Math.min(256, end - counter.count));
            }
            final long elapsed = System.nanoTime() - start;
            final long allocAfter = AllocationMeter.totalAllocatedBytes();
            final CpuMeter cpuAfter = CpuMeter.read();
            release.countDown();
            pusher.join();
            return new ThroughputRun((count - 1) * 1e9 / elapsed, allocBefore < 0 ? -1 : allocAfter - allocBefore,
                count - 1, spinningThreads("pushpull"), threads("pushpull"), CpuMeter.between(cpuBefore, cpuAfter));
        }
        finally
        {
            close(pullContext, pushContext);
        }
    }

    @Override
    public FanoutResult fanout(final FanoutSpec spec) throws Exception
    {
        return new RingmqFanout(spec, options(CompareTool.FANOUT), receiverOptions(CompareTool.FANOUT)).run();
    }

    /**
     * Keep a worker thread alive (and its context's I/O running) until the measured window has been read, so
     * that its allocations are counted: a thread that has ended drops out of the allocation sum.
     */
    private static void awaitRelease(final CountDownLatch release, final Context context)
    {
        while (release.getCount() > 0)
        {
            context.invoke();
            LockSupport.parkNanos(50_000);
        }
    }

    private static void close(final Context first, final Context second)
    {
        if (second != first)
        {
            second.close();
        }
        first.close();
    }

    /** Counts whole messages. */
    private static final class Counter implements MessageHandler
    {
        long count;

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
        {
            if (!more)
            {
                count++;
            }
        }
    }

    /** Waits for one whole message, running the I/O in invoker mode. */
    private static final class Waiter implements MessageHandler
    {
        private final MessageWait wait;

        Waiter(final MessageWait wait)
        {
            this.wait = wait;
        }

        void receiveOne(final Socket socket)
        {
            wait.receive(socket, this, 1);
        }

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
        {
        }
    }

    /** The REP side: echoes each request. */
    private static final class Echo implements Runnable, MessageHandler
    {
        private final Socket rep;
        private final long total;
        private final MessageWait wait;
        private final UnsafeBuffer copy;
        final CountDownLatch release = new CountDownLatch(1);
        private int length;

        Echo(final Socket rep, final int size, final long total, final MessageWait wait)
        {
            this.rep = rep;
            this.total = total;
            this.wait = wait;
            this.copy = new UnsafeBuffer(BufferUtil.allocateDirectAligned(Math.max(64, size), 64));
        }

        @Override
        public void run()
        {
            for (long i = 0; i < total; i++)
            {
                wait.receive(rep, this, 1);
                final SendClaim claim = rep.claim(length);
                claim.buffer().putBytes(claim.offset(), copy, 0, length);
                claim.commit();
            }
            awaitRelease(release, rep.getContext());
        }

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
        {
            this.length = Math.min(length, copy.capacity());
            copy.putBytes(0, buffer, offset, this.length);
        }
    }
}
