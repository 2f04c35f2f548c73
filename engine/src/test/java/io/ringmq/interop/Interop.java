package io.ringmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.ringmq.Context;
import io.ringmq.Counter;
import io.ringmq.CounterReader;
import io.ringmq.Socket;
import io.ringmq.test.Mode;
import org.junit.jupiter.params.provider.Arguments;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMonitor;
import org.zeromq.ZMQ;

/**
 * Shared plumbing for the JeroMQ interop tests: which side binds, JeroMQ sockets that never hang a test, and
 * waiting on JeroMQ while a ringmq context in invoker mode keeps its I/O running.
 */
public final class Interop
{
    /** Generous bound for one expected message; a test's class timeout bounds the whole. */
    static final long RECEIVE_TIMEOUT_MS = 5_000;

    /** How long JeroMQ may take to greet before it is taken to have left its connection silent. */
    private static final long REDIAL_AFTER_MS = 2_000;

    private static final AtomicInteger MONITORS = new AtomicInteger();

    /**
     * Which end listens.
     */
    public enum Side
    {
        RINGMQ_BINDS,
        JEROMQ_BINDS
    }

    private Interop()
    {
    }

    /**
     * @return every mode with every binding side, for {@code @MethodSource}.
     */
    static Stream<Arguments> cases()
    {
        final Stream.Builder<Arguments> cases = Stream.builder();
        for (final Mode mode : Mode.values())
        {
            for (final Side side : Side.values())
            {
                cases.add(Arguments.of(mode, side));
            }
        }
        return cases.build();
    }

    /**
     * A JeroMQ socket that drops what it holds on close and waits at most a millisecond per receive call, so the
     * helpers below can interleave its waits with the ringmq context's I/O.
     */
    static ZMQ.Socket jeromq(final ZContext zctx, final SocketType type)
    {
        final ZMQ.Socket socket = zctx.createSocket(type);
        socket.setLinger(0);
        // Should a connection ever stall in its handshake, a short interval makes JeroMQ drop and redial it instead
        // of waiting 30 s.
        socket.setHandshakeIvl(300);
        socket.setReceiveTimeOut(1);
        socket.setSendTimeOut((int)RECEIVE_TIMEOUT_MS);
        return socket;
    }

    /**
     * A ringmq socket whose waits are bounded.
     */
    static Socket ringmq(final Context ctx, final io.ringmq.SocketType type)
    {
        final Socket socket = ctx.socket(type);
        socket.setReceiveTimeOut((int)RECEIVE_TIMEOUT_MS);
        socket.setSendTimeOut((int)RECEIVE_TIMEOUT_MS);
        socket.setLinger(1_000);
        // Should a connection ever stall in its handshake, ringmq closes it and a connecting side redials.
        socket.setHandshakeIvl(500);
        return socket;
    }

    /**
     * Bind one end on a free loopback port, connect the other to it, and wait until both ends completed the ZMTP
     * handshake: JeroMQ reports it through its monitor, ringmq through its HANDSHAKES counter (running the ringmq
     * context's I/O meanwhile, for invoker mode).
     *
     * <p>JeroMQ 0.6.0 stalls for good (never writes, never reads again) when a peer's whole greeting reaches it
     * before it wrote its own signature; ringmq therefore stages its greeting as libzmq does
     * ({@code StagedGreetingSendTest}). Should a JeroMQ connection still stall, the test does not hang on it: when
     * JeroMQ is the connecting side and ringmq has not completed a handshake within {@link #REDIAL_AFTER_MS}, JeroMQ
     * disconnects and connects again, reported on standard error; when ringmq connects, its own handshake interval
     * redials.
     */
    public static void link(final ZContext zctx, final Side side, final Socket ringmq, final ZMQ.Socket jeromq)
    {
        final String monitorEndpoint = "inproc://interop-monitor-" + MONITORS.incrementAndGet();
        assertTrue(jeromq.monitor(monitorEndpoint, ZMQ.EVENT_HANDSHAKE_PROTOCOL));
        final ZMQ.Socket events = zctx.createSocket(SocketType.PAIR);
        final long handshakesBefore = ringmq.getCounter(Counter.HANDSHAKES);
        try
        {
            assertTrue(events.connect(monitorEndpoint));
            final String endpoint;
            if (side == Side.RINGMQ_BINDS)
            {
                ringmq.bind("tcp://127.0.0.1:*");
                endpoint = ringmq.getLastEndpoint();
                assertTrue(jeromq.connect(endpoint));
            }
            else
            {
                assertTrue(jeromq.bind("tcp://127.0.0.1:*"));
                endpoint = jeromq.getLastEndpoint();
                ringmq.connect(endpoint);
            }
            awaitHandshake(side, ringmq, handshakesBefore, jeromq, events, endpoint);
        }
        finally
        {
            jeromq.monitor(null, 0);
            events.close();
        }
    }

