package io.ringmq.transport;

/**
 * The registry of transports by scheme. Adding a transport is one {@code register} line in the static block.
 */
public final class Transports
{
    private static final Transport[] BY_SCHEME = new Transport[Scheme.values().length];

    static
    {
        register(new TcpTransport());
        register(new IpcTransport());
    }

    private Transports()
    {
    }

    private static void register(final Transport transport)
    {
        BY_SCHEME[transport.scheme().ordinal()] = transport;
    }

    /**
     * @param scheme of an endpoint.
     * @return the transport serving it.
     * @throws TransportException for inproc, which the engine connects ring to ring, and for schemes without a
     *                            transport yet.
     */
    public static Transport forScheme(final Scheme scheme)
    {
        if (null == scheme)
        {
            throw new TransportException("No transport for scheme null");
        }

        final Transport transport = BY_SCHEME[scheme.ordinal()];
        if (null != transport)
        {
            return transport;
        }
        if (Scheme.INPROC == scheme)
        {
            throw new TransportException(scheme.prefix() + " is handled by the engine, not by a transport");
        }

        throw new TransportException(scheme.prefix() + " is not supported yet");
    }
}
