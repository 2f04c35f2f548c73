package io.ringmq.perf.marketdata;

import java.util.concurrent.TimeUnit;

import io.ringmq.MessageHandler;
import io.ringmq.Socket;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;

/**
 * A feed handler: one SUB socket subscribed to one symbol, reading in place and recording one-way latency from
 * each quote's intended publish time, so a stall anywhere shows in the percentiles instead of hiding them.
 * Counts gaps in the per-symbol sequence. Allocates nothing per quote.
 */
final class QuoteSubscriber implements Runnable, MessageHandler
{
    private final Socket socket;
    private final String symbol;
    private final Histogram latencyNanos = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private volatile boolean running = true;
    private volatile boolean sawWarmUp;
    private volatile long received;
    private long expectedSequence;
    private long gaps;

    QuoteSubscriber(final Socket socket, final String symbol)
    {
        this.socket = socket;
        this.symbol = symbol;
    }

    @Override
    public void run()
    {
        while (running)
        {
            if (socket.receive(this, 64) == 0)
            {
                Thread.onSpinWait();
            }
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
        latencyNanos.recordValue(Math.max(0, Math.min(now - Quote.intendedNanos(buffer, offset),
            latencyNanos.getHighestTrackableValue())));
        received++;
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
