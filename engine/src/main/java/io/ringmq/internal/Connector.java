package io.ringmq.internal;

import io.ringmq.Counter;
import io.ringmq.SocketEvent;
import io.ringmq.transport.Endpoint;
import io.ringmq.transport.StreamChannel;
import io.ringmq.transport.TransportException;
import io.ringmq.transport.Transports;

/**
 * One connect() endpoint: keeps a connection to it, reconnecting after a failure or disconnect with a pause
 * that starts at RECONNECT_IVL and doubles up to RECONNECT_IVL_MAX (when that is set), as libzmq does.
 */
final class Connector
{
    private final SocketCore core;
    private final Endpoint endpoint;
    private final byte[] routingId;
    private Connection connection;
    private int currentIvlMs;
    private long nextAttemptNs;
    private boolean waiting;
    private boolean stopped;
    private boolean attempted;

    Connector(final SocketCore core, final Endpoint endpoint)
    {
        this.core = core;
        this.endpoint = endpoint;
        this.currentIvlMs = core.options().reconnectIvlMs;
        // CONNECT_ROUTING_ID names the peer of the next connect() only, as in libzmq.
        this.routingId = core.options().connectRoutingId;
        core.options().connectRoutingId = null;
    }

    byte[] routingId()
    {
        return routingId;
    }

    void attempt()
    {
        waiting = false;
        if (stopped)
        {
            return;
        }
        if (attempted)
        {
            core.counters().increment(Counter.RECONNECTS);
        }
        attempted = true;
        final StreamChannel channel;
        try
        {
            channel = Transports.forScheme(endpoint.scheme()).connect(endpoint);
        }
        catch (final TransportException ex)
        {
            scheduleReconnect();
            return;
        }
        if (null != channel.failure())
        {
            // Refused before the call returned, as an ipc connect to a missing or dead socket file always is.
            channel.close();
            scheduleReconnect();
            return;
        }
        // An ipc connect usually completes at once, and a connected channel never reports OP_CONNECT.
        final boolean connected = channel.isConnected();
        connection = new Connection(core, channel, this, endpoint.uri(), endpoint.uri(), !connected);
        core.addConnection(connection);
        core.emit(connected ? SocketEvent.CONNECTED : SocketEvent.CONNECT_DELAYED, 0, endpoint.uri());
        connection.register(core.agent());
    }

    void onConnected()
    {
        currentIvlMs = core.options().reconnectIvlMs;
    }

    void onDisconnected()
    {
        connection = null;
        scheduleReconnect();
    }

    private void scheduleReconnect()
    {
        final int ivl = currentIvlMs;
        if (stopped || ivl < 0)
        {
            return;
        }
        final IoAgent agent = core.agent();
        nextAttemptNs = agent.nowNs() + ivl * 1_000_000L;
        waiting = true;
        agent.scheduleTimer(this);
        core.emit(SocketEvent.CONNECT_RETRIED, ivl, endpoint.uri());

        final int max = core.options().reconnectIvlMaxMs;
        if (max > ivl)
        {
            currentIvlMs = (int)Math.min(max, ivl * 2L);
        }
    }

    /**
     * @return true when the reconnect pause is over, or no reconnect is wanted any more.
     */
    boolean isDue(final long nowNs)
    {
        return !waiting || stopped || nowNs - nextAttemptNs >= 0;
    }

    /**
     * @return nanoseconds until the reconnect is due; 0 or less when it is due now.
     */
    long dueInNs(final long nowNs)
    {
        return !waiting || stopped ? 0 : nextAttemptNs - nowNs;
    }

    void fire()
    {
        if (waiting && !stopped)
        {
            attempt();
        }
    }

    void stopReconnecting()
    {
        stopped = true;
    }

    void close()
    {
        stopped = true;
        if (null != connection)
        {
            connection.closeOnRequest();
        }
    }
}
