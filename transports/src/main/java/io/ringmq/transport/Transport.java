package io.ringmq.transport;

/**
 * The seam a transport plugs in through: it turns endpoints of its scheme into listeners and streams. Bind and
 * connect are control plane calls and may allocate; they never wait for the network.
 * Implementations are stateless and shared; see {@link Transports}.
 */
public interface Transport
{
    /**
     * @return the scheme this transport serves.
     */
    Scheme scheme();

    /**
     * Bind a non-blocking listener.
     *
     * @param endpoint of this transport's scheme; a wildcard (tcp port, ipc path) is resolved at bind.
     * @return the listener, whose {@link StreamListener#resolvedEndpoint()} names the real address.
     * @throws TransportException naming the endpoint and the cause when it cannot be bound.
     */
    StreamListener bind(Endpoint endpoint);

    /**
     * Start a non-blocking connect. It may complete later: the caller finishes it with
     * {@link StreamChannel#finishConnect()}, which also reports a refused connection.
     *
     * @param endpoint of this transport's scheme, naming a concrete peer.
     * @return the connecting channel.
     * @throws TransportException naming the endpoint when the endpoint cannot be connected to at all.
     */
    StreamChannel connect(Endpoint endpoint);
}
