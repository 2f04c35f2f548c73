package io.ringmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HANDSHAKE_IVL: a peer that connects and never completes its handshake is disconnected in time, while a good
 * peer on the same socket keeps working.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HandshakeTimeoutTest
{
    @ParameterizedTest
    @EnumSource(Mode.class)
    void silentPeerIsDisconnectedAfterTheHandshakeInterval(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH);
            java.net.Socket silent = new java.net.Socket())
        {
            pull.setHandshakeIvl(200);
            pull.bind("tcp://127.0.0.1:*");
            final int port = Integer.parseInt(pull.getLastEndpoint().substring(pull.getLastEndpoint().lastIndexOf(':') + 1));
            silent.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            silent.setSoTimeout(100);
            final long start = System.nanoTime();

            final InputStream in = silent.getInputStream();
            final byte[] greeting = new byte[64];
            boolean closedByPeer = false;
            int received = 0;
            while (!closedByPeer && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10))
            {
                Mode.pump(ctx, 1);
                try
                {
                    final int read = in.read(greeting, 0, greeting.length);
                    closedByPeer = read < 0;
                    received += Math.max(0, read);
                }
                catch (final java.net.SocketTimeoutException ex)
                {
                    // nothing yet: keep pumping
                }
            }
            final long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(closedByPeer, "silent peer still connected after " + elapsedMs + " ms");
            assertTrue(elapsedMs >= 150, "closed too early: " + elapsedMs + " ms");
            assertTrue(received >= 10, "ringmq sent its greeting first: " + received + " bytes");

            push.connect(pull.getLastEndpoint());
            push.send("still working");
            pull.setReceiveTimeOut(5_000);
            assertEquals("still working", pull.recvStr());
        }
    }
}
