package io.ringmq.perf.fanout;

import java.util.concurrent.locks.LockSupport;

/**
 * The publisher's loop: every quote whose intended time has come is sent at once, then the thread parks until
 * the next one is due. It does not spin: on two cores a spinning publisher takes a whole core from the I/O and
 * the subscribers, which at 100k msg/s cost milliseconds of queueing (p50 5.5 ms against 0.35 ms parked, same
 * run). Parking overshoots by tens of microseconds; that lateness is measured too, since latency counts from the
 * intended time. {@code -Dringmq.perf.pacer.spin.nanos=N} spins instead when the next quote is due within N ns. Each quote carries its intended time, so a
 * late burst counts against the latency (coordinated-omission correct). At rate 0 it sends flat out and each
 * quote's intended time is the moment it is written.
 */
public final class Pacer
{
    private static final long SPIN_NANOS = 0;

    /** Sends one quote. */
    public interface Sender
    {
        /**
         * @param symbol        index into {@link Quote#SYMBOLS}.
         * @param sequence      per symbol.
         * @param intendedNanos when it was due.
         */
        void send(int symbol, long sequence, long intendedNanos);

        /**
         * Called while waiting for the next quote to fall due: a chance to run I/O (invoker mode).
         */
        void onIdle();
    }

    private final long spinNanos = Long.getLong("ringmq.perf.pacer.spin.nanos", SPIN_NANOS);
    private final long[] sequences = new long[Quote.SYMBOLS.length];
    private long sent;

    /**
     * Publish {@code total} quotes.
     *
     * @param sender     writes a quote.
     * @param rate       quotes per second, 0 for flat out.
     * @param startNanos when the first quote is due.
     * @param total      quotes to send.
     * @return the time the last quote was sent, System.nanoTime.
     */
    public long publish(final Sender sender, final int rate, final long startNanos, final long total)
    {
        final long intervalNanos = rate > 0 ? 1_000_000_000L / rate : 0;
        final long end = sent + total;
        final long base = sent;
        while (sent < end)
        {
            final long now = System.nanoTime();
            while (sent < end && (0 == rate || startNanos + (sent - base) * intervalNanos <= now))
            {
                final int symbol = (int)(sent % Quote.SYMBOLS.length);
                sender.send(symbol, sequences[symbol]++, 0 == rate ? System.nanoTime() :
                    startNanos + (sent - base) * intervalNanos);
                sent++;
            }
            if (0 != rate)
            {
                final long wait = startNanos + (sent - base) * intervalNanos - System.nanoTime();
                sender.onIdle();
                if (wait > spinNanos)
                {
                    LockSupport.parkNanos(wait - spinNanos / 2);
                }
                else if (wait > 0)
                {
                    Thread.onSpinWait();
                }
            }
        }
        return System.nanoTime();
    }

    /**
     * @return quotes sent so far, over every call.
     */
    public long sent()
    {
        return sent;
    }
}
