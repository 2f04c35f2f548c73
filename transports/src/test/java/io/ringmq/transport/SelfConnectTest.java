package io.ringmq.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A tcp connect to a local port nobody listens on can get that same port as its source and connect to itself
 * (a simultaneous open). Reconnecting to a bound endpoint while it is down does this now and then, and the stream
 * would then greet itself and keep the port from the listener coming back. Binding the connecting socket to the
 * port it dials makes it happen every time: the connect must fail, as a refused one does.
 */
@Timeout(10)
class SelfConnectTest
{
    @Test
    void aConnectThatReachesItselfFails() throws Exception
    {
        final int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = probe.getLocalPort();
        }
        final InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        final SocketChannel socket = SocketChannel.open();
        socket.bind(address);
        socket.configureBlocking(false);
        final boolean connectedAtOnce = socket.connect(address);
        final StreamChannel stream = new StreamChannel(socket, "tcp://127.0.0.1:" + port, connectedAtOnce);
        assertTrue(StreamChannel.isConnectedToItself(socket) || !connectedAtOnce, "the kernel let it connect to itself");

        final TransportException failure = assertThrows(TransportException.class, () ->
        {
            final long deadline = System.nanoTime() + 5_000_000_000L;
            while (!stream.finishConnect() && System.nanoTime() - deadline < 0)
            {
                Thread.onSpinWait();
            }
        });
        assertTrue(failure.getMessage().contains("tcp://127.0.0.1:" + port), failure.getMessage());
        assertTrue(failure.getMessage().contains("itself"), failure.getMessage());
        assertFalse(stream.isConnected());
        assertFalse(socket.isOpen(), "the failed stream is closed, so the port is free again");
    }
}
