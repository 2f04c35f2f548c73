package io.ringmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * recv() waits as long as its timeout says: about the timeout, not at all for 0.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TimeoutTest
{
    @ModesAndTransports
    void recvReturnsNullAfterAboutTheTimeout(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.bind(transport.bindEndpoint());
            pull.setReceiveTimeOut(200);
            final long start = System.nanoTime();
            assertNull(pull.recv());
            final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waitedMs >= 195 && waitedMs < 2_000, "waited " + waitedMs + " ms");
        }
    }

    @ModesAndTransports
    void recvWithTimeoutZeroReturnsAtOnce(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.bind(transport.bindEndpoint());
            pull.setReceiveTimeOut(0);
            assertNull(pull.recv());
            final long start = System.nanoTime();
            for (int i = 0; i < 100; i++)
            {
                assertNull(pull.recv());
            }
            final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMs < 200, "100 non-blocking receives took " + tookMs + " ms");
        }
    }

    @ModesAndTransports
    void pollingWithTimeoutZeroEventuallyReceives(final Mode mode, final TestTransport transport)
    {
        // In invoker mode the receiving socket's own calls must move the bytes, even when they do not wait.
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH))
        {
            pull.bind(transport.bindEndpoint());
            pull.setReceiveTimeOut(0);
            push.connect(pull.getLastEndpoint());
            push.send("hello");
            String got = null;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (null == got && System.nanoTime() - deadline < 0)
            {
                got = pull.recvStr();
            }
            assertEquals("hello", got);
        }
    }

    @ModesAndTransports
    void recvReturnsAMessageThatArrivesWithinTheTimeout(final Mode mode, final TestTransport transport) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH))
        {
            pull.bind(transport.bindEndpoint());
            pull.setReceiveTimeOut(5_000);
            push.connect(pull.getLastEndpoint());
            try (Patterns.Worker sender = new Patterns.Worker("push", () ->
            {
                sleep(100);
                push.send("late but in time");
            }))
            {
                assertEquals("late but in time", pull.recvStr());
                sender.join(5_000);
            }
        }
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
