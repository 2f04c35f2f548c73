package io.ringmq.perf.marketdata;

import java.util.concurrent.TimeUnit;

import io.ringmq.MessageHandler;
import io.ringmq.Socket;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * A feed handler: one SUB socket subscribed to one symbol, reading in place and recording one-way latency from
 * each quote's intended publish time, so a stall anywhere shows in the percentiles instead of hiding them.
 * Counts gaps in the per-symbol sequence. Allocates nothing per quote.
 */
final class QuoteSubscriber implements Runnable, MessageHandler
{
    private final Socket socket;
    private final String symbol;
    private final IdleStrategy idle;
    private final Histogram latencyNanos = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private volatile boolean running = true;
    private volatile boolean sawWarmUp;
    private volatile long recordFromNanos = Long.MAX_VALUE;
    private volatile long received;
    private long expectedSequence;
    private long gaps;

    QuoteSubscriber(final Socket socket, final String symbol, final IdleStrategy idle)
    {
        this.socket = socket;
        this.symbol = symbol;
        this.idle = idle;
    }

    @Override
    public void run()
    {
        while (running)
        {
            idle.idle(socket.receive(this, 64));
        }
    }

    @Override
    public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        final long now = System.nanoTime();
        final long sequence = Quote.sequence(buffer, offset);
        if (sequence < 0)
        {
            sawWarmUp = true;
            return;
        }
        if (sequence != expectedSequence)
        {
            gaps++;
        }
        expectedSequence = sequence + 1;
        final long intended = Quote.intendedNanos(buffer, offset);
        if (intended >= recordFromNanos)
        {
            latencyNanos.recordValue(Math.max(0, Math.min(now - intended, latencyNanos.getHighestTrackableValue())));
        }
        received++;
    }

    void recordFrom(final long nanos)
    {
        recordFromNanos = nanos;
    }

    boolean sawWarmUp()
    {
        return sawWarmUp;
    }

    void stop()
    {
        running = false;
    }

    long received()
    {
        return received;
    }

    String symbol()
    {
        return symbol;
    }

    long gaps()
    {
        return gaps;
    }

    Histogram latencyNanos()
    {
        return latencyNanos;
    }
}
