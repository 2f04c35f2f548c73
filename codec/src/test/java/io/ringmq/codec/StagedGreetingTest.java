package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Collections;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * libzmq sends its greeting in stages (zmtp_engine.cpp): the 10-byte signature at once, byte 10 only after the
 * peer's signature arrived, bytes 11-63 only after the peer's byte 10 arrived, and READY after the peer's whole
 * greeting. A side that waited for 64 bytes before writing its own would deadlock against it.
 */
class StagedGreetingTest
{
    private static final byte[] PEER_GREETING = WireStream.greeting(3, 1, "NULL");
    private static final byte[] PEER_READY = Hex.fixture("ready-dealer-empty-identity.hex");

    @Test
    void nullHandshakeCompletesAgainstAStagedPeer()
    {
        final NullHandshake ours = new NullHandshake(ZmtpSocketType.ROUTER, 512);
        final StagedPeer peer = new StagedPeer();
        final UnsafeBuffer ourOut = new UnsafeBuffer(new byte[256]);
        int ourLength = ours.writeGreeting(ourOut, 0);
        ourLength += ours.writeReady(ourOut, ourLength, null, Collections.emptyMap());

        int delivered = 0;
        int consumed = 0;
        int rounds = 0;
        while (ours.state() != NullHandshake.State.COMPLETE || !peer.receivedReady())
        {
            assertTrue(++rounds < 200, "no progress: the handshake would deadlock");
            assertTrue(ours.state() != NullHandshake.State.FAILED, () -> ours.failureDescription());

            if (delivered < ourLength)
            {
                peer.receive(ourOut.byteArray()[delivered++]);
            }
            final byte[] fromPeer = peer.sent();
            if (consumed < fromPeer.length)
            {
                consumed += ours.onInbound(new UnsafeBuffer(fromPeer), consumed, fromPeer.length - consumed);
            }
        }

        assertEquals(ZmtpSocketType.DEALER, ours.peerSocketType());
        assertEquals(PEER_GREETING.length + PEER_READY.length, consumed);
    }

    @Test
    void ourFirstStageIsWrittenBeforeAnyPeerByteArrives()
    {
        final NullHandshake ours = new NullHandshake(ZmtpSocketType.DEALER, 512);
        final UnsafeBuffer out = new UnsafeBuffer(new byte[256]);

        final int greeting = ours.writeGreeting(out, 0);

        assertEquals(64, greeting);
        assertEquals(NullHandshake.State.AWAITING_GREETING, ours.state());
        assertEquals("ff 00 00 00 00 00 00 00 01 7f 03", Hex.of(out, 0, 11));
    }

    @Test
    void greetingDecoderReportsEachStageAsItArrives()
    {
        final GreetingDecoder decoder = new GreetingDecoder();
        final UnsafeBuffer greeting = new UnsafeBuffer(PEER_GREETING);

        assertEquals(9, decoder.decode(greeting, 0, 9));
        assertFalse(decoder.signatureReceived());

        assertEquals(1, decoder.decode(greeting, 9, 1));
        assertTrue(decoder.signatureReceived());
        assertFalse(decoder.majorVersionReceived());
        assertFalse(decoder.isComplete());

        assertEquals(1, decoder.decode(greeting, 10, 1));
        assertTrue(decoder.majorVersionReceived());
        assertEquals(3, decoder.majorVersion());
        assertFalse(decoder.isComplete());

        assertEquals(52, decoder.decode(greeting, 11, 52));
        assertFalse(decoder.isComplete());
        assertEquals(1, decoder.decode(greeting, 63, 1));
        assertTrue(decoder.isComplete());
        assertTrue(decoder.mechanismIs(ZmtpGreeting.MECHANISM_NULL));
        assertEquals(1, decoder.minorVersion());
    }

    @Test
    void greetingDecoderTakesOnlyTheGreetingFromALargerChunk()
    {
        final GreetingDecoder decoder = new GreetingDecoder();
        final byte[] bytes = new WireStream().raw(PEER_GREETING).raw(PEER_READY).toByteArray();

        assertEquals(64, decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length));
        assertTrue(decoder.isComplete());
        assertEquals(0, decoder.decode(new UnsafeBuffer(bytes), 64, bytes.length - 64));
    }

    @Test
    void badSignatureNeverReportsTheSignatureAsReceived()
    {
        final GreetingDecoder decoder = new GreetingDecoder();
        final byte[] bad = PEER_GREETING.clone();
        bad[9] = 0x00;

        decoder.decode(new UnsafeBuffer(bad), 0, 10);

        assertFalse(decoder.signatureReceived());
        assertFalse(decoder.majorVersionReceived());
        assertEquals(ZmtpError.BAD_SIGNATURE, decoder.error());
        assertEquals(0, decoder.decode(new UnsafeBuffer(bad), 10, 54));
    }

    @Test
    void oldMajorVersionNeverReportsTheVersionAsReceived()
    {
        final GreetingDecoder decoder = new GreetingDecoder();
        final byte[] old = PEER_GREETING.clone();
        old[10] = 1;

        decoder.decode(new UnsafeBuffer(old), 0, 11);

        assertFalse(decoder.majorVersionReceived());
        assertEquals(ZmtpError.UNSUPPORTED_VERSION, decoder.error());
    }

    @Test
    void resetForgetsThePreviousGreeting()
    {
        final GreetingDecoder decoder = new GreetingDecoder();
        decoder.decode(new UnsafeBuffer(new byte[]{ 0 }), 0, 1);

        decoder.reset();

        assertEquals(64, decoder.decode(new UnsafeBuffer(PEER_GREETING), 0, 64));
        assertTrue(decoder.isComplete());
    }

    /**
     * A libzmq-like DEALER that releases its greeting in three stages, then READY, according to what it has
     * received from us, checking our bytes by hand as libzmq does.
     */
    private static final class StagedPeer
    {
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        private int stage;

        StagedPeer()
        {
            sent.write(PEER_GREETING, 0, 10);
            stage = 1;
        }

        void receive(final byte b)
        {
            received.write(b);
            final byte[] bytes = received.toByteArray();
            if (stage == 1 && bytes.length >= 10)
            {
                assertEquals((byte)0xFF, bytes[0], "our signature start");
                assertEquals(1, bytes[9] & 1, "our signature end");
                sent.write(PEER_GREETING, 10, 1);
                stage = 2;
            }
            else if (stage == 2 && bytes.length >= 11)
            {
                assertEquals(3, bytes[10], "our major version");
                sent.write(PEER_GREETING, 11, 53);
                stage = 3;
            }
            else if (stage == 3 && bytes.length >= 64)
            {
                sent.write(PEER_READY, 0, PEER_READY.length);
                stage = 4;
            }
        }

        byte[] sent()
        {
            return sent.toByteArray();
        }

        boolean receivedReady()
        {
            final byte[] bytes = received.toByteArray();
            return stage == 4 && bytes.length >= 66 && bytes.length == 66 + (bytes[65] & 0xFF);
        }
    }
}
