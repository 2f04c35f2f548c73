package io.ringmq.perf.fanout;

/**
 * One fan-out run: where, how many subscribers, how fast, how long.
 *
 * @param endpoint      the PUB's bind endpoint (a tcp wildcard port is resolved after binding).
 * @param subscribers   SUB sockets, each on its own connection.
 * @param rate          quotes per second in total, 0 for flat out.
 * @param warmupSeconds paced quotes before the measured window, not in the results.
 * @param seconds       length of the measured window.
 * @param messageSize   bytes per quote frame, at least {@link Quote#LENGTH}.
 * @param perSymbol     true: subscriber i subscribes to symbol i only (market-data style); false: to everything.
 * @param subThreads    application threads that serve the subscribers (ringmq; JeroMQ uses one per SUB).
 */
public record FanoutSpec(
    String endpoint, int subscribers, int rate, double warmupSeconds, double seconds, int messageSize,
    boolean perSymbol, int subThreads)
{
    /**
     * @return quotes in the measured window at the paced rate, or -1 when flat out (time-bound).
     */
    public long measuredQuotes()
    {
        return rate > 0 ? (long)(rate * seconds) : -1;
    }

    /**
     * @param subscriber index.
     * @return the quotes that subscriber should get out of {@code published}.
     */
    public long expectedFor(final int subscriber, final long published)
    {
        if (!perSymbol)
        {
            return published;
        }
        final int symbols = Quote.SYMBOLS.length;
        final int symbol = subscriber % symbols;
        return published / symbols + (symbol < published % symbols ? 1 : 0);
    }
}
