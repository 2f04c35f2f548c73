package io.ringmq.perf.fanout;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A market-data quote as one frame. The symbol comes first so subscribers can filter on it as a ZeroMQ prefix;
 * a frame may be longer than {@link #LENGTH} (the rest is padding) so that every workload can use 64 bytes.
 *
 * <pre>
 *  0   6   symbol, ASCII (e.g. EURUSD)
 *  6   8   sequence number per symbol (-1: a join probe, not counted)
 *  14  8   intended publish time, System.nanoTime (for coordinated-omission-correct latency)
 *  22  8   bid
 *  30  8   ask
 * </pre>
 */
public final class Quote
{
    /** Bytes of the symbol. */
    public static final int SYMBOL_LENGTH = 6;
    static final int SEQUENCE_OFFSET = 6;
    static final int INTENDED_TIME_OFFSET = 14;
    static final int BID_OFFSET = 22;
    static final int ASK_OFFSET = 30;
    /** The shortest frame that holds a quote. */
    public static final int LENGTH = 38;

    /** The symbols published, round-robin. */
    public static final String[] SYMBOLS = { "EURUSD", "GBPUSD", "USDJPY", "AUDUSD" };

    private static final byte[][] SYMBOL_BYTES = new byte[SYMBOLS.length][];
    private static final int[] SYMBOL_KEYS = new int[SYMBOLS.length];

    static
    {
        for (int i = 0; i < SYMBOLS.length; i++)
        {
            SYMBOL_BYTES[i] = SYMBOLS[i].getBytes(StandardCharsets.US_ASCII);
            final byte[] s = SYMBOL_BYTES[i];
            SYMBOL_KEYS[i] = (s[2] << 24) | (s[3] << 16) | (s[4] << 8) | s[5];
        }
    }

    private Quote()
    {
    }

    /**
     * @param index of the symbol.
     * @return its ASCII bytes (shared: do not modify).
     */
    public static byte[] symbol(final int index)
    {
        return SYMBOL_BYTES[index % SYMBOLS.length];
    }

    /**
     * Write a quote.
     *
     * @param buffer        to write into.
     * @param offset        where the frame body starts.
     * @param symbol        index into {@link #SYMBOLS}.
     * @param sequence      per symbol; -1 for a join probe.
     * @param intendedNanos when the quote was due, System.nanoTime.
     * @param bid           price.
     * @param ask           price.
     */
    public static void encode(
        final MutableDirectBuffer buffer, final int offset, final int symbol, final long sequence,
        final long intendedNanos, final double bid, final double ask)
    {
        buffer.putBytes(offset, SYMBOL_BYTES[symbol]);
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence);
        buffer.putLong(offset + INTENDED_TIME_OFFSET, intendedNanos);
        buffer.putDouble(offset + BID_OFFSET, bid);
        buffer.putDouble(offset + ASK_OFFSET, ask);
    }

    static int symbolIndex(final DirectBuffer buffer, final int offset)
    {
        final int key = (buffer.getByte(offset + 2) << 24) | (buffer.getByte(offset + 3) << 16) |
            (buffer.getByte(offset + 4) << 8) | buffer.getByte(offset + 5);
        for (int i = 0; i < SYMBOL_KEYS.length; i++)
        {
            if (SYMBOL_KEYS[i] == key)
            {
                return i;
            }
        }
        return -1;
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
