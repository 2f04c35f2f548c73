package io.ringmq.transport;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.agrona.CloseHelper;

/**
 * A bound, non-blocking listener that hands out accepted {@link StreamChannel}s. Accepting is control plane work:
 * it allocates the new channel and its endpoint string.
 * <p>
 * Not thread safe: one I/O agent owns a listener.
 */
public final class StreamListener implements AutoCloseable
{
    private final Scheme scheme;
    private final ServerSocketChannel channel;
    private final String resolvedEndpoint;
    private boolean closed;

    StreamListener(final Scheme scheme, final ServerSocketChannel channel, final String resolvedEndpoint)
    {
        this.scheme = scheme;
        this.channel = channel;
        this.resolvedEndpoint = resolvedEndpoint;
    }

    /**
     * @return the endpoint as bound, with a wildcard port replaced by the real one, e.g.
     * {@code tcp://127.0.0.1:41234}; what {@code getLastEndpoint()} reports.
     */
    public String resolvedEndpoint()
    {
        return resolvedEndpoint;
    }

    /**
     * @return the channel to register with a {@link TransportPoller} for
     * {@link java.nio.channels.SelectionKey#OP_ACCEPT}.
     */
    public SelectableChannel channel()
    {
        return channel;
    }

    /**
     * Accept one pending connection, without waiting.
     *
     * @return a connected, non-blocking channel, or null when none is pending.
     * @throws TransportException naming this listener's endpoint when accepting fails, e.g. out of file
     *                            descriptors; the listener stays usable.
     */
    public StreamChannel accept()
    {
        SocketChannel accepted = null;
        try
        {
            accepted = channel.accept();
            if (null == accepted)
            {
                return null;
            }

            accepted.configureBlocking(false);
            if (Scheme.TCP == scheme)
            {
                accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
                return new StreamChannel(accepted, SocketAddresses.tcpEndpoint(accepted.getRemoteAddress()), true);
            }

            return new StreamChannel(accepted, resolvedEndpoint, true);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(accepted);
            throw new TransportException("Cannot accept on '" + resolvedEndpoint + "': " + ex.getMessage(), ex);
        }
    }

    /**
     * Stop listening. Safe to call more than once; accepted channels stay open.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            CloseHelper.quietClose(channel);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "StreamListener{" + resolvedEndpoint + (closed ? ", closed}" : "}");
    }
}
