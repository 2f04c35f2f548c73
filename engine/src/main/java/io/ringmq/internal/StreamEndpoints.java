package io.ringmq.internal;

import java.util.HashMap;
import java.util.Map;

import io.ringmq.RingmqException;
import io.ringmq.SocketEvent;
import io.ringmq.transport.Endpoint;
import io.ringmq.transport.StreamListener;
import io.ringmq.transport.TransportException;
import io.ringmq.transport.Transports;

/**
 * A socket's tcp and ipc endpoints on its I/O agent: the listeners it bound, by resolved endpoint, and the
 * endpoints it connects to, each redialled for as long as the socket lives. Control plane only: it may allocate.
 */
final class StreamEndpoints
{
    private final SocketCore core;
    private final Map<String, Acceptor> acceptors = new HashMap<>();
    private final Map<String, Connector> connectors = new HashMap<>();

    StreamEndpoints(final SocketCore core)
    {
        this.core = core;
    }

    /**
     * @return the resolved endpoint (a port chosen for {@code *}, an ipc path made for {@code ipc://*}).
     * @throws RingmqException naming the endpoint when it does not parse or cannot be bound.
     */
    String bind(final String uri)
    {
        final Endpoint endpoint = parse(uri);
        final StreamListener listener;
        try
        {
            listener = Transports.forScheme(endpoint.scheme()).bind(endpoint);
        }
        catch (final TransportException ex)
        {
            core.emit(SocketEvent.BIND_FAILED, 0, uri);
            throw new RingmqException(ex.getMessage(), ex);
        }
        final Acceptor acceptor = new Acceptor(core, listener);
        acceptor.register(core.agent());
        acceptors.put(listener.resolvedEndpoint(), acceptor);
        core.emit(SocketEvent.LISTENING, 0, listener.resolvedEndpoint());
        return listener.resolvedEndpoint();
    }

    /**
     * @throws RingmqException naming the endpoint when it does not parse or names no transport.
     */
    void connect(final String uri)
    {
        final Endpoint endpoint = parse(uri);
        Transports.forScheme(endpoint.scheme());
        final Connector connector = new Connector(core, endpoint);
        connectors.put(uri, connector);
        connector.attempt();
    }

    /**
     * Close a listener and the connections it accepted.
     */
    void unbind(final String uri)
    {
        final Acceptor acceptor = acceptors.remove(uri);
        if (null == acceptor)
        {
            throw new RingmqException("endpoint is not bound: " + uri);
        }
        acceptor.close();
    }

    /**
     * Stop connecting to an endpoint and close its connection.
     */
    void disconnect(final String uri)
    {
        final Connector connector = connectors.remove(uri);
        if (null == connector)
        {
            throw new RingmqException("endpoint is not connected: " + uri);
        }
        connector.close();
    }

    /**
     * @return true while the socket connects to some endpoint: a peer may still come for what it queued.
     */
    boolean connectsAnywhere()
    {
        return !connectors.isEmpty();
    }

    /**
     * Closing begins: take no new peers.
     */
    void stopListening()
    {
        for (final Acceptor acceptor : acceptors.values())
        {
            acceptor.closeListener();
        }
    }

    /**
     * Closing with nothing to deliver: dial no more.
     */
    void stopReconnecting()
    {
        for (final Connector connector : connectors.values())
        {
            connector.stopReconnecting();
        }
    }

    /**
     * Closing is done: close every listener and connector, and forget them.
     */
    void closeAll()
    {
        for (final Acceptor acceptor : acceptors.values())
        {
            acceptor.close();
        }
        for (final Connector connector : connectors.values())
        {
            connector.close();
        }
        acceptors.clear();
        connectors.clear();
    }

    private static Endpoint parse(final String uri)
    {
        try
        {
            return Endpoint.parse(uri);
        }
        catch (final TransportException ex)
        {
            throw new RingmqException(ex.getMessage(), ex);
        }
    }
}
