package io.ringmq.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ringmq sends its greeting in libzmq's stages: the 10-byte signature, the rest of the greeting only after the
 * peer's signature, READY only after the peer's whole greeting; an accepting socket lets the peer speak first,
 * and a peer silent for 100 ms gets the whole greeting. JeroMQ 0.6.0 can stall for good when part of a peer's
 * greeting reaches it before it wrote its own signature, and now and then loses its own first write.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StagedGreetingSendTest
{
    private static final int SIGNATURE = 10;
    private static final int GREETING = 64;
    private static final long QUIET_MS = 200;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void acceptingSideWaitsForEachStageOfThePeer(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.bind("tcp://127.0.0.1:*");
            try (RawPeer peer = new RawPeer(ctx).connect(pull.getLastEndpoint()))
            {
                final byte[] ours = ZmtpBytes.greeting(3, "NULL");

                peer.readFor(30);
                assertEquals(0, peer.received().length, "the accepting side lets the peer speak first");
                peer.write(Arrays.copyOf(ours, SIGNATURE));
                peer.readFor(QUIET_MS);
                final byte[] greeting = peer.received();
                assertEquals(GREETING, greeting.length, "after the peer's signature: the whole greeting, no READY");
                assertEquals(3, greeting[10], "major version");
                assertEquals(1, greeting[11], "minor version");

                peer.write(Arrays.copyOfRange(ours, SIGNATURE, GREETING));
                peer.readFor(QUIET_MS);
                final byte[] all = peer.received();
                final byte[] ready = ZmtpBytes.ready("PULL");
                assertEquals(GREETING + ready.length, all.length, "after the peer's greeting: READY");
                assertArrayEquals(ready, Arrays.copyOfRange(all, GREETING, all.length));
                assertFalse(peer.isClosedByPeer());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPeerThatStaysSilentGetsTheWholeGreetingAndNoReady(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.bind("tcp://127.0.0.1:*");
            try (RawPeer peer = new RawPeer(ctx).connect(pull.getLastEndpoint()))
            {
                peer.readFor(QUIET_MS);
                assertEquals(GREETING, peer.received().length, "a silent peer may be waiting: the whole greeting");
            }
        }
    }
}
