package io.ringmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An interrupted application thread (the usual way to stop a worker) must not break a socket or its context, the
 * failure JeroMQ users report most: the calls of an interrupted thread time out as usual, leave the interrupt set,
 * and every socket, on that thread and others, keeps working afterwards; close does not hang.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InterruptTest
{
    @ParameterizedTest
    @EnumSource(Mode.class)
    void anInterruptedThreadLeavesItsSocketsWorking(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket push = ctx.socket(SocketType.PUSH);
            Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.getLastEndpoint());
            pull.setReceiveTimeOut(5_000);
            assertTrue(push.send("before"));
            assertEquals("before", pull.recvStr());

            // A worker thread, interrupted while it waits, runs the context's I/O in invoker mode.
            final Thread worker = new Thread(() ->
            {
                Thread.currentThread().interrupt();
                pull.setReceiveTimeOut(50);
                for (int i = 0; i < 20; i++)
                {
                    assertNull(pull.recvStr());
                    ctx.invoke();
                }
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is the application's to keep");
            }, "interrupted-worker");
            worker.start();
            worker.join();

            pull.setReceiveTimeOut(5_000);
            for (int i = 0; i < 100; i++)
            {
                assertTrue(push.send("after-" + i));
            }
            for (int i = 0; i < 100; i++)
            {
                assertEquals("after-" + i, pull.recvStr(), "after the interrupt");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anInterruptedThreadCanSendReceiveAndClose(final Mode mode)
    {
        final Context ctx = mode.newContext();
        try
        {
            final Socket req = ctx.socket(SocketType.REQ);
            final Socket rep = ctx.socket(SocketType.REP);
            rep.bind("tcp://127.0.0.1:*");
            req.connect(rep.getLastEndpoint());
            req.setReceiveTimeOut(5_000);
            rep.setReceiveTimeOut(5_000);

            Thread.currentThread().interrupt();
            for (int i = 0; i < 100; i++)
            {
                assertTrue(req.send("ping-" + i));
                assertEquals("ping-" + i, rep.recvStr());
                assertTrue(rep.send("pong-" + i));
                assertEquals("pong-" + i, req.recvStr());
            }
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is the application's to keep");
        }
        finally
        {
            ctx.close();
            Thread.interrupted();
        }
    }
}
