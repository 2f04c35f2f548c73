package io.ringmq.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LINGER on close. As in libzmq, closing a socket returns at once and its queued messages go on being delivered;
 * closing the context waits for that. With LINGER -1 every queued message reaches its peer, even one that only
 * appears after the close; with a short linger and the peer gone, the context's close returns within the bound.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LingerTest
{
    private static final int MESSAGES = 10_000;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void lingerForeverDeliversEveryQueuedMessage(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.setRcvHWM(0);
            pull.bind("tcp://127.0.0.1:*");
            pull.setReceiveTimeOut(10_000);
            final Socket push = ctx.socket(SocketType.PUSH);
            push.setSndHWM(0);
            push.setLinger(-1);
            push.connect(pull.getLastEndpoint());
            for (int i = 0; i < MESSAGES; i++)
            {
                assertTrue(push.send("m" + i));
            }
            push.close();
            for (int i = 0; i < MESSAGES; i++)
            {
                assertEquals("m" + i, pull.recvStr(), "message " + i + " of " + MESSAGES + "; " + pull.counters());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void lingerForeverWaitsForAPeerThatAppearsAfterTheClose(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL))
        {
            final Socket push = ctx.socket(SocketType.PUSH);
            push.setSndHWM(0);
            push.setLinger(-1);
            push.setReconnectIVL(20);
            pull.bind("tcp://127.0.0.1:*");
            final String endpoint = pull.getLastEndpoint();
            pull.unbind(endpoint);
            push.connect(endpoint);
            for (int i = 0; i < MESSAGES; i++)
            {
                assertTrue(push.send("m" + i));
            }
            push.close();
            Mode.pump(ctx, 100);

            pull.setRcvHWM(0);
            pull.bind(endpoint);
            pull.setReceiveTimeOut(10_000);
            for (int i = 0; i < MESSAGES; i++)
            {
                assertEquals("m" + i, pull.recvStr(), "message " + i + " of " + MESSAGES + "; " + pull.counters());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void closingTheContextWaitsForASocketClosedBeforeItsPeerAppeared(final Mode mode) throws Exception
    {
        // The usual shape: try (Context ctx = ...; Socket push = ...) closes the socket, then the context.
        try (Context receiving = Mode.THREADED.newContext(); Socket pull = receiving.socket(SocketType.PULL))
        {
            pull.bind("tcp://127.0.0.1:*");
            final String endpoint = pull.getLastEndpoint();
            pull.unbind(endpoint);

            final Context sending = mode.newContext();
            final Socket push = sending.socket(SocketType.PUSH);
            push.setLinger(-1);
            push.setReconnectIVL(20);
            push.connect(endpoint);
            for (int i = 0; i < 100; i++)
            {
                assertTrue(push.send("m" + i));
            }
            push.close();
            final Thread binder = new Thread(() ->
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
                pull.bind(endpoint);
            });
            binder.start();
            final long start = System.nanoTime();
            sending.close();
            final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            binder.join();

            assertTrue(tookMs >= 250, "the context closed after " + tookMs + " ms, before the peer appeared");
            pull.setReceiveTimeOut(5_000);
            for (int i = 0; i < 100; i++)
            {
                assertEquals("m" + i, pull.recvStr(), "message " + i + "; " + pull.counters());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shortLingerReturnsInTimeWhenThePeerIsGone(final Mode mode)
    {
        final Context ctx = mode.newContext();
        final Socket pull = ctx.socket(SocketType.PULL);
        final Socket push = ctx.socket(SocketType.PUSH);
        pull.bind("tcp://127.0.0.1:*");
        push.setSndHWM(0);
        push.connect(pull.getLastEndpoint());
        assertTrue(push.send("first"));
        pull.setReceiveTimeOut(5_000);
        assertEquals("first", pull.recvStr());

        // The peer goes away, then more is queued for it.
        pull.close();
        Mode.pump(ctx, 200);
        for (int i = 0; i < 1_000; i++)
        {
            assertTrue(push.send("queued-" + i));
        }
        push.setLinger(200);
        final long start = System.nanoTime();
        ctx.close();
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMs >= 150 && tookMs < 2_000, "close took " + tookMs + " ms with a linger of 200 ms");
    }
}