    private static void awaitHandshake(
        final Side side, final Socket ringmq, final long handshakesAtStart, final ZMQ.Socket jeromq,
        final ZMQ.Socket events, final String endpoint)
    {
        long handshakesBefore = handshakesAtStart;
        final Context ctx = ringmq.getContext();
        final long start = System.nanoTime();
        long redialAt = start + TimeUnit.MILLISECONDS.toNanos(REDIAL_AFTER_MS);
        boolean jeromqDone = false;
        while (true)
        {
            final ZEvent event = ZEvent.recv(events, ZMQ.DONTWAIT);
            jeromqDone |= null != event && event.getEvent() == ZMonitor.Event.HANDSHAKE_PROTOCOL;
            final boolean ringmqDone = ringmq.getCounter(Counter.HANDSHAKES) > handshakesBefore &&
                everyConnectionHandshaken(ringmq);
            if (jeromqDone && ringmqDone)
            {
                return;
            }
            if (null == event && ctx.invoke() == 0)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            final long now = System.nanoTime();
            if (now - start > TimeUnit.MILLISECONDS.toNanos(RECEIVE_TIMEOUT_MS * 2))
            {
                dumpThreads();
                fail("no ZMTP handshake between ringmq and JeroMQ on " + endpoint + " (JeroMQ done: " + jeromqDone +
                    ", ringmq done: " + ringmqDone + "); " + ringmq.counters());
            }
            if (side == Side.RINGMQ_BINDS && now - redialAt > 0)
            {
                System.err.println("JeroMQ left its connection to " + endpoint + " silent (JeroMQ done: " +
                    jeromqDone + "); redialing");
                assertTrue(jeromq.disconnect(endpoint));
                // The silent connection may have completed on ringmq's side: only a handshake of the new one counts.
                handshakesBefore = ringmq.getCounter(Counter.HANDSHAKES);
                assertTrue(jeromq.connect(endpoint));
                jeromqDone = false;
                redialAt = now + TimeUnit.MILLISECONDS.toNanos(REDIAL_AFTER_MS);
            }
        }
    }

    /**
     * A JeroMQ connection left silent can still complete its handshake when JeroMQ closes it for a redial (its
     * stuck greeting goes out on close), so a rise in the socket's handshake count alone may be the old connection:
     * the link is up when every connection ringmq has now completed its handshake.
     */
    private static boolean everyConnectionHandshaken(final Socket ringmq)
    {
        boolean any = false;
        for (final CounterReader connection : ringmq.connectionCounters())
        {
            if (connection.label().startsWith("inproc://"))
            {
                continue; // an inproc pipe has no handshake
            }
            if (connection.get(Counter.HANDSHAKES) == 0)
            {
                return false;
            }
            any = true;
        }
        return any;
    }

