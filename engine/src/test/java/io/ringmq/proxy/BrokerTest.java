package io.ringmq.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.ringmq.Context;
import io.ringmq.Proxy;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The classic ZeroMQ broker: REQ clients -> ROUTER | proxy | DEALER -> REP workers. Every client checks that
 * each reply answers its own request, so a reply routed to the wrong client, lost or duplicated fails the test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrokerTest
{
    private static final int CLIENTS = 8;
    private static final int WORKERS = 4;
    private static final int REQUESTS = 100_000;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyReplyReachesTheClientThatAsked(final Mode mode) throws Exception
    {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicLong handled = new AtomicLong();
        try (Context ctx = mode.newContext())
        {
            final Socket frontend = ctx.socket(SocketType.ROUTER);
            final Socket backend = ctx.socket(SocketType.DEALER);
            frontend.bind("tcp://127.0.0.1:*");
            backend.bind("tcp://127.0.0.1:*");
            final Thread broker = new Thread(() -> Proxy.proxy(frontend, backend, null), "broker");
            broker.start();

            final List<Thread> threads = new ArrayList<>();
            final List<Socket> workerSockets = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++)
            {
                final Socket rep = ctx.socket(SocketType.REP);
                rep.setReceiveTimeOut(100);
                rep.connect(backend.getLastEndpoint());
                workerSockets.add(rep);
                threads.add(start("worker-" + w, failure, () ->
                {
                    while (!Thread.currentThread().isInterrupted())
                    {
                        final byte[] request = rep.recv();
                        if (null != request)
                        {
                            rep.send(request);
                            handled.incrementAndGet();
                        }
                    }
                }));
            }

            final List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++)
            {
                final int client = c;
                final Socket req = ctx.socket(SocketType.REQ);
                req.setReceiveTimeOut(20_000);
                req.connect(frontend.getLastEndpoint());
                clients.add(start("client-" + c, failure, () ->
                {
                    for (int i = 0; i < REQUESTS / CLIENTS; i++)
                    {
                        final String request = client + ":" + i;
                        req.send(request);
                        assertEquals(request, req.recvStr(), "reply to client " + client + " request " + i);
                    }
                    req.close();
                }));
            }
            for (final Thread client : clients)
            {
                client.join();
            }
            for (final Thread thread : threads)
            {
                thread.interrupt();
                thread.join();
            }
            broker.interrupt();
            broker.join(10_000);
            assertNull(failure.get(), () -> "failed: " + failure.get());
            assertEquals(REQUESTS, handled.get(), "requests handled by the workers, each once");
        }
    }

    private static Thread start(final String name, final AtomicReference<Throwable> failure, final Runnable body)
    {
        final Thread thread = new Thread(() ->
        {
            try
            {
                body.run();
            }
            catch (final Throwable ex)
            {
                failure.compareAndSet(null, ex);
            }
        }, name);
        thread.start();
        return thread;
    }
}
