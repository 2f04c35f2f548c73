package io.ringmq.wakeup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.ringmq.Context;
import io.ringmq.RingmqException;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With I/O threads (the default config), a thread waiting for a reply, or waiting for more than a moment, blocks in
 * its socket's agent's selector instead of parking, while the agent's own thread parks: the peer's message then
 * wakes the waiting thread directly. The agent's other sockets must be served meanwhile, two waiting threads must
 * share the selector, and neither an interrupt nor a close may break or hang the thread that leads it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeadingWaitTest
{
    private static final int TIMEOUT_MS = 10_000;

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = TestTransport.class, names = {"TCP", "IPC"})
    void aThreadWaitingForAReplyLeadsTheSelectorAndGetsTheReply(final TestTransport transport) throws Exception
    {
        try (Context ctx = new Context(); Socket rep = ctx.socket(SocketType.REP);
            Socket req = ctx.socket(SocketType.REQ))
        {
            rep.bind(transport.bindEndpoint());
            req.connect(rep.getLastEndpoint());
            rep.setReceiveTimeOut(TIMEOUT_MS);
            req.setReceiveTimeOut(TIMEOUT_MS);
            for (int i = 0; i < 3; i++)
            {
                final String request = "request " + i;
                try (Waiter client = new Waiter(() ->
                {
                    req.send(request);
                    return req.recvStr();
                }))
                {
                    assertEquals(request, rep.recvStr());
                    client.awaitLeading();
                    rep.send("reply " + i);
                    assertEquals("reply " + i, client.result());
                }
            }
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = TestTransport.class, names = {"TCP", "IPC"})
    void whileAThreadLeadsTheAgentServesItsOtherSockets(final TestTransport transport) throws Exception
    {
        try (Context ctx = new Context(); Socket quiet = ctx.socket(SocketType.PULL);
            Socket quietPeer = ctx.socket(SocketType.PUSH))
        {
            quiet.bind(transport.bindEndpoint());
            quietPeer.connect(quiet.getLastEndpoint());
            quiet.setReceiveTimeOut(30_000);
            try (Waiter waiter = new Waiter(quiet::recvStr))
            {
                // Not a reply: the wait parks first and leads once it lasted a millisecond.
                waiter.awaitLeading();

                // Bind, connect, a stream and round trips on other sockets of the same agent, all while it leads.
                try (Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH);
                    Socket rep = ctx.socket(SocketType.REP); Socket req = ctx.socket(SocketType.REQ))
                {
                    pull.bind(transport.bindEndpoint());
                    push.connect(pull.getLastEndpoint());
                    rep.bind(transport.bindEndpoint());
                    req.connect(rep.getLastEndpoint());
                    pull.setReceiveTimeOut(TIMEOUT_MS);
                    rep.setReceiveTimeOut(TIMEOUT_MS);
                    req.setReceiveTimeOut(TIMEOUT_MS);
                    final int count = 10_000;
                    for (int i = 0; i < count; i++)
                    {
                        assertTrue(push.send("m" + i));
                    }
                    for (int i = 0; i < count; i++)
                    {
                        assertEquals("m" + i, pull.recvStr(), "stream message " + i);
                    }
                    for (int i = 0; i < 100; i++)
                    {
                        assertTrue(req.send("q" + i));
                        assertEquals("q" + i, rep.recvStr());
                        assertTrue(rep.send("a" + i));
                        assertEquals("a" + i, req.recvStr(), "round trip " + i);
                    }
                }
                assertTrue(waiter.isAlive(), "the quiet socket's wait went on");
                assertTrue(quietPeer.send("at last"));
                assertEquals("at last", waiter.result());
            }
        }
    }

    @Test
    void twoThreadsWaitingOnOneAgentBothGetEveryMessage() throws Exception
    {
        final int count = 2_000;
        try (Context ctx = new Context(); Socket pullA = ctx.socket(SocketType.PULL);
            Socket pullB = ctx.socket(SocketType.PULL); Socket pushA = ctx.socket(SocketType.PUSH);
            Socket pushB = ctx.socket(SocketType.PUSH))
        {
            pullA.bind(TestTransport.TCP.bindEndpoint());
            pullB.bind(TestTransport.TCP.bindEndpoint());
            pushA.connect(pullA.getLastEndpoint());
            pushB.connect(pullB.getLastEndpoint());
            pullA.setReceiveTimeOut(TIMEOUT_MS);
            pullB.setReceiveTimeOut(TIMEOUT_MS);
            try (Waiter a = new Waiter(() -> receiveInOrder(pullA, count));
                Waiter b = new Waiter(() -> receiveInOrder(pullB, count)))
            {
                final ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < count; i++)
                {
                    assertTrue((random.nextBoolean() ? pushA : pushB).send("x"), "warm");
                }
                for (int i = 0; i < count; i++)
                {
                    // Pauses of up to 3 ms let both waiters block, and lead, between messages.
                    if (random.nextInt(8) == 0)
                    {
                        TimeUnit.MICROSECONDS.sleep(random.nextInt(3_000));
                    }
                    assertTrue(pushA.send("a" + i));
                    assertTrue(pushB.send("b" + i));
                }
                assertNull(a.result(), "socket A");
                assertNull(b.result(), "socket B");
            }
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = TestTransport.class, names = {"TCP", "IPC"})
    void anInterruptedLeaderKeepsItsWaitAndItsConnection(final TestTransport transport) throws Exception
    {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH))
        {
            pull.bind(transport.bindEndpoint());
            push.connect(pull.getLastEndpoint());
            pull.setReceiveTimeOut(TIMEOUT_MS);
            assertTrue(push.send("first"));
            assertEquals("first", pull.recvStr());
            final AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
            try (Waiter waiter = new Waiter(() ->
            {
                final String message = pull.recvStr();
                interruptedAfter.set(Thread.currentThread().isInterrupted());
                Thread.interrupted();
                return message;
            }))
            {
                waiter.awaitLeading();
                waiter.thread.interrupt();
                Thread.sleep(100);
                assertTrue(waiter.isAlive(), "an interrupt does not end a receive's wait");
                assertTrue(push.send("second"));
                assertEquals("second", waiter.result());
                assertTrue(interruptedAfter.get(), "the interrupt stays set for the application");
            }
            // The connection the leader was reading when interrupted still carries messages.
            for (int i = 0; i < 100; i++)
            {
                assertTrue(push.send("after " + i));
                assertEquals("after " + i, pull.recvStr(), "message " + i + " after the interrupt");
            }
        }
    }

    @Test
    void closingTheContextEndsTheWaitOfALeader() throws Exception
    {
        final Context ctx = new Context();
        final Socket pull = ctx.socket(SocketType.PULL);
        pull.bind(TestTransport.TCP.bindEndpoint());
        final AtomicReference<Throwable> ended = new AtomicReference<>();
        final Thread waiter = new Thread(() ->
        {
            try
            {
                pull.recv();
                ended.set(new AssertionError("recv returned"));
            }
            catch (final Throwable ex)
            {
                ended.set(ex);
            }
        }, "waiter");
        waiter.setDaemon(true);
        waiter.start();
        awaitLeading(waiter);
        ctx.close();
        waiter.join(5_000);
        assertFalse(waiter.isAlive(), "the leader's recv returned after the context closed");
        assertTrue(ended.get() instanceof RingmqException, "recv ended with " + ended.get());
    }

    private static String receiveInOrder(final Socket pull, final int count)
    {
        int warm = 0;
        int next = 0;
        while (next < count)
        {
            final String message = pull.recvStr();
            if (null == message)
            {
                return "timed out at " + next + " after " + warm + " warm-up messages";
            }
            if ("x".equals(message))
            {
                warm++;
                continue;
            }
            if (!message.substring(1).equals(Integer.toString(next)))
            {
                return "expected message " + next + ", got " + message;
            }
            next++;
        }
        return null;
    }

    private static void awaitLeading(final Thread thread) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() - deadline < 0)
        {
            for (final StackTraceElement frame : thread.getStackTrace())
            {
                if (frame.getClassName().endsWith(".IoAgent") && frame.getMethodName().equals("lead"))
                {
                    return;
                }
            }
            Thread.sleep(1);
        }
        final StringBuilder stack = new StringBuilder();
        for (final StackTraceElement frame : thread.getStackTrace())
        {
            stack.append("\n\tat ").append(frame);
        }
        fail("the waiting thread did not lead the agent's selector; it is at:" + stack);
    }

    /**
     * A call on its own thread, and its result.
     */
    private static final class Waiter implements AutoCloseable
    {
        private final AtomicReference<Object> outcome = new AtomicReference<>();
        private final Thread thread;

        Waiter(final Supplier<String> call)
        {
            thread = new Thread(() ->
            {
                try
                {
                    outcome.set(new Object[]{ call.get() });
                }
                catch (final Throwable ex)
                {
                    outcome.set(ex);
                }
            }, "waiter-" + System.nanoTime() % 10_000);
            thread.setDaemon(true);
            thread.start();
        }

        void awaitLeading() throws InterruptedException
        {
            LeadingWaitTest.awaitLeading(thread);
        }

        boolean isAlive()
        {
            return thread.isAlive();
        }

        String result() throws InterruptedException
        {
            thread.join(TIMEOUT_MS + 5_000);
            assertFalse(thread.isAlive(), "the waiting call returned");
            final Object result = outcome.get();
            if (result instanceof Throwable)
            {
                throw new AssertionError("the waiting call threw", (Throwable)result);
            }
            return (String)((Object[])result)[0];
        }

        @Override
        public void close()
        {
            try
            {
                thread.join(TIMEOUT_MS + 5_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
