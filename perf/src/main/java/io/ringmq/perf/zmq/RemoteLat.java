package io.ringmq.perf.zmq;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.SendClaim;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.perf.MessageWait;
import io.ringmq.perf.RunOptions;
import org.HdrHistogram.Histogram;

/**
 * {@code remote_lat <connect-to> <message-size> <roundtrip-count>}: a REQ socket connects and times round trips,
 * as libzmq's {@code remote_lat}. It prints libzmq's three lines (the average latency is half the mean round
 * trip, as libzmq computes it), then the percentiles of the individual round trips from an HdrHistogram.
 */
public final class RemoteLat extends ZmqStyleTool
{
    @Override
    public String name()
    {
        return "remote_lat";
    }

    @Override
    public String description()
    {
        return "libzmq's remote_lat: REQ connects, times round trips: <connect-to> <message-size> <roundtrip-count>";
    }

    @Override
    String usageArguments()
    {
        return "<connect-to> <message-size> <roundtrip-count>";
    }

    @Override
    int run(final String endpoint, final int messageSize, final long count, final RunOptions options)
    {
        expectedSize = messageSize;
        final Histogram roundTrips = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final long elapsedNanos;
        try (Context ctx = options.newContext(); Socket req = ctx.socket(SocketType.REQ))
        {
            req.connect(endpoint);
            final MessageWait idle = new MessageWait(options);
            for (long i = 0; i < options.warmup(); i++)
            {
                if (!roundTrip(req, messageSize, idle))
                {
                    return incorrectSize();
                }
            }
            final long start = System.nanoTime();
            long previous = start;
            for (long i = 0; i < count; i++)
            {
                if (!roundTrip(req, messageSize, idle))
                {
                    return incorrectSize();
                }
                final long now = System.nanoTime();
                roundTrips.recordValue(Math.min(now - previous, roundTrips.getHighestTrackableValue()));
                previous = now;
            }
            elapsedNanos = previous - start;
        }

        out.printf(Locale.ROOT, "message size: %d [B]%n", messageSize);
        out.printf(Locale.ROOT, "roundtrip count: %d%n", count);
        out.printf(Locale.ROOT, "average latency: %.3f [us]%n", elapsedNanos / 1000.0 / (count * 2));
        out.printf(Locale.ROOT, "round trip p50: %.3f [us]%n", roundTrips.getValueAtPercentile(50) / 1000.0);
        out.printf(Locale.ROOT, "round trip p99: %.3f [us]%n", roundTrips.getValueAtPercentile(99) / 1000.0);
        out.printf(Locale.ROOT, "round trip p99.9: %.3f [us]%n", roundTrips.getValueAtPercentile(99.9) / 1000.0);
        out.printf(Locale.ROOT, "round trip max: %.3f [us]%n", roundTrips.getMaxValue() / 1000.0);
        out.println(options.threadsLine(1));
        return 0;
    }

    private boolean roundTrip(final Socket req, final int messageSize, final MessageWait idle)
    {
        final SendClaim claim = req.claim(messageSize);
        claim.buffer().setMemory(claim.offset(), messageSize, (byte)0);
        claim.commit();
        return receiveOne(req, idle);
    }
}
