package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class NullHandshakeFailureTest
{
    private static final byte[] GREETING = WireStream.greeting(3, 1, "NULL");

    private final NullHandshake handshake = new NullHandshake(ZmtpSocketType.PUSH, 512);

    @Test
    void firstByteOtherThanFfFailsAtOnce()
    {
        final byte[] greeting = GREETING.clone();
        greeting[0] = 0x00;

        assertEquals(1, handshake.onInbound(new UnsafeBuffer(greeting), 0, 1));

        assertFailed(ZmtpError.BAD_SIGNATURE);
        assertEquals(0, handshake.onInbound(new UnsafeBuffer(greeting), 1, 63));
    }

    @Test
    void signatureEndWithoutTheVersionedBitFails()
    {
        final byte[] greeting = GREETING.clone();
        greeting[9] = 0x7E;

        handshake.onInbound(new UnsafeBuffer(greeting), 0, 10);

        assertFailed(ZmtpError.BAD_SIGNATURE);
    }

    @Test
    void majorVersionTwoFailsAsSoonAsItArrives()
    {
        final byte[] greeting = GREETING.clone();
        greeting[10] = 2;

        handshake.onInbound(new UnsafeBuffer(greeting), 0, 11);

        assertFailed(ZmtpError.UNSUPPORTED_VERSION);
    }

    @Test
    void majorVersionOneFails()
    {
        final byte[] greeting = GREETING.clone();
        greeting[10] = 1;

        feed(greeting);

        assertFailed(ZmtpError.UNSUPPORTED_VERSION);
    }

    @Test
    void plainMechanismFailsAgainstNull()
    {
        feed(new WireStream().raw(WireStream.greeting(3, 1, "PLAIN"))
            .raw(Hex.fixture("ready-dealer-empty-identity.hex")).toByteArray());

        assertFailed(ZmtpError.MECHANISM_MISMATCH);
    }

    @Test
    void mechanismWithTrailingBytesAfterNullFails()
    {
        feed(WireStream.greeting(3, 1, "NULLX"));

        assertFailed(ZmtpError.MECHANISM_MISMATCH);
    }

    @Test
    void dataFrameBeforeReadyFails()
    {
        feed(new WireStream().raw(GREETING).shortFrame(0, Hex.ascii("early")).toByteArray());

        assertFailed(ZmtpError.UNEXPECTED_FRAME);
    }

    @Test
    void otherCommandBeforeReadyFails()
    {
        feed(new WireStream().raw(GREETING).command("PING", Hex.parse("00 00")).toByteArray());

        assertFailed(ZmtpError.UNEXPECTED_FRAME);
    }

    @Test
    void errorFromThePeerFailsWithItsReasonReadable()
    {
        feed(new WireStream().raw(GREETING)
            .command("ERROR", new WireStream().raw(19).raw(Hex.ascii("Invalid socket type")).toByteArray())
            .toByteArray());

        assertFailed(ZmtpError.PEER_ERROR);
        assertEquals("Invalid socket type", handshake.peerErrorReason());
        assertEquals("peer sent ERROR: Invalid socket type", handshake.failureDescription());
    }

    @Test
    void malformedErrorStillFailsWithAnEmptyReason()
    {
        feed(new WireStream().raw(GREETING).command("ERROR", Hex.parse("09 34")).toByteArray());

        assertFailed(ZmtpError.PEER_ERROR);
        assertEquals("", handshake.peerErrorReason());
    }

    @Test
    void readyWithoutSocketTypeFails()
    {
        feed(new WireStream().raw(GREETING).command("READY", WireStream.properties("Identity", "")).toByteArray());

        assertFailed(ZmtpError.UNKNOWN_SOCKET_TYPE);
    }

    @Test
    void readyWithNoPropertiesFails()
    {
        feed(new WireStream().raw(GREETING).command("READY", new byte[0]).toByteArray());

        assertFailed(ZmtpError.UNKNOWN_SOCKET_TYPE);
    }

    @Test
    void unknownSocketTypeFails()
    {
        feed(new WireStream().raw(GREETING).command("READY", WireStream.properties("Socket-Type", "BOGUS"))
            .toByteArray());

        assertFailed(ZmtpError.UNKNOWN_SOCKET_TYPE);
    }

    @Test
    void socketTypeValueIsCaseSensitiveAsInLibzmq()
    {
        feed(new WireStream().raw(GREETING).command("READY", WireStream.properties("Socket-Type", "pull"))
            .toByteArray());

        assertFailed(ZmtpError.UNKNOWN_SOCKET_TYPE);
    }

    @Test
    void incompatibleSocketTypeFails()
    {
        final NullHandshake pub = new NullHandshake(ZmtpSocketType.PUB, 512);
        final byte[] peer = new WireStream().raw(GREETING)
            .command("READY", WireStream.properties("Socket-Type", "PUSH")).toByteArray();

        pub.onInbound(new UnsafeBuffer(peer), 0, peer.length);

        assertEquals(NullHandshake.State.FAILED, pub.state());
        assertEquals(ZmtpError.INCOMPATIBLE_SOCKET_TYPE, pub.error());
    }

    @Test
    void truncatedValueLengthIsMalformedMetadata()
    {
        final byte[] ready = WireStream.commandBody("READY", Hex.parse("0b 53 6f 63 6b 65 74 2d 54 79 70 65 00 00"));

        feed(new WireStream().raw(GREETING).shortFrame(0x04, ready).toByteArray());

        assertFailed(ZmtpError.MALFORMED_METADATA);
    }

    @Test
    void valuePastTheEndOfReadyIsMalformedMetadata()
    {
        final byte[] properties = WireStream.properties("Socket-Type", "PULL");
        properties[15] = 0x40;

        feed(new WireStream().raw(GREETING).command("READY", properties).toByteArray());

        assertFailed(ZmtpError.MALFORMED_METADATA);
    }

    @Test
    void malformedPropertyAfterAValidSocketTypeStillFails()
    {
        final byte[] properties = new WireStream().raw(WireStream.properties("Socket-Type", "PULL"))
            .raw(0x00).toByteArray();

        feed(new WireStream().raw(GREETING).command("READY", properties).toByteArray());

        assertFailed(ZmtpError.MALFORMED_METADATA);
    }

    @Test
    void identityLongerThan255BytesIsMalformedMetadata()
    {
        final NullHandshake router = new NullHandshake(ZmtpSocketType.ROUTER, 1024);
        final byte[] peer = new WireStream().raw(GREETING)
            .command("READY", WireStream.properties("Socket-Type", "DEALER", "Identity", "x".repeat(256)))
            .toByteArray();

        router.onInbound(new UnsafeBuffer(peer), 0, peer.length);

        assertEquals(ZmtpError.MALFORMED_METADATA, router.error());
    }

    @Test
    void readyLargerThanTheCommandLimitFails()
    {
        final NullHandshake small = new NullHandshake(ZmtpSocketType.PUSH, 32);
        final byte[] peer = new WireStream().raw(GREETING)
            .command("READY", WireStream.properties("Socket-Type", "PULL", "X-Pad", "0123456789")).toByteArray();

        small.onInbound(new UnsafeBuffer(peer), 0, peer.length);

        assertEquals(ZmtpError.COMMAND_TOO_LARGE, small.error());
    }

    @Test
    void frameErrorDuringHandshakeFails()
    {
        feed(new WireStream().raw(GREETING).raw(0x05, 0x01, 0x00).toByteArray());

        assertFailed(ZmtpError.COMMAND_WITH_MORE);
    }

    @Test
    void failedHandshakeTakesNoMoreBytes()
    {
        feed(new WireStream().raw(GREETING).shortFrame(0, Hex.ascii("early")).toByteArray());
        final byte[] more = Hex.fixture("ready-dealer-empty-identity.hex");

        assertEquals(0, handshake.onInbound(new UnsafeBuffer(more), 0, more.length));
        assertFailed(ZmtpError.UNEXPECTED_FRAME);
    }

    private void feed(final byte[] bytes)
    {
        handshake.onInbound(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private void assertFailed(final ZmtpError expected)
    {
        assertEquals(NullHandshake.State.FAILED, handshake.state());
        assertEquals(expected, handshake.error());
        assertTrue(handshake.failureDescription().startsWith(expected.description()));
    }
}
