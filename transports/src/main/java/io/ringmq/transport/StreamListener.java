package io.ringmq.transport;

import java.io.IOException;
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
    private final ServerSocketChannel channel;
    private final String resolvedEndpoint;
    private final StreamSetup setup;
    private final Runnable afterClose;
    private boolean closed;

    /**
     * @param channel          bound and non-blocking.
     * @param resolvedEndpoint the endpoint as bound.
     * @param setup            the transport's options for accepted streams.
     * @param afterClose       run once after the channel is closed, e.g. to remove an ipc socket file, or null.
     */
    StreamListener(
        final ServerSocketChannel channel,
        final String resolvedEndpoint,
        final StreamSetup setup,
        final Runnable afterClose)
    {
        this.channel = channel;
        this.resolvedEndpoint = resolvedEndpoint;
        this.setup = setup;
        this.afterClose = afterClose;
    }

    /**
     * @return the endpoint as bound, with a wildcard port or ipc path replaced by the real one, e.g.
     * {@code tcp://127.0.0.1:41234} or {@code ipc:///tmp/ringmq-1f2e3d4c5b6a.sock}; what {@code getLastEndpoint()}
     * reports.
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
            setup.configure(accepted);

            return new StreamChannel(accepted, setup.acceptedPeer(accepted, resolvedEndpoint), true);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(accepted);
            throw new TransportException("Cannot accept on '" + resolvedEndpoint + "': " + ex.getMessage(), ex);
        }
    }

    /**
     * Stop listening and release the address (for ipc, remove the socket file). Safe to call more than once;
     * accepted channels stay open.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            CloseHelper.quietClose(channel);
            if (null != afterClose)
            {
                afterClose.run();
            }
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
