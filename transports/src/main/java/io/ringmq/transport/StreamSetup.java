package io.ringmq.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;

import org.agrona.CloseHelper;

/**
 * What differs between stream transports once an address is known: how a stream is opened, which options it gets
 * and how an accepted peer is named. Connecting and accepting are written once, here and in
 * {@link StreamListener}, so tcp and ipc streams behave the same apart from these hooks.
 * <p>
 * Control plane only: it allocates.
 */
abstract class StreamSetup
{
    /**
     * @return a new, unconnected channel of this transport's protocol family.
     * @throws IOException if the system cannot open one.
     */
    abstract SocketChannel open() throws IOException;

    /**
     * Set the transport's options on a stream, connecting or accepted, already non-blocking.
     *
     * @param channel the stream.
     * @throws IOException if an option cannot be set.
     */
    abstract void configure(SocketChannel channel) throws IOException;

    /**
     * @param accepted         a stream a listener accepted.
     * @param listenerEndpoint the listener's resolved endpoint.
     * @return the peer as an endpoint string for monitor events.
     * @throws IOException if the peer address cannot be read.
     */
    abstract String acceptedPeer(SocketChannel accepted, String listenerEndpoint) throws IOException;

    /**
     * Start a non-blocking connect. A failure the kernel reports at once (a refusal, a missing ipc socket file) is
     * held back and thrown by {@link StreamChannel#finishConnect()}, so refusal is handled in one place however
     * fast it comes.
     *
     * @param endpoint named in errors and as the channel's remote endpoint.
     * @param address  the address to connect to.
     * @return the connecting, connected or already failed channel.
     * @throws TransportException naming the endpoint when no channel can be opened or the address is unusable.
     */
    final StreamChannel connect(final Endpoint endpoint, final SocketAddress address)
    {
        SocketChannel channel = null;
        try
        {
            channel = open();
            channel.configureBlocking(false);
            configure(channel);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel);
            throw new TransportException("Cannot connect to '" + endpoint + "': " + describe(ex), ex);
        }

        try
        {
            final boolean connected = channel.connect(address);
            if (connected && StreamChannel.isConnectedToItself(channel))
            {
                return new StreamChannel(channel, endpoint.uri(), StreamChannel.connectedToItself());
            }
            return new StreamChannel(channel, endpoint.uri(), connected);
        }
        catch (final IOException ex)
        {
            return new StreamChannel(channel, endpoint.uri(), ex);
        }
        catch (final UnresolvedAddressException | SecurityException ex)
        {
            CloseHelper.quietClose(channel);
            throw new TransportException("Cannot connect to '" + endpoint + "': " + describe(ex), ex);
        }
    }

    /**
     * @return the exception's message, or its type when it has none (many NIO exceptions have none).
     */
    static String describe(final Exception ex)
    {
        return null == ex.getMessage() ? ex.getClass().getSimpleName() : ex.getMessage();
    }

    /**
     * @throws TransportException naming the problem when the endpoint is null or of another scheme.
     */
    static void requireScheme(final Endpoint endpoint, final Scheme scheme)
    {
        if (null == endpoint)
        {
            throw new TransportException("Invalid endpoint null: an endpoint is required");
        }
        if (scheme != endpoint.scheme())
        {
            throw new TransportException("Endpoint '" + endpoint + "' is not a " + scheme.label() + " endpoint");
        }
    }
}
