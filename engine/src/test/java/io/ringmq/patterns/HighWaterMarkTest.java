package io.ringmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;

/**
 * PUSH blocks or times out at its high-water mark, as ZeroMQ documents, and what it queued is delivered once a
 * peer arrives.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HighWaterMarkTest
{
    @ModesAndTransports
    void pushWithoutPeerQueuesUpToItsHighWaterMarkThenTimesOutThenDeliversToALatePeer(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket push = ctx.socket(SocketType.PUSH))
        {
            push.setSndHWM(10);
            push.setSendTimeOut(0);
            push.bind(transport.bindEndpoint());

            int queued = 0;
            while (queued < 1_000 && push.send("m" + queued))
            {
                queued++;
            }
            assertEquals(10, queued, "messages queued before send would block");

            push.setSendTimeOut(100);
            final long start = System.nanoTime();
            assertFalse(push.send("late"));
            final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waitedMs >= 95 && waitedMs < 1_000, "send with a 100 ms timeout waited " + waitedMs + " ms");

            try (Socket pull = ctx.socket(SocketType.PULL))
            {
                pull.setReceiveTimeOut(5_000);
                pull.connect(push.getLastEndpoint());
                for (int i = 0; i < queued; i++)
                {
                    assertEquals("m" + i, pull.recvStr());
                }
                push.setSendTimeOut(1_000);
                assertTrue(push.send("after"));
                assertEquals("after", pull.recvStr());
            }
        }
    }

    @ModesAndTransports
    void zeroHighWaterMarksMeanNoLimit(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH))
        {
            pull.setRcvHWM(0);
            pull.setReceiveTimeOut(5_000);
            push.setSndHWM(0);
            pull.bind(transport.bindEndpoint());
            push.connect(pull.getLastEndpoint());
            for (int i = 0; i < 5_000; i++)
            {
                assertTrue(push.send("m" + i));
            }
            for (int i = 0; i < 5_000; i++)
            {
                assertEquals("m" + i, pull.recvStr());
            }
        }
    }

    @ModesAndTransports
    void pushBlocksWhileItsPeerDoesNotReadAndResumesWhenItDoes(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH))
        {
            pull.setRcvHWM(10);
            pull.setReceiveTimeOut(5_000);
            push.setSndHWM(10);
            push.setSendTimeOut(0);
            // The last message is never read: the PULL may close before it arrives, and it is not worth a linger.
            push.setLinger(0);
            pull.bind(transport.bindEndpoint());
            push.connect(pull.getLastEndpoint());

            // Fill the pipe: queues on both sides and the kernel's buffers between them.
            final byte[] body = new byte[1_000];
            int sent = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int refusals = 0;
            while (refusals < 50 && System.nanoTime() - deadline < 0)
            {
                body[0] = (byte)sent;
                if (push.send(body))
                {
                    sent++;
                    refusals = 0;
                }
                else
                {
                    refusals++;
                    Patterns.pause(ctx, 2);
                }
            }
            assertEquals(50, refusals, "send kept refusing once the peer stopped reading");
            assertTrue(sent < 100_000, "sent " + sent + " before blocking");

            for (int i = 0; i < sent; i++)
            {
                final byte[] frame = pull.recv();
                assertEquals((byte)i, frame[0], "message " + i);
            }
            assertTrue(push.send(body), "send resumes once the peer reads");
        }
    }
}
