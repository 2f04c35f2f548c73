package io.ringmq.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Counter;
import io.ringmq.CounterReader;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Per-socket and per-connection counters, read while the sockets run: traffic both ways, handshakes, protocol
 * errors, timeouts and reconnects each show up where they happened.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CountersTest
{
    private static final int MESSAGES = 1_000;
    private static final int BODY = 10;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void trafficIsCountedOnBothSidesAndPerConnection(final Mode mode)
    {
        try (Context ctx = mode.newContext();
            Socket push = ctx.socket(SocketType.PUSH);
            Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.getLastEndpoint());
            pull.setReceiveTimeOut(5_000);
            for (int i = 0; i < MESSAGES; i++)
            {
                assertTrue(push.send(new byte[BODY]));
            }
            for (int i = 0; i < MESSAGES; i++)
            {
                assertEquals(BODY, pull.recv().length);
            }
            assertTrue(Mode.await(ctx, () -> push.getCounter(Counter.MESSAGES_SENT) == MESSAGES, 5_000),
                "messages sent: " + push.counters());

            assertEquals(MESSAGES, pull.getCounter(Counter.MESSAGES_RECEIVED));
            final long frames = (long)MESSAGES * (2 + BODY);
            assertTrue(push.getCounter(Counter.BYTES_SENT) >= frames, push.counters().toString());
            assertTrue(pull.getCounter(Counter.BYTES_RECEIVED) >= frames, pull.counters().toString());
            assertEquals(1, push.getCounter(Counter.HANDSHAKES));
            assertEquals(1, pull.getCounter(Counter.HANDSHAKES));
            assertEquals(0, pull.getCounter(Counter.PROTOCOL_ERRORS));

            final List<CounterReader> connections = push.connectionCounters();
            assertEquals(1, connections.size());
            assertEquals(push.getCounter(Counter.BYTES_SENT), connections.get(0).get(Counter.BYTES_SENT));
            assertTrue(connections.get(0).label().contains(pull.getLastEndpoint().substring("tcp://".length())),
                "labelled with the peer: " + connections.get(0).label());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void inprocTrafficAndDropsAreCountedPerPipe(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH); Socket pub = ctx.socket(SocketType.PUB);
            Socket sub = ctx.socket(SocketType.SUB))
        {
            pull.bind("inproc://counted");
            push.connect("inproc://counted");
            pull.setReceiveTimeOut(5_000);
            for (int i = 0; i < 100; i++)
            {
                assertTrue(push.send("0123456789"));
                assertEquals("0123456789", pull.recvStr());
            }
            assertEquals(100, push.getCounter(Counter.MESSAGES_SENT));
            assertEquals(1_000, push.getCounter(Counter.BYTES_SENT));
            assertEquals(100, pull.getCounter(Counter.MESSAGES_RECEIVED));
            assertEquals(1_000, pull.getCounter(Counter.BYTES_RECEIVED));
            final List<CounterReader> pipes = pull.connectionCounters();
            assertEquals(1, pipes.size());
            assertEquals("inproc://counted", pipes.get(0).label());
            assertEquals(100, pipes.get(0).get(Counter.MESSAGES_RECEIVED));

            // A subscriber that never reads: the PUB drops at the pipe's HWM (SNDHWM + RCVHWM) and counts it.
            pub.setSndHWM(10);
            sub.setRcvHWM(10);
            pub.bind("inproc://dropped");
            sub.subscribe("");
            sub.connect("inproc://dropped");
            for (int i = 0; i < 100; i++)
            {
                assertTrue(pub.send("m" + i));
            }
            assertEquals(80, pub.getCounter(Counter.MESSAGES_DROPPED), pub.counters().toString());
            assertEquals(pub.getDroppedMessages(), pub.getCounter(Counter.MESSAGES_DROPPED));
            assertEquals(20, pub.getCounter(Counter.MESSAGES_SENT));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void protocolErrorsAndTimeoutsAreCountedWhereTheyHappened(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            RawPeer garbage = new RawPeer(ctx);
            RawPeer silent = new RawPeer(ctx))
        {
            pull.setHandshakeIvl(200);
            pull.bind("tcp://127.0.0.1:*");
            garbage.connect(pull.getLastEndpoint()).write(new byte[64]);
            garbage.awaitClosedByPeer(5_000, "bad signature");
            silent.connect(pull.getLastEndpoint());
            silent.awaitClosedByPeer(5_000, "silent peer");

            assertEquals(1, pull.getCounter(Counter.PROTOCOL_ERRORS), pull.counters().toString());
            assertEquals(1, pull.getCounter(Counter.TIMEOUTS), pull.counters().toString());
            assertEquals(0, pull.getCounter(Counter.HANDSHAKES));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void reconnectsAreCounted(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket push = ctx.socket(SocketType.PUSH); Socket probe =
            ctx.socket(SocketType.PULL))
        {
            probe.bind("tcp://127.0.0.1:*");
            final String endpoint = probe.getLastEndpoint();
            probe.unbind(endpoint);
            push.setReconnectIVL(20);
            push.connect(endpoint);
            assertTrue(Mode.await(ctx, () -> push.getCounter(Counter.RECONNECTS) >= 3, 5_000),
                "reconnects to a port nobody listens on: " + push.counters());
        }
    }
}
