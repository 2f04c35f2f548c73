package io.ringmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StreamChannelTest
{
    private static final int ONE_MIB = 1024 * 1024;
    private static final int SMALL_SOCKET_BUFFER = 16 * 1024;

    private final Transport tcp = Transports.forScheme(Scheme.TCP);
    private final TransportPoller poller = new TransportPoller();
    private StreamListener listener;
    private StreamChannel client;
    private StreamChannel accepted;

    @BeforeEach
    void before()
    {
        listener = tcp.bind(Endpoint.parse(Loopback.IPV4_WILDCARD));
        client = tcp.connect(Endpoint.parse(listener.resolvedEndpoint()));
        accepted = Loopback.accept(listener, client);
    }

    @AfterEach
    void after()
    {
        CloseHelper.closeAll(client, accepted, listener, poller);
    }

    @Test
    void shouldBeNonBlockingWithNoDelayBothEnds() throws IOException
    {
        for (final StreamChannel stream : new StreamChannel[]{ client, accepted })
        {
            final SocketChannel channel = (SocketChannel)stream.channel();
            assertFalse(channel.isBlocking());
            assertTrue(channel.getOption(StandardSocketOptions.TCP_NODELAY));
            assertTrue(stream.isConnected());
        }
        assertEquals(listener.resolvedEndpoint(), client.remoteEndpoint());
    }

    @Test
    void shouldTransferOneMebibyteEachWayWithPartialWrites() throws IOException
    {
        shrinkSocketBuffers(client);
        shrinkSocketBuffers(accepted);
        final Pump fromClient = new Pump(client, 7);
        final Pump fromServer = new Pump(accepted, 13);
        fromClient.key = poller.register(client.channel(), SelectionKey.OP_READ | SelectionKey.OP_WRITE, fromClient);
        fromServer.key = poller.register(accepted.channel(), SelectionKey.OP_READ | SelectionKey.OP_WRITE, fromServer);
        final Consumer<SelectionKey> handler = Pump::onReady;

        while (fromClient.in.hasRemaining() || fromServer.in.hasRemaining())
        {
            poller.select(100, handler);
            Loopback.checkInterrupt();
        }

        assertPattern(fromClient.in, 13);
        assertPattern(fromServer.in, 7);
        assertTrue(fromClient.partialWrites + fromServer.partialWrites > 0, "socket buffers were meant to fill");
    }

    @Test
    void shouldGatherBuffersInOrder()
    {
        final ByteBuffer skipped = direct("not sent");
        final ByteBuffer first = direct("hello, ");
        final ByteBuffer second = direct("world");

        final long written = client.write(new ByteBuffer[]{ skipped, first, second }, 1, 2);

        assertEquals(12, written);
        assertFalse(first.hasRemaining());
        assertFalse(second.hasRemaining());
        assertEquals(8, skipped.remaining());
        assertEquals("hello, world", readString(accepted, 12));
    }

    @Test
    void shouldReadEndOfStreamWhenPeerCloses()
    {
        accepted.close();

        assertEquals(StreamChannel.END_OF_STREAM, readUntilEnd(client));
        assertNull(client.failure(), "an orderly close is not a failure");
    }

    @Test
    void shouldReportResetAsEndOfStreamAndKeepTheCause() throws IOException
    {
        // Linger 0 makes close send RST rather than FIN.
        ((SocketChannel)accepted.channel()).setOption(StandardSocketOptions.SO_LINGER, 0);
        accepted.close();

        assertEquals(StreamChannel.END_OF_STREAM, readUntilEnd(client));
        assertNotNull(client.failure());
        assertFalse(client.channel().isOpen(), "a failed stream closes itself");
        assertFalse(client.isConnected());
    }

    @Test
    void shouldReportEndOfStreamAfterClose()
    {
        client.close();

        assertEquals(StreamChannel.END_OF_STREAM, client.write(direct("late")));
        assertEquals(StreamChannel.END_OF_STREAM, client.write(new ByteBuffer[]{ direct("late") }, 0, 1));
        assertEquals(StreamChannel.END_OF_STREAM, client.read(ByteBuffer.allocateDirect(8)));
    }

    @Test
    void shouldReturnZeroWhenNothingToRead()
    {
        assertEquals(0, client.read(ByteBuffer.allocateDirect(8)));
    }

    @Test
    void shouldTimeOutAndWakeUpPoll()
    {
        final Consumer<SelectionKey> handler = key -> {};
        poller.register(client.channel(), SelectionKey.OP_READ, client);

        final long start = System.nanoTime();
        assertEquals(0, poller.select(50, handler));
        assertTrue(System.nanoTime() - start >= 40_000_000L, "waited for the timeout");

        poller.wakeup();
        final long woken = System.nanoTime();
        assertEquals(0, poller.select(5_000, handler));
        assertTrue(System.nanoTime() - woken < 2_000_000_000L, "wakeup ended the wait");

        accepted.write(direct("x"));
        int handled = 0;
        while (0 == handled)
        {
            handled = poller.select(100, handler);
            Loopback.checkInterrupt();
        }
        assertEquals(1, handled);
    }

    private static final class Pump
    {
        final StreamChannel channel;
        final ByteBuffer out = ByteBuffer.allocateDirect(ONE_MIB);
        final ByteBuffer in = ByteBuffer.allocateDirect(ONE_MIB);
        SelectionKey key;
        int partialWrites;

        Pump(final StreamChannel channel, final int seed)
        {
            this.channel = channel;
            for (int i = 0; i < ONE_MIB; i++)
            {
                out.put(i, pattern(i, seed));
            }
        }

        static void onReady(final SelectionKey key)
        {
            final Pump pump = (Pump)key.attachment();
            if (key.isReadable() && pump.channel.read(pump.in) < 0)
            {
                throw new AssertionError("stream ended early");
            }
            if (key.isValid() && key.isWritable())
            {
                final int before = pump.out.remaining();
                final long written = pump.channel.write(pump.out);
                if (written < 0)
                {
                    throw new AssertionError("stream failed", pump.channel.failure());
                }
                if (written < before)
                {
                    pump.partialWrites++;
                }
                if (!pump.out.hasRemaining())
                {
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
        }
    }

    private static byte pattern(final int index, final int seed)
    {
        return (byte)(index * seed + (index >>> 8));
    }

    private static void assertPattern(final ByteBuffer received, final int seed)
    {
        assertEquals(ONE_MIB, received.position());
        for (int i = 0; i < ONE_MIB; i++)
        {
            if (received.get(i) != pattern(i, seed))
            {
                throw new AssertionError("byte " + i + " differs");
            }
        }
    }

    private static void shrinkSocketBuffers(final StreamChannel stream) throws IOException
    {
        final SocketChannel channel = (SocketChannel)stream.channel();
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SMALL_SOCKET_BUFFER);
        channel.setOption(StandardSocketOptions.SO_RCVBUF, SMALL_SOCKET_BUFFER);
    }

    private static ByteBuffer direct(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    private static String readString(final StreamChannel channel, final int length)
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(length);
        while (buffer.hasRemaining())
        {
            if (channel.read(buffer) < 0)
            {
                throw new AssertionError("stream ended early");
            }
            Loopback.yieldAndCheck();
        }
        buffer.flip();
        final byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static int readUntilEnd(final StreamChannel channel)
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(64);
        int result;
        while ((result = channel.read(buffer)) >= 0)
        {
            buffer.clear();
            Loopback.yieldAndCheck();
        }
        return result;
    }
}
