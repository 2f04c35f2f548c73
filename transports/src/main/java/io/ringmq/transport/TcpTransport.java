package io.ringmq.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

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
    private static final StreamSetup STREAMS = new TcpStreams();

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
        StreamSetup.requireScheme(endpoint, Scheme.TCP);
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

            return new StreamListener(channel, resolved, STREAMS, null);
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(channel);
            throw new TransportException("Cannot bind '" + endpoint + "': " + StreamSetup.describe(ex), ex);
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
        StreamSetup.requireScheme(endpoint, Scheme.TCP);
        if (endpoint.isAnyHost() || endpoint.isWildcardPort())
        {
            throw new TransportException(
                "Cannot connect to '" + endpoint + "': a connect needs a concrete host and port");
        }

        return STREAMS.connect(endpoint, endpoint.toInetSocketAddress());
    }

    /**
     * Streams of either IP family, with TCP_NODELAY, accepted peers named by their address and port.
     */
    private static final class TcpStreams extends StreamSetup
    {
        @Override
        SocketChannel open() throws IOException
        {
            return SocketChannel.open();
        }

        @Override
        void configure(final SocketChannel channel) throws IOException
        {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }

        @Override
        String acceptedPeer(final SocketChannel accepted, final String listenerEndpoint) throws IOException
        {
            return SocketAddresses.tcpEndpoint(accepted.getRemoteAddress());
        }
    }
}
