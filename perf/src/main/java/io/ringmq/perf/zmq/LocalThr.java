package io.ringmq.perf.zmq;

import java.util.Locale;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.perf.MessageWait;
import io.ringmq.perf.RunOptions;

/**
 * {@code local_thr <bind-to> <message-size> <message-count>}: a PULL socket binds and counts messages, as libzmq's
 * {@code local_thr}: the clock starts at the first (timed) message and stops at the last, and the result lines
 * are libzmq's.
 */
public final class LocalThr extends ZmqStyleTool
{
    private static final int BATCH = 256;
    private long received;

    @Override
    public String name()
    {
        return "local_thr";
    }

    @Override
    public String description()
    {
        return "libzmq's local_thr: PULL binds, measures throughput: <bind-to> <message-size> <message-count>";
    }

    @Override
    String usageArguments()
    {
        return "<bind-to> <message-size> <message-count>";
    }

    @Override
    int run(final String endpoint, final int messageSize, final long count, final RunOptions options)
    {
        expectedSize = messageSize;
        final long elapsedNanos;
        try (Context ctx = options.newContext(); Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.bind(endpoint);
            final MessageWait idle = new MessageWait(options);
            for (long i = 0; i < options.warmup(); i++)
            {
                if (!receiveOne(pull, idle))
                {
                    return incorrectSize();
                }
            }
            if (!receiveOne(pull, idle))
            {
                return incorrectSize();
            }
            final long start = System.nanoTime();
            received = 1;
            while (received < count)
            {
                final int limit = (int)Math.min(BATCH, count - received);
                idle.receive(pull, this, limit);
                if (wrongSize)
                {
                    return incorrectSize();
                }
            }
            elapsedNanos = Math.max(1, System.nanoTime() - start);
        }

        final double elapsedMicros = elapsedNanos / 1000.0;
        final long throughput = (long)(count * 1_000_000.0 / elapsedMicros);
        final double megabits = throughput * (double)messageSize * 8 / 1_000_000;
        out.printf(Locale.ROOT, "message size: %d [B]%n", messageSize);
        out.printf(Locale.ROOT, "message count: %d%n", count);
        out.printf(Locale.ROOT, "mean throughput: %d [msg/s]%n", throughput);
        out.printf(Locale.ROOT, "mean throughput: %.3f [Mb/s]%n", megabits);
        out.println(options.threadsLine(1));
        return 0;
    }

    @Override
    public void onFrame(final org.agrona.DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        super.onFrame(buffer, offset, length, more);
        received++;
    }
}
