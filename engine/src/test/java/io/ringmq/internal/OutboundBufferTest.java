package io.ringmq.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

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
                final OutboundBuffer out = new OutboundBuffer(64 * 1024);
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
}
