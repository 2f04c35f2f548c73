package io.ringmq.reliability;

import static io.ringmq.reliability.ZmtpBytes.bytes;
import static io.ringmq.reliability.ZmtpBytes.command;
import static io.ringmq.reliability.ZmtpBytes.greeting;
import static io.ringmq.reliability.ZmtpBytes.join;
import static io.ringmq.reliability.ZmtpBytes.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.ringmq.Context;
import io.ringmq.Counter;
import io.ringmq.RingmqException;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.interop.Interop;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

/**
 * ZMTP heartbeats (RFC 37, libzmq's HEARTBEAT_IVL, HEARTBEAT_TIMEOUT, HEARTBEAT_TTL): PINGs go out on time with
 * the TTL in deciseconds, a peer that stops answering is dropped after the timeout, a peer whose own PING asked
 * for a TTL is dropped when it then falls silent, and a live peer that answers stays connected however idle.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HeartbeatTest
{
    private static final byte[] HANDSHAKE = join(greeting(3, "NULL"), ready("PUSH"));

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPeerThatStopsAnsweringIsDroppedAfterTheTimeout(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            RawPeer frozen = new RawPeer(ctx))
        {
            pull.setHeartbeatIvl(100);
            pull.setHeartbeatTimeout(400);
            pull.setHeartbeatTtl(1_500);
            pull.bind("tcp://127.0.0.1:*");
            // Greets, then never sends another byte: a process stopped with SIGSTOP looks like this from outside.
            frozen.connect(pull.getLastEndpoint()).write(HANDSHAKE);

            final long elapsedMs = frozen.awaitClosedByPeer(5_000, "frozen peer");
            assertTrue(elapsedMs >= 450, "dropped before interval + timeout: " + elapsedMs + " ms");

            final byte[] ping = command("PING", bytes(0, 15));
            final byte[] received = frozen.received();
            assertTrue(indexOf(received, ping) > 0, "a PING with TTL 15 deciseconds, as RFC 37 lays it out");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPeerThatAsksForATtlAndFallsSilentIsDropped(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            RawPeer peer = new RawPeer(ctx))
        {
            pull.bind("tcp://127.0.0.1:*");
            // No heartbeat option on ringmq's side: the peer's PING alone asks to be dropped after 300 ms of silence.
            peer.connect(pull.getLastEndpoint()).write(join(HANDSHAKE, command("PING", bytes(0, 3))));

            final long elapsedMs = peer.awaitClosedByPeer(5_000, "silent peer with TTL 300 ms");
            assertTrue(elapsedMs >= 250, "dropped before its TTL: " + elapsedMs + " ms");
            assertTrue(indexOf(peer.received(), command("PONG", new byte[0])) > 0, "the PING was answered");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPeerThatKeepsTalkingIsKept(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            RawPeer peer = new RawPeer(ctx))
        {
            pull.setHeartbeatIvl(50);
            pull.setHeartbeatTimeout(200);
            pull.bind("tcp://127.0.0.1:*");
            peer.connect(pull.getLastEndpoint()).write(HANDSHAKE);
            // Data, not PONGs: any traffic counts as a sign of life.
            for (int i = 0; i < 20; i++)
            {
                peer.write(bytes(0x00, 1, 'a' + i));
                peer.readFor(50);
            }
            assertFalse(peer.isClosedByPeer(), "a talking peer was dropped");
            pull.setReceiveTimeOut(1_000);
            for (int i = 0; i < 20; i++)
            {
                assertEquals(String.valueOf((char)('a' + i)), pull.recvStr());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anIdleJeromqPeerAnswersPingsAndStaysConnected(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext();
            ZContext zctx = new ZContext();
            Socket push = ctx.socket(SocketType.PUSH))
        {
            push.setHeartbeatIvl(50);
            push.setHeartbeatTimeout(250);
            final ZMQ.Socket pull = zctx.createSocket(org.zeromq.SocketType.PULL);
            pull.setLinger(0);
            pull.setReceiveTimeOut(1);
            // JeroMQ 0.6.0 now and then leaves a new connection silent for good; link() redials it. What is
            // tested is what follows the handshake.
            Interop.link(zctx, Interop.Side.RINGMQ_BINDS, push, pull);
            final long handshakes = push.getCounter(Counter.HANDSHAKES);
            final AtomicInteger disconnects = new AtomicInteger();
            final AtomicInteger connects = new AtomicInteger();
            pull.monitor("inproc://heartbeat-monitor", ZMQ.EVENT_ALL);
            final ZMQ.Socket events = zctx.createSocket(org.zeromq.SocketType.PAIR);
            events.connect("inproc://heartbeat-monitor");

            final long idleUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
            while (System.nanoTime() - idleUntil < 0)
            {
                ctx.invoke();
                pull.recv(ZMQ.DONTWAIT);
                final ZEvent event = ZEvent.recv(events, ZMQ.DONTWAIT);
                if (null != event && event.getEvent() == ZMonitor.Event.DISCONNECTED)
                {
                    disconnects.incrementAndGet();
                }
                if (null != event && event.getEvent() == ZMonitor.Event.CONNECTED)
                {
                    connects.incrementAndGet();
                }
            }
            assertEquals(0, connects.get(), "connected again");
            assertEquals(0, disconnects.get(), "dropped while answering PINGs");
            assertEquals(handshakes, push.getCounter(Counter.HANDSHAKES),
                "handshakes on the ringmq side while idle: " + push.connectionCounters());

            assertTrue(push.send("after a long idle"));
            byte[] message = null;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (null == message && System.nanoTime() - deadline < 0)
            {
                ctx.invoke();
                message = pull.recv(ZMQ.DONTWAIT);
            }
            assertEquals("after a long idle", null == message ? null : new String(message),
                push.counters() + "; " + push.connectionCounters());
            pull.monitor(null, 0);
            events.close();
        }
    }

    @Test
    void optionsAreCheckedAndNamed()
    {
        try (Context ctx = Mode.THREADED.newContext(); Socket socket = ctx.socket(SocketType.DEALER))
        {
            assertTrue(assertThrows(RingmqException.class, () -> socket.setHeartbeatIvl(-1))
                .getMessage().contains("HEARTBEAT_IVL"));
            assertTrue(assertThrows(RingmqException.class, () -> socket.setHeartbeatTimeout(-2))
                .getMessage().contains("HEARTBEAT_TIMEOUT"));
            assertTrue(assertThrows(RingmqException.class, () -> socket.setHeartbeatTtl(6_553_600))
                .getMessage().contains("HEARTBEAT_TTL"));
            assertTrue(socket.setHeartbeatTtl(6_553_599));
            assertEquals(-1, socket.getHeartbeatTimeout());
        }
    }

    private static int indexOf(final byte[] haystack, final byte[] needle)
    {
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            boolean match = true;
            for (int j = 0; j < needle.length && match; j++)
            {
                match = haystack[i + j] == needle[j];
            }
            if (match)
            {
                return i;
            }
        }
        return -1;
    }
}
