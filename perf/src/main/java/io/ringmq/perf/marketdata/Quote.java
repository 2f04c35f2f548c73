package io.ringmq.perf.marketdata;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A market-data quote as one frame. The symbol comes first so subscribers filter on it as a ZeroMQ prefix.
 *
 * <pre>
 *  0   6   symbol, ASCII (e.g. EURUSD)
 *  6   8   sequence number per symbol
 *  14  8   intended publish time, System.nanoTime (for coordinated-omission-correct latency)
 *  22  8   bid
 *  30  8   ask
 * </pre>
 */
final class Quote
{
    static final int SYMBOL_LENGTH = 6;
    static final int SEQUENCE_OFFSET = 6;
    static final int INTENDED_TIME_OFFSET = 14;
    static final int BID_OFFSET = 22;
    static final int ASK_OFFSET = 30;
    static final int LENGTH = 38;

    static final String[] SYMBOLS = { "EURUSD", "GBPUSD", "USDJPY", "AUDUSD" };

    private Quote()
    {
    }

    static byte[] symbol(final int index)
    {
        return SYMBOLS[index % SYMBOLS.length].getBytes(StandardCharsets.US_ASCII);
    }

    static void encode(
        final MutableDirectBuffer buffer, final int offset, final byte[] symbol, final long sequence,
        final long intendedNanos, final double bid, final double ask)
    {
        buffer.putBytes(offset, symbol);
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence);
        buffer.putLong(offset + INTENDED_TIME_OFFSET, intendedNanos);
        buffer.putDouble(offset + BID_OFFSET, bid);
        buffer.putDouble(offset + ASK_OFFSET, ask);
    }

    static long sequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET);
    }

    static long intendedNanos(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + INTENDED_TIME_OFFSET);
    }
}
