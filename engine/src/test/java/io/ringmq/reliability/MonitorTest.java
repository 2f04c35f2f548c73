package io.ringmq.reliability;

import static io.ringmq.reliability.ZmtpBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.RingmqException;
import io.ringmq.Socket;
import io.ringmq.SocketEvent;
import io.ringmq.SocketType;
import io.ringmq.codec.ZmtpError;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The socket monitor, as libzmq's zmq_socket_monitor: two-frame event messages (event and value little-endian,
 * then the endpoint) on an inproc PAIR, for a bind, a connect, handshakes, a disconnect and reconnect, a protocol
 * error, a silent peer, a failed bind and the monitor's stop.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MonitorTest
{
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aConnectionsLifeIsReportedOnBothSides(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket push = ctx.socket(SocketType.PUSH))
        {
            final Socket pull = ctx.socket(SocketType.PULL);
            final MonitorEvents pullEvents = MonitorEvents.of(ctx, pull, SocketEvent.ALL);
            final MonitorEvents pushEvents = MonitorEvents.of(ctx, push, SocketEvent.ALL);
            pull.bind("tcp://127.0.0.1:*");
            final String endpoint = pull.getLastEndpoint();
            final MonitorEvents.Event listening = pullEvents.await(SocketEvent.LISTENING);
            assertEquals(endpoint, listening.endpoint);
            assertArrayEquals(bytes(0x08, 0, 0, 0, 0, 0), listening.header, "libzmq's layout, little-endian");

            push.setReconnectIVL(50);
            push.connect(endpoint);
            assertEquals(endpoint, pushEvents.await(SocketEvent.CONNECTED).endpoint);
            assertEquals(endpoint, pushEvents.await(SocketEvent.HANDSHAKE_SUCCEEDED).endpoint);
            assertEquals(endpoint, pullEvents.await(SocketEvent.ACCEPTED).endpoint);
            assertEquals(endpoint, pullEvents.await(SocketEvent.HANDSHAKE_SUCCEEDED).endpoint);
            assertTrue(push.send("through"));
            pull.setReceiveTimeOut(5_000);
            assertEquals("through", pull.recvStr());

            pull.unbind(endpoint);
            assertEquals(endpoint, pullEvents.await(SocketEvent.CLOSED).endpoint);
            assertEquals(endpoint, pushEvents.await(SocketEvent.DISCONNECTED).endpoint);
            final MonitorEvents.Event retried = pushEvents.await(SocketEvent.CONNECT_RETRIED);
            assertEquals(endpoint, retried.endpoint);
            assertEquals(50, retried.value, "the reconnect interval");

            pull.bind(endpoint);
            assertEquals(endpoint, pushEvents.await(SocketEvent.HANDSHAKE_SUCCEEDED).endpoint, "reconnected");

            push.monitor(null, 0);
            assertEquals("", pushEvents.await(SocketEvent.MONITOR_STOPPED).endpoint);
            pull.close();
            pullEvents.await(SocketEvent.MONITOR_STOPPED);
            assertTrue(pullEvents.skipped.stream().noneMatch(e -> e.event == SocketEvent.DISCONNECTED),
                "the application's own unbind and close are not disconnects: " + pullEvents.skipped);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void brokenAndSilentPeersReportFailedHandshakes(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.setHandshakeIvl(200);
            final MonitorEvents events = MonitorEvents.of(ctx, pull, SocketEvent.HANDSHAKE_FAILED_PROTOCOL |
                SocketEvent.HANDSHAKE_FAILED_NO_DETAIL | SocketEvent.DISCONNECTED);
            pull.bind("tcp://127.0.0.1:*");
            final String endpoint = pull.getLastEndpoint();

            try (RawPeer broken = new RawPeer(ctx))
            {
                broken.connect(endpoint).write(bytes(0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x7F, 3, 1));
                final MonitorEvents.Event failed = events.next();
                assertEquals(SocketEvent.HANDSHAKE_FAILED_PROTOCOL, failed.event, failed.toString());
                assertEquals(ZmtpError.BAD_SIGNATURE.ordinal(), failed.value);
                assertEquals(endpoint, failed.endpoint);
                assertEquals(SocketEvent.DISCONNECTED, events.next().event);
            }
            try (RawPeer silent = new RawPeer(ctx))
            {
                silent.connect(endpoint);
                final MonitorEvents.Event failed = events.next();
                assertEquals(SocketEvent.HANDSHAKE_FAILED_NO_DETAIL, failed.event, failed.toString());
                assertEquals(SocketEvent.DISCONNECTED, events.next().event);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFailedBindIsReportedAndMisuseIsRefused(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket first = ctx.socket(SocketType.PULL);
            Socket second = ctx.socket(SocketType.PULL))
        {
            first.bind("tcp://127.0.0.1:*");
            final MonitorEvents events = MonitorEvents.of(ctx, second, SocketEvent.BIND_FAILED);
            assertThrows(RingmqException.class, () -> second.bind(first.getLastEndpoint()));
            assertEquals(first.getLastEndpoint(), events.await(SocketEvent.BIND_FAILED).endpoint);

            final RingmqException notInproc =
                assertThrows(RingmqException.class, () -> second.monitor("tcp://127.0.0.1:5555", SocketEvent.ALL));
            assertTrue(notInproc.getMessage().contains("tcp://127.0.0.1:5555"), notInproc.getMessage());
            final RingmqException unknown =
                assertThrows(RingmqException.class, () -> second.monitor("inproc://unknown-events", 0x10000));
            assertTrue(unknown.getMessage().contains("0x10000"), unknown.getMessage());
        }
    }
}
