package io.ringmq;

/**
 * What ringmq counts per socket and per connection while it runs. Read with {@link Socket#getCounter(Counter)} and
 * {@link Socket#connectionCounters()}; counting allocates nothing.
 */
public enum Counter
{
    /** Whole messages that arrived from peers (inproc: that the application read). */
    MESSAGES_RECEIVED,
    /** Bytes read from the network, framing and commands included (inproc: frame bodies read). */
    BYTES_RECEIVED,
    /** Whole messages handed to the kernel for peers (inproc: written to a peer's ring). */
    MESSAGES_SENT,
    /** Bytes written to the network, framing and commands included (inproc: frame bodies written). */
    BYTES_SENT,
    /** Messages dropped for a peer at its high-water mark (PUB, XPUB, ROUTER). */
    MESSAGES_DROPPED,
    /** Connections that completed the ZMTP handshake. */
    HANDSHAKES,
    /** Connections closed because the peer broke the protocol: a bad greeting, handshake or frame. */
    PROTOCOL_ERRORS,
    /** Connections closed because the peer fell silent: the handshake or heartbeat timed out. */
    TIMEOUTS,
    /** Connection attempts after the first, for connect() endpoints. */
    RECONNECTS;

    private static final Counter[] VALUES = values();

    /**
     * @return the number of counters.
     */
    public static int count()
    {
        return VALUES.length;
    }
}
