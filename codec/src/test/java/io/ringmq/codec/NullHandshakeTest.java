package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class NullHandshakeTest
{
    private final NullHandshake handshake = new NullHandshake(ZmtpSocketType.ROUTER, 512);

    @Test
    void greetingAndReadyCompleteTheHandshake()
    {
        final byte[] peer = new WireStream()
            .raw(WireStream.greeting(3, 1, "NULL"))
            .raw(Hex.fixture("ready-dealer-empty-identity.hex"))
            .toByteArray();

        assertEquals(peer.length, feed(peer));

        assertEquals(NullHandshake.State.COMPLETE, handshake.state());
        assertNull(handshake.error());
        assertEquals(ZmtpSocketType.DEALER, handshake.peerSocketType());
        assertEquals(0, handshake.peerIdentityLength());
        assertEquals(1, handshake.peerMinorVersion());
        assertTrue(handshake.isPeerZmtp31());
        assertEquals("", handshake.failureDescription());
    }

    @Test
    void bytesAfterReadyAreLeftForTheMessageStream()
    {
        final byte[] peer = new WireStream()
            .raw(WireStream.greeting(3, 0, "NULL"))
            .raw(Hex.fixture("ready-req-identity.hex"))
            .shortFrame(0x01, new byte[0])
            .shortFrame(0x00, Hex.ascii("hello"))
            .toByteArray();

        final int consumed = feed(peer);

        assertEquals(64 + Hex.fixture("ready-req-identity.hex").length, consumed);
        assertEquals(NullHandshake.State.COMPLETE, handshake.state());
        assertArrayEquals(Hex.ascii("client-1"), handshake.peerIdentity());

        final FrameDecoder decoder = new FrameDecoder(-1, 256);
        final RecordingFrameHandler handler = new RecordingFrameHandler();
        decoder.decode(new UnsafeBuffer(peer), consumed, peer.length - consumed, handler);
        assertEquals(List.of(
            RecordingFrameHandler.data(0x01, new byte[0]),
            RecordingFrameHandler.data(0x00, Hex.ascii("hello"))), handler.events);
    }

    @Test
    void handshakeCompletesFromSingleBytes()
    {
        final byte[] peer = new WireStream()
            .raw(WireStream.greeting(3, 1, "NULL"))
            .raw(Hex.fixture("ready-dealer-empty-identity.hex"))
            .raw(0x00, 0x01, 0x61)
            .toByteArray();
        final UnsafeBuffer buffer = new UnsafeBuffer(peer);

        int offset = 0;
        while (handshake.state() != NullHandshake.State.COMPLETE)
        {
            assertEquals(1, handshake.onInbound(buffer, offset, 1), "byte " + offset);
            offset++;
        }

        assertEquals(peer.length - 3, offset);
        assertEquals(0, handshake.onInbound(buffer, offset, 3));
    }

    @Test
    void zmtp30PeerIsRecognised()
    {
        feed(new WireStream().raw(WireStream.greeting(3, 0, "NULL"))
            .raw(Hex.fixture("ready-dealer-empty-identity.hex")).toByteArray());

        assertEquals(NullHandshake.State.COMPLETE, handshake.state());
        assertEquals(0, handshake.peerMinorVersion());
        assertFalse(handshake.isPeerZmtp31());
    }

    @Test
    void higherMinorVersionIsAccepted()
    {
        feed(new WireStream().raw(WireStream.greeting(3, 2, "NULL"))
            .raw(Hex.fixture("ready-dealer-empty-identity.hex")).toByteArray());

        assertEquals(NullHandshake.State.COMPLETE, handshake.state());
        assertEquals(2, handshake.peerMinorVersion());
        assertTrue(handshake.isPeerZmtp31());
    }

    @Test
    void higherMajorVersionIsAccepted()
    {
        feed(new WireStream().raw(WireStream.greeting(4, 0, "NULL"))
            .raw(Hex.fixture("ready-dealer-empty-identity.hex")).toByteArray());

        assertEquals(NullHandshake.State.COMPLETE, handshake.state());
        assertTrue(handshake.isPeerZmtp31());
    }

    @Test
    void asServerByteIsIgnored()
    {
        final byte[] greeting = WireStream.greeting(3, 1, "NULL");
        greeting[32] = 1;

        feed(new WireStream().raw(greeting).raw(Hex.fixture("ready-dealer-empty-identity.hex")).toByteArray());

        assertEquals(NullHandshake.State.COMPLETE, handshake.state());
        assertTrue(handshake.greeting().asServer());
    }

    @Test
    void paddingIsNotValidated()
    {
        final byte[] greeting = WireStream.greeting(3, 1, "NULL");
        for (int i = 1; i <= 8; i++)
        {
            greeting[i] = (byte)(0x10 * i);
        }

        feed(new WireStream().raw(greeting).raw(Hex.fixture("ready-dealer-empty-identity.hex")).toByteArray());

        assertEquals(NullHandshake.State.COMPLETE, handshake.state());
    }

    @Test
    void propertyNamesAreMatchedWithoutCaseAndUnknownOnesAreKept()
    {
        final byte[] properties = WireStream.properties("socket-type", "DEALER", "X-Desk", "fx");
        feed(new WireStream().raw(WireStream.greeting(3, 1, "NULL"))
            .command("READY", properties).toByteArray());

        assertEquals(NullHandshake.State.COMPLETE, handshake.state());
        assertEquals(Hex.of(properties),
            Hex.of(handshake.peerProperties(), 0, handshake.peerPropertiesLength()));
    }

    @Test
    void resetReArmsForANewConnection()
    {
        feed(new WireStream().raw(0x00).toByteArray());
        assertEquals(NullHandshake.State.FAILED, handshake.state());

        handshake.reset();

        assertEquals(NullHandshake.State.AWAITING_GREETING, handshake.state());
        assertNull(handshake.error());
        feed(new WireStream().raw(WireStream.greeting(3, 1, "NULL"))
            .raw(Hex.fixture("ready-req-identity.hex")).toByteArray());
        assertEquals(NullHandshake.State.COMPLETE, handshake.state());
        assertEquals(ZmtpSocketType.REQ, handshake.peerSocketType());
    }

    @Test
    void writesGreetingThenReadyForItsOwnType()
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[256]);
        final NullHandshake dealer = new NullHandshake(ZmtpSocketType.DEALER, 512);

        final int greeting = dealer.writeGreeting(out, 0);
        final int ready = dealer.writeReady(out, greeting, new byte[0], Collections.emptyMap());

        assertEquals(Hex.of(Hex.fixture("greeting-null-3.1.hex")), Hex.of(out, 0, greeting));
        assertEquals(Hex.of(Hex.fixture("ready-dealer-empty-identity.hex")), Hex.of(out, greeting, ready));
    }

    @Test
    void twoHandshakesTalkToEachOther()
    {
        final NullHandshake dealer = new NullHandshake(ZmtpSocketType.DEALER, 512);
        final NullHandshake router = new NullHandshake(ZmtpSocketType.ROUTER, 512);
        final UnsafeBuffer dealerOut = new UnsafeBuffer(new byte[256]);
        final UnsafeBuffer routerOut = new UnsafeBuffer(new byte[256]);
        int dealerLength = dealer.writeGreeting(dealerOut, 0);
        dealerLength += dealer.writeReady(dealerOut, dealerLength, Hex.ascii("d-1"), Collections.emptyMap());
        int routerLength = router.writeGreeting(routerOut, 0);
        routerLength += router.writeReady(routerOut, routerLength, null, Collections.emptyMap());

        assertEquals(routerLength, dealer.onInbound(routerOut, 0, routerLength));
        assertEquals(dealerLength, router.onInbound(dealerOut, 0, dealerLength));

        assertEquals(NullHandshake.State.COMPLETE, dealer.state());
        assertEquals(NullHandshake.State.COMPLETE, router.state());
        assertEquals(ZmtpSocketType.ROUTER, dealer.peerSocketType());
        assertArrayEquals(Hex.ascii("d-1"), router.peerIdentity());
    }

    private int feed(final byte[] bytes)
    {
        return handshake.onInbound(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
