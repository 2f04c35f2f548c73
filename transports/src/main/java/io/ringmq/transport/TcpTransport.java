package io.ringmq.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;

import org.agrona.CloseHelper;

/**
 * TCP over IPv4 and IPv6 with non-blocking NIO channels. Listeners set SO_REUSEADDR so a restarted process can
 * bind its port again at once; streams set TCP_NODELAY because ZMTP batches for itself and latency comes first.
 */
public final class TcpTransport implements Transport
{
    /**
     * Pending connection queue length, libzmq's ZMQ_BACKLOG default.
     */
    public static final int BACKLOG = 100;

    private static final String ANY_IPV4 = "0.0.0.0";

    /**
     * {@inheritDoc}
     */
    @Override
    public Scheme scheme()
    {
        return Scheme.TCP;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public StreamListener bind(final Endpoint endpoint)
    {
        requireTcp(endpoint);
        final InetSocketAddress address = endpoint.toInetSocketAddress();

        ServerSocketChannel channel = null;
        try
        {
            channel = ServerSocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, BACKLOG);

            final InetSocketAddress bound = (InetSocketAddress)channel.getLocalAddress();
            // The JVM may report the wildcard as "::" on a dual-stack socket; libzmq reports 0.0.0.0.
            final String resolved = endpoint.isAnyHost() ?
                SocketAddresses.tcpEndpoint(ANY_IPV4, bound.getPort()) : SocketAddresses.tcpEndpoint(bound);

            return new StreamListener(Scheme.TCP, channel, resolved);
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(channel);
            throw new TransportException("Cannot bind '" + endpoint + "': " + describe(ex), ex);
        }
    }

    /**
     * {@inheritDoc}
     * <p>
     * A failure the kernel reports at once, such as a refusal on loopback, is held back and thrown by
     * {@link StreamChannel#finishConnect()}, so refusal is handled in one place however fast it comes.
     */
    @Override
    public StreamChannel connect(final Endpoint endpoint)
    {
        requireTcp(endpoint);
        if (endpoint.isAnyHost() || endpoint.isWildcardPort())
        {
            throw new TransportException(
                "Cannot connect to '" + endpoint + "': a connect needs a concrete host and port");
        }
        final InetSocketAddress address = endpoint.toInetSocketAddress();

        SocketChannel channel = null;
        try
        {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel);
            throw new TransportException("Cannot connect to '" + endpoint + "': " + describe(ex), ex);
        }

        try
        {
            final boolean connected = channel.connect(address);
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

    private static void requireTcp(final Endpoint endpoint)
    {
        if (null == endpoint)
        {
            throw new TransportException("Invalid endpoint null: an endpoint is required");
        }
        if (Scheme.TCP != endpoint.scheme())
        {
            throw new TransportException("Endpoint '" + endpoint + "' is not a tcp endpoint");
        }
    }

    private static String describe(final Exception ex)
    {
        return null == ex.getMessage() ? ex.getClass().getSimpleName() : ex.getMessage();
    }
}
