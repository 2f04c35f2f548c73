package io.ringmq.internal;

/**
 * ZMTP heartbeat timing for one connection (RFC 37, libzmq's HEARTBEAT_IVL, HEARTBEAT_TIMEOUT and
 * HEARTBEAT_TTL): when the next PING is due, and whether the peer has been silent too long, either after a PING of
 * ours or beyond the time-to-live its own PING asked for. Any inbound byte counts as a sign of life, as a PONG
 * does. Plain arithmetic on the agent's clock: nothing allocates.
 */
final class Heartbeat
{
    private static final long NANOS_PER_DECISECOND = 100_000_000L;

    private long lastInboundNs;
    private long nextPingNs;
    private long pingSentNs;
    private boolean awaitingTraffic;
    private long peerTtlNs;

    /**
     * The handshake completed: the first PING is due one interval from now.
     */
    void start(final long nowNs, final long intervalNs)
    {
        lastInboundNs = nowNs;
        nextPingNs = nowNs + intervalNs;
        awaitingTraffic = false;
        peerTtlNs = 0;
    }

    /**
     * Bytes arrived from the peer.
     */
    void onInbound(final long nowNs)
    {
        lastInboundNs = nowNs;
    }

    /**
     * The peer's PING asked to be dropped after this long without traffic; 0 withdraws the limit.
     */
    void onPeerTtl(final int ttlDeciseconds)
    {
        peerTtlNs = ttlDeciseconds * NANOS_PER_DECISECOND;
    }

    /**
     * @return true while a PING of ours, a wait for traffic after one, or the peer's TTL needs the clock.
     */
    boolean needsTicks(final long intervalNs)
    {
        return intervalNs > 0 || awaitingTraffic || peerTtlNs > 0;
    }

    boolean isPingDue(final long nowNs, final long intervalNs)
    {
        return intervalNs > 0 && nowNs - nextPingNs >= 0;
    }

    void onPingSent(final long nowNs, final long intervalNs)
    {
        nextPingNs = nowNs + intervalNs;
        if (!awaitingTraffic)
        {
            awaitingTraffic = true;
            pingSentNs = nowNs;
        }
    }

    /**
     * @return true when the peer sent nothing for {@code timeoutNs} after a PING of ours, or for longer than the
     * time-to-live of its own PINGs.
     */
    boolean hasExpired(final long nowNs, final long timeoutNs)
    {
        if (awaitingTraffic && lastInboundNs - pingSentNs > 0)
        {
            awaitingTraffic = false;
        }
        return (awaitingTraffic && nowNs - pingSentNs > timeoutNs) ||
            (peerTtlNs > 0 && nowNs - lastInboundNs > peerTtlNs);
    }
}