    /**
     * Receive a frame on a JeroMQ socket, running the ringmq context's I/O meanwhile.
     *
     * @return the frame, or null after {@code timeoutMs}.
     */
    static byte[] recv(final Context ctx, final ZMQ.Socket socket, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true)
        {
            byte[] frame = socket.recv(ZMQ.DONTWAIT);
            if (null == frame && ctx.invoke() == 0)
            {
                frame = socket.recv();
            }
            if (null != frame)
            {
                return frame;
            }
            if (System.nanoTime() - deadline > 0)
            {
                return null;
            }
        }
    }

    /**
     * Receive a frame that must arrive.
     */
    static byte[] mustRecv(final Context ctx, final ZMQ.Socket socket)
    {
        final byte[] frame = recv(ctx, socket, RECEIVE_TIMEOUT_MS);
        assertNotNull(frame, "JeroMQ received nothing in time");
        return frame;
    }

    /**
     * Receive a UTF-8 frame that must arrive.
     */
    static String mustRecvStr(final Context ctx, final ZMQ.Socket socket)
    {
        return new String(mustRecv(ctx, socket), StandardCharsets.UTF_8);
    }

    /**
     * Receive a frame on a ringmq socket that must arrive.
     */
    static byte[] mustRecv(final Socket socket)
    {
        final byte[] frame = socket.recv();
        if (null == frame)
        {
            fail(nothingReceived(socket));
        }
        return frame;
    }

    /**
     * Receive a UTF-8 frame on a ringmq socket that must arrive.
     */
    static String mustRecvStr(final Socket socket)
    {
        return new String(mustRecv(socket), StandardCharsets.UTF_8);
    }

    /**
     * @return the failure message for a receive that timed out, with the socket's and its connections' counters,
     * which tell a message that never reached ringmq from one that arrived and was not delivered.
     */
    private static String nothingReceived(final Socket socket)
    {
        dumpThreads();
        return "ringmq received nothing in time; " + socket.counters() + "; connections " +
            socket.connectionCounters();
    }

    private static void dumpThreads()
    {
        for (final java.lang.management.ThreadInfo info :
            java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
        {
            final StringBuilder text = new StringBuilder("THREAD ").append(info.getThreadName()).append(' ')
                .append(info.getThreadState()).append('\n');
            for (final StackTraceElement frame : info.getStackTrace())
            {
                text.append("    at ").append(frame).append('\n');
            }
            System.err.print(text);
        }
    }

    /**
     * Receive a frame on a ringmq socket that must arrive, while prodding a JeroMQ socket: JeroMQ attaches an
     * accepted connection (and sends a SUB's stored subscriptions over it) only inside a call on its socket.
     */
    static byte[] mustRecv(final Socket socket, final ZMQ.Socket prod)
    {
        final int timeout = socket.getReceiveTimeOut();
        socket.setReceiveTimeOut(10);
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECEIVE_TIMEOUT_MS);
            byte[] frame;
            while (null == (frame = socket.recv()))
            {
                prod.getEvents();
                if (System.nanoTime() - deadline > 0)
                {
                    fail(nothingReceived(socket));
                }
            }
            return frame;
        }
        finally
        {
            socket.setReceiveTimeOut(timeout);
        }
    }

    /**
     * Start a JeroMQ peer's part on its own thread; {@link Peer#await} collects it.
     */
    static <T> Peer<T> start(final Callable<T> task)
    {
        return new Peer<>(task);
    }

    /**
     * A JeroMQ peer's part running on its own thread.
     */
    static final class Peer<T>
    {
        private final FutureTask<T> future;
        private final Thread thread;

        Peer(final Callable<T> task)
        {
            future = new FutureTask<>(task);
            thread = new Thread(future, "jeromq-peer");
            thread.setDaemon(true);
            thread.start();
        }

        /**
         * Wait for the peer while this thread keeps the ringmq context's I/O running.
         *
         * @return what the task returned; its failure is rethrown.
         */
        T await(final Context ctx, final long timeoutMs) throws Exception
        {
            try
            {
                if (ctx.isInvokerMode() && !Mode.await(ctx, future::isDone, timeoutMs))
                {
                    fail("JeroMQ peer did not finish within " + timeoutMs + " ms");
                }
                return future.get(timeoutMs, TimeUnit.MILLISECONDS);
            }
            catch (final TimeoutException ex)
            {
                return fail("JeroMQ peer did not finish within " + timeoutMs + " ms");
            }
            catch (final ExecutionException ex)
            {
                if (ex.getCause() instanceof Error)
                {
                    throw (Error)ex.getCause();
                }
                throw (Exception)ex.getCause();
            }
            finally
            {
                thread.interrupt();
                thread.join(timeoutMs);
            }
        }
    }

    /**
     * A sequence-numbered body: 4 bytes of sequence, then a length and content derived from it (short and long
     * ZMTP frames both occur).
     */
    static byte[] numbered(final int sequence)
    {
        final byte[] body = new byte[4 + sequence % 300];
        body[0] = (byte)(sequence >>> 24);
        body[1] = (byte)(sequence >>> 16);
        body[2] = (byte)(sequence >>> 8);
        body[3] = (byte)sequence;
        for (int i = 4; i < body.length; i++)
        {
            body[i] = (byte)(sequence + i);
        }
        return body;
    }

    /**
     * Check a body is exactly {@link #numbered(int)} of the expected sequence.
     */
    static void assertNumbered(final int expected, final byte[] body)
    {
        assertNotNull(body, "message " + expected + " missing");
        final int sequence = ((body[0] & 0xFF) << 24) | ((body[1] & 0xFF) << 16) | ((body[2] & 0xFF) << 8) |
            (body[3] & 0xFF);
        assertEquals(expected, sequence, "sequence");
        assertEquals(4 + expected % 300, body.length, "length of message " + expected);
        for (int i = 4; i < body.length; i++)
        {
            if (body[i] != (byte)(expected + i))
            {
                fail("message " + expected + " corrupt at byte " + i);
            }
        }
    }

    static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
