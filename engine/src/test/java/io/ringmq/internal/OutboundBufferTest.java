package io.ringmq.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.ringmq.codec.CommandEncoder;
import io.ringmq.test.AllocationMeter;
import io.ringmq.transport.Endpoint;
import io.ringmq.transport.StreamChannel;
import io.ringmq.transport.Transports;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutboundBufferTest
{
    private static final int BODY = 8;
    private static final int RECORD = 2 + BODY;

    @Test
    void queuedMessagesCountsOnlyMessagesNotYetEntirelyWritten() throws Exception
    {
        try (ServerSocket server = new ServerSocket(0))
        {
            final Endpoint endpoint = Endpoint.parse("tcp://127.0.0.1:" + server.getLocalPort());
            final StreamChannel channel = Transports.forScheme(endpoint.scheme()).connect(endpoint);
            try (Socket peer = server.accept())
            {
                assertTrue(peer.isConnected());
                while (!channel.finishConnect())
                {
                    Thread.onSpinWait();
                }
                final OutboundBuffer out = new OutboundBuffer(64 * 1024, 0);
                final UnsafeBuffer body = new UnsafeBuffer(new byte[BODY]);
                long written = 0;
                long appended = 0;
                // The peer never reads: keep appending and flushing until the kernel stops taking bytes.
                while (appended < 10_000_000)
                {
                    for (int i = 0; i < 1_000; i++)
                    {
                        out.appendFrame(body, 0, BODY, 0);
                    }
                    appended += 1_000;
                    final int n = out.flushTo(channel);
                    written += n;
                    if (n == 0)
                    {
                        break;
                    }
                    assertEquals(appended - written / RECORD, out.queuedMessages(), "after writing " + written);
                }
                assertTrue(written > 0 && !out.isEmpty(), "the kernel took some bytes, not all");
                assertEquals(appended - written / RECORD, out.queuedMessages(),
                    "messages left after the kernel took " + written + " bytes");
            }
            finally
            {
                channel.close();
            }
        }
    }

    /**
     * The commands the engine sends after the handshake go through the buffer's own methods, encoded as the codec
     * encodes them, and do not count against the high-water mark.
     */
    @Test
    void commandsAreEncodedAsTheCodecEncodesThemAndAreNotCountedAsMessages()
    {
        final OutboundBuffer out = new OutboundBuffer(1024, 0);
        final UnsafeBuffer context = new UnsafeBuffer("ctx".getBytes(StandardCharsets.US_ASCII));
        final UnsafeBuffer prefix = new UnsafeBuffer("topic".getBytes(StandardCharsets.US_ASCII));
        out.appendPing(50);
        out.appendPong(context, 0, 3);
        out.appendSubscription(true, true, prefix, 0, 5);
        out.appendSubscription(false, false, prefix, 0, 5);

        final UnsafeBuffer expected = new UnsafeBuffer(new byte[1024]);
        int at = CommandEncoder.ping(expected, 0, 50, null, 0, 0);
        at += CommandEncoder.pong(expected, at, context, 0, 3);
        at += CommandEncoder.subscription(expected, at, true, true, prefix, 0, 5);
        at += CommandEncoder.subscription(expected, at, false, false, prefix, 0, 5);

        assertEquals(at, out.pendingBytes());
        final byte[] wanted = new byte[at];
        final byte[] written = new byte[at];
        expected.getBytes(0, wanted);
        out.buffer().getBytes(0, written);
        assertArrayEquals(wanted, written);
        assertEquals(0, out.queuedMessages(), "commands are not messages");
    }

    @Test
    void backlogUpToTheExpectedMessageCountAllocatesNothing()
    {
        final int expected = 20_000;
        final OutboundBuffer out = new OutboundBuffer(expected * RECORD, expected);
        final UnsafeBuffer body = new UnsafeBuffer(new byte[BODY]);
        final AllocationMeter meter = new AllocationMeter();
        meter.start();
        for (int i = 0; i < expected; i++)
        {
            out.appendFrame(body, 0, BODY, 0);
        }
        final long allocated = meter.stop();
        assertEquals(expected, out.queuedMessages());
        // The record of message ends would have doubled from 64 to 32768 entries on the way (over 500 KiB).
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes; " + meter.breakdown());
    }
}
