package io.ringmq.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.ringmq.reliability.ZmtpBytes.bytes;
import static io.ringmq.reliability.ZmtpBytes.command;
import static io.ringmq.reliability.ZmtpBytes.greeting;
import static io.ringmq.reliability.ZmtpBytes.join;
import static io.ringmq.reliability.ZmtpBytes.ready;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketEvent;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A peer that sends what ZMTP forbids costs only its own connection: ringmq closes it within a bounded time (the
 * handshake interval for a peer that goes silent half way), and a good peer on the same socket keeps delivering,
 * before and after, and the socket's monitor reports the disconnect. Each case is written byte by byte, as RFC 23
 * and RFC 37 lay the bytes out.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileInputTest
{
    private static final int HANDSHAKE_IVL_MS = 300;
    private static final long CLOSE_WITHIN_MS = 5_000;

    /**
     * What a hostile peer writes, and the name a failure reports.
     */
    enum Attack
    {
        BAD_SIGNATURE(bytes(0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x7F, 3, 1)),
        SIGNATURE_WITHOUT_7F(bytes(0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x00, 3, 1)),
        MAJOR_VERSION_2(greeting(2, "NULL")),
        UNSUPPORTED_MECHANISM(greeting(3, "PLAIN")),
        INCOMPATIBLE_SOCKET_TYPE(join(greeting(3, "NULL"), ready("PUB"))),
        UNKNOWN_SOCKET_TYPE(join(greeting(3, "NULL"), ready("BANANA"))),
        MISSING_SOCKET_TYPE(join(greeting(3, "NULL"), command("READY", new byte[0]))),
        MALFORMED_READY_PROPERTY(join(greeting(3, "NULL"),
            command("READY", bytes(11, 'S', 'o', 'c', 'k', 'e', 't', '-', 'T', 'y', 'p', 'e', 0x7F, 0, 0, 0, 'P')))),
        DATA_BEFORE_READY(join(greeting(3, "NULL"), bytes(0x00, 3, 'a', 'b', 'c'))),
        RESERVED_FLAG_BITS(join(greeting(3, "NULL"), ready("PUSH"), bytes(0x10, 1, 'x'))),
        MAXIMUM_SIZE(join(greeting(3, "NULL"), ready("PUSH"),
            bytes(0x02, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 'x', 'y', 'z'))),
        NEGATIVE_SIZE(join(greeting(3, "NULL"), ready("PUSH"),
            bytes(0x02, 0x80, 0, 0, 0, 0, 0, 0, 1, 'x'))),
        COMMAND_WITH_MORE_FLAG(join(greeting(3, "NULL"), ready("PUSH"), bytes(0x05, 5, 4, 'P', 'I', 'N', 'G'))),
        TRUNCATED_GREETING_THEN_SILENCE(bytes(0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 3, 1, 'N', 'U')),
        TRUNCATED_READY_THEN_SILENCE(join(greeting(3, "NULL"), bytes(0x04, 40, 5, 'R', 'E', 'A', 'D'))),
        GARBAGE(garbage());

        private final byte[] bytes;

        Attack(final byte[] bytes)
        {
            this.bytes = bytes;
        }
    }

    static Stream<Arguments> cases()
    {
        final Stream.Builder<Arguments> cases = Stream.builder();
        for (final Mode mode : Mode.values())
        {
            for (final Attack attack : Attack.values())
            {
                cases.add(Arguments.of(mode, attack));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void aHostilePeerLosesItsConnectionAndOnlyThat(final Mode mode, final Attack attack) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            Socket good = ctx.socket(SocketType.PUSH);
            RawPeer hostile = new RawPeer(ctx))
        {
            pull.setHandshakeIvl(HANDSHAKE_IVL_MS);
            pull.setReceiveTimeOut(5_000);
            pull.bind("tcp://127.0.0.1:*");
            good.connect(pull.getLastEndpoint());
            assertTrue(good.send("before"));
            assertEquals("before", pull.recvStr());
            final MonitorEvents events = MonitorEvents.of(ctx, pull, SocketEvent.DISCONNECTED);

            hostile.connect(pull.getLastEndpoint()).write(attack.bytes);
            hostile.awaitClosedByPeer(CLOSE_WITHIN_MS, attack.name());
            assertEquals(pull.getLastEndpoint(), events.await(SocketEvent.DISCONNECTED).endpoint,
                "the monitor heard of the dropped connection");

            for (int i = 0; i < 100; i++)
            {
                assertTrue(good.send("after-" + i));
            }
            for (int i = 0; i < 100; i++)
            {
                assertEquals("after-" + i, pull.recvStr(), "the good peer after " + attack);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ bytes

    private static byte[] garbage()
    {
        final byte[] garbage = new byte[4096];
        new Random(0x5EED).nextBytes(garbage);
        garbage[0] = (byte)0xFF;
        garbage[9] = 0x7F;
        garbage[10] = 3;
        return garbage;
    }
}
