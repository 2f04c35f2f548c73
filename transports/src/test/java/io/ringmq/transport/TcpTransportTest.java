package io.ringmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;

import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TcpTransportTest
{
    private final Transport tcp = Transports.forScheme(Scheme.TCP);
    private final TransportPoller poller = new TransportPoller();
    private StreamListener listener;
    private StreamListener otherListener;
    private StreamChannel client;
    private StreamChannel accepted;

    @AfterEach
    void after()
    {
        CloseHelper.closeAll(client, accepted, listener, otherListener, poller);
    }

    @Test
    void shouldRegisterTcpAndExplainInproc()
    {
        assertInstanceOf(TcpTransport.class, tcp);
        assertEquals(Scheme.TCP, tcp.scheme());

        final TransportException inproc = assertThrows(
            TransportException.class, () -> Transports.forScheme(Scheme.INPROC));
        assertTrue(inproc.getMessage().contains("inproc://") && inproc.getMessage().contains("handled by the engine"));
    }

    @Test
    void shouldResolveWildcardPortAtBind()
    {
        listener = tcp.bind(Endpoint.parse(Loopback.IPV4_WILDCARD));

        final String resolved = listener.resolvedEndpoint();
        assertTrue(resolved.matches("tcp://127\\.0\\.0\\.1:\\d+"), resolved);
        final Endpoint endpoint = Endpoint.parse(resolved);
        assertTrue(endpoint.port() > 0);
        assertInstanceOf(ServerSocketChannel.class, listener.channel());
        assertFalse(listener.channel().isBlocking());
    }

    @Test
    void shouldGiveTwoListenersDifferentPorts()
    {
        listener = tcp.bind(Endpoint.parse(Loopback.IPV4_WILDCARD));
        otherListener = tcp.bind(Endpoint.parse(Loopback.IPV4_WILDCARD));

        assertNotEquals(listener.resolvedEndpoint(), otherListener.resolvedEndpoint());
    }

    @Test
    void shouldNameEndpointWhenPortInUse()
    {
        listener = tcp.bind(Endpoint.parse(Loopback.IPV4_WILDCARD));
        final String inUse = listener.resolvedEndpoint();

        final TransportException ex = assertThrows(TransportException.class, () -> tcp.bind(Endpoint.parse(inUse)));

        assertTrue(ex.getMessage().contains(inUse), ex.getMessage());
        assertInstanceOf(IOException.class, ex.getCause());
    }

    @Test
    void shouldNameEndpointWhenAddressIsNotLocal()
    {
        // 192.0.2.0/24 is reserved for documentation (RFC 5737), so it is never a local address.
        final String foreign = "tcp://192.0.2.1:*";

        final TransportException ex = assertThrows(TransportException.class, () -> tcp.bind(Endpoint.parse(foreign)));

        assertTrue(ex.getMessage().contains(foreign), ex.getMessage());
    }

    @Test
    void shouldReportAllInterfacesAsLibzmqDoes()
    {
        listener = tcp.bind(Endpoint.parse("tcp://*:*"));

        final int port = Endpoint.parse(listener.resolvedEndpoint()).port();
        assertEquals("tcp://0.0.0.0:" + port, listener.resolvedEndpoint());

        client = tcp.connect(Endpoint.parse("tcp://127.0.0.1:" + port));
        accepted = Loopback.accept(listener, client);
        assertTrue(client.isConnected());
    }

    @Test
    void shouldBindAndConnectOverIpv6Loopback()
    {
        Assumptions.assumeTrue(ipv6LoopbackBindable(), "no IPv6 loopback");
        listener = tcp.bind(Endpoint.parse("tcp://[::1]:*"));

        final String resolved = listener.resolvedEndpoint();
        assertTrue(resolved.matches("tcp://\\[::1]:\\d+"), resolved);

        client = tcp.connect(Endpoint.parse(resolved));
        accepted = Loopback.accept(listener, client);
        assertEquals(resolved, client.remoteEndpoint());
        assertTrue(accepted.remoteEndpoint().startsWith("tcp://[::1]:"), accepted.remoteEndpoint());
    }

    @Test
    void shouldRefuseThenConnectOnceListenerIsBound()
    {
        listener = tcp.bind(Endpoint.parse(Loopback.IPV4_WILDCARD));
        final String address = listener.resolvedEndpoint();
        listener.close();

        final StreamChannel refused = tcp.connect(Endpoint.parse(address));
        try
        {
            if (refused.channel().isOpen())
            {
                poller.register(refused.channel(), SelectionKey.OP_CONNECT, refused);
            }
            final TransportException ex = assertThrows(TransportException.class, () -> awaitConnect(refused));
            assertTrue(ex.getMessage().contains(address), ex.getMessage());
            assertFalse(refused.isConnected());
            assertFalse(refused.channel().isOpen());
            assertNotNull(refused.failure());
            assertThrows(TransportException.class, refused::finishConnect, "failure is sticky");
        }
        finally
        {
            refused.close();
        }

        listener = tcp.bind(Endpoint.parse(address));
        assertEquals(address, listener.resolvedEndpoint());
        client = tcp.connect(Endpoint.parse(address));
        accepted = Loopback.accept(listener, client);

        assertTrue(client.isConnected());
        assertTrue(accepted.isConnected());
        assertEquals(address, client.remoteEndpoint());
        assertTrue(accepted.remoteEndpoint().startsWith("tcp://127.0.0.1:"), accepted.remoteEndpoint());
        assertNull(listener.accept(), "nothing else is pending");
    }

    @Test
    void shouldRejectConnectToWildcards()
    {
        for (final String uri : new String[]{ "tcp://*:5555", "tcp://127.0.0.1:*" })
        {
            final TransportException ex = assertThrows(
                TransportException.class, () -> tcp.connect(Endpoint.parse(uri)));
            assertTrue(ex.getMessage().contains(uri), ex.getMessage());
        }
    }

    @Test
    void shouldRejectOtherSchemes()
    {
        final TransportException ex = assertThrows(
            TransportException.class, () -> tcp.bind(Endpoint.parse("ipc:///tmp/x")));

        assertTrue(ex.getMessage().contains("ipc:///tmp/x"), ex.getMessage());
    }

    @Test
    void shouldCloseIdempotently()
    {
        listener = tcp.bind(Endpoint.parse(Loopback.IPV4_WILDCARD));
        client = tcp.connect(Endpoint.parse(listener.resolvedEndpoint()));
        accepted = Loopback.accept(listener, client);

        client.close();
        client.close();
        listener.close();
        listener.close();

        assertFalse(client.isConnected());
        assertFalse(listener.channel().isOpen());
    }

    private void awaitConnect(final StreamChannel channel)
    {
        while (!channel.finishConnect())
        {
            poller.select(10, key -> {});
            Loopback.checkInterrupt();
        }
    }

    private static boolean ipv6LoopbackBindable()
    {
        try (ServerSocketChannel probe = ServerSocketChannel.open())
        {
            probe.bind(new InetSocketAddress("::1", 0));
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
