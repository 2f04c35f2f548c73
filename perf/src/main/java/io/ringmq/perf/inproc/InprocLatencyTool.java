package io.ringmq.perf.inproc;

import io.ringmq.Context;
import io.ringmq.ContextConfig;
import io.ringmq.MessageHandler;
import io.ringmq.SendClaim;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.perf.PerfTool;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;

/**
 * {@code inproclat [round trips] [warm-up] [size] [threads]}: PAIR to PAIR ping-pong over inproc in invoker mode
 * (no I/O thread), through the zero-copy API, with round-trip percentiles from HdrHistogram. With 2 threads the
 * pinger and the ponger each own a socket and busy-spin on {@code receive}: two spinning threads. With 1 thread
 * one thread plays both sides, which measures the ring hand-off without a cross-core hop.
 */
public final class InprocLatencyTool implements PerfTool
{
    @Override
    public String name()
    {
        return "inproclat";
    }

    @Override
    public String description()
    {
        return "inproc PAIR ping-pong, invoker mode: [round trips=1000000] [warm-up=100000] [size=64] [threads=2]";
    }

    @Override
    public int run(final String[] args) throws Exception
    {
        final int roundTrips = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        final int size = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        final int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        if (roundTrips < 1 || warmUp < 0 || size < 8 || (threads != 1 && threads != 2))
        {
            System.err.println("usage: inproclat [round trips >= 1] [warm-up >= 0] [size >= 8] [threads 1|2]");
            return 2;
        }

        final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        try (Context ctx = new Context(new ContextConfig().ioThreads(0));
            Socket ping = ctx.socket(SocketType.PAIR);
            Socket pong = ctx.socket(SocketType.PAIR))
        {
            ping.bind("inproc://inproclat");
            pong.connect("inproc://inproclat");
            final Echo echo = new Echo(pong, size);
            final Pinger pinger = new Pinger(ping, size);
            if (threads == 2)
            {
                final Thread echoThread = new Thread(() -> echo.run(warmUp + roundTrips), "inproclat-pong");
                echoThread.start();
                pinger.run(warmUp, null, null);
                pinger.run(roundTrips, histogram, null);
                echoThread.join();
            }
            else
            {
                pinger.run(warmUp, null, echo);
                pinger.run(roundTrips, histogram, echo);
            }
        }

        System.out.printf("inproc PAIR ping-pong, %d B, %,d round trips after %,d warm-up, invoker mode, " +
            "%d thread(s) busy-spinning%n", size, roundTrips, warmUp, threads);
        System.out.printf("round trip ns: p50 %d  p90 %d  p99 %d  p99.9 %d  max %d  mean %.0f%n",
            histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
            histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue(),
            histogram.getMean());
        return 0;
    }

    /**
     * Sends a timestamped message and spins until it comes back.
     */
    private static final class Pinger implements MessageHandler
    {
        private final Socket socket;
        private final int size;
        private boolean replied;

        Pinger(final Socket socket, final int size)
        {
            this.socket = socket;
            this.size = size;
        }

        void run(final int count, final Histogram histogram, final Echo sameThreadEcho)
        {
            for (int i = 0; i < count; i++)
            {
                final long start = System.nanoTime();
                final SendClaim claim = socket.claim(size);
                claim.buffer().putLong(claim.offset(), start);
                claim.commit();
                if (null != sameThreadEcho)
                {
                    sameThreadEcho.echoOne();
                }
                replied = false;
                while (!replied)
                {
                    if (socket.receive(this, 1) == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
                if (null != histogram)
                {
                    histogram.recordValue(System.nanoTime() - start);
                }
            }
        }

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
        {
            replied = true;
        }
    }

    /**
     * Sends every message it receives straight back.
     */
    private static final class Echo implements MessageHandler
    {
        private final Socket socket;
        private final int size;
        private long timestamp;

        Echo(final Socket socket, final int size)
        {
            this.socket = socket;
            this.size = size;
        }

        void run(final int count)
        {
            for (int i = 0; i < count; i++)
            {
                echoOne();
            }
        }

        void echoOne()
        {
            while (socket.receive(this, 1) == 0)
            {
                Thread.onSpinWait();
            }
            final SendClaim claim = socket.claim(size);
            claim.buffer().putLong(claim.offset(), timestamp);
            claim.commit();
        }

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
        {
            timestamp = buffer.getLong(offset);
        }
    }
}
