package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class FrameDecoderTest
{
    private final FrameDecoder decoder = new FrameDecoder(1 << 20, 512);
    private final RecordingFrameHandler handler = new RecordingFrameHandler();

    @Test
    void shortFrameIsDeliveredWithItsFlagsAndBody()
    {
        final byte[] stream = Hex.parse("01 05 68 65 6c 6c 6f 00 02 68 69");

        assertEquals(stream.length, decode(stream));

        assertEquals(List.of(
            RecordingFrameHandler.data(0x01, Hex.ascii("hello")),
            RecordingFrameHandler.data(0x00, Hex.ascii("hi"))), handler.events);
        assertTrue(decoder.isAtFrameBoundary());
        assertNull(decoder.error());
        assertEquals(List.of(), handler.contractViolations);
    }

    @Test
    void longFrameIsDeliveredWhole()
    {
        final byte[] body = WireStream.bytes(256, 1);
        final byte[] stream = new WireStream().longFrame(0x01, body).toByteArray();
        assertEquals("03 00 00 00 00 00 00 01 00", Hex.of(stream, 0, 9));

        assertEquals(stream.length, decode(stream));

        assertEquals(List.of(RecordingFrameHandler.data(0x03, body)), handler.events);
    }

    @Test
    void longFormIsAcceptedForSmallBodies()
    {
        final byte[] stream = Hex.parse("02 00 00 00 00 00 00 00 02 68 69");

        assertEquals(stream.length, decode(stream));

        assertEquals(List.of(RecordingFrameHandler.data(0x02, Hex.ascii("hi"))), handler.events);
    }

    @Test
    void emptyFramesAreDelivered()
    {
        final byte[] stream = Hex.parse("01 00 02 00 00 00 00 00 00 00 00");

        assertEquals(stream.length, decode(stream));

        assertEquals(List.of(
            RecordingFrameHandler.data(0x01, new byte[0]),
            RecordingFrameHandler.data(0x02, new byte[0])), handler.events);
    }

    @Test
    void bodyInsideOneChunkIsHandedOverInPlace()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(Hex.parse("00 03 61 62 63"));
        final int[] seen = new int[2];
        final RecordingFrameHandler inPlace = new RecordingFrameHandler()
        {
            @Override
            public void onFrameBody(final DirectBuffer piece, final int offset, final int length)
            {
                assertTrue(piece == buffer);
                seen[0] = offset;
                seen[1] = length;
            }
        };

        decoder.decode(buffer, 0, buffer.capacity(), inPlace);

        assertEquals(2, seen[0]);
        assertEquals(3, seen[1]);
    }

    @Test
    void commandIsDeliveredWholeFromItsNameLengthByte()
    {
        final byte[] stream = Hex.parse("04 0b 04 50 49 4e 47 01 2c 68 62 2d 37");

        assertEquals(stream.length, decode(stream));

        assertEquals(List.of(RecordingFrameHandler.command(Hex.parse("04 50 49 4e 47 01 2c 68 62 2d 37"))),
            handler.events);
    }

    @Test
    void longCommandIsDelivered()
    {
        final byte[] body = WireStream.commandBody("SUBSCRIBE", WireStream.bytes(300, 9));
        final byte[] stream = new WireStream().command("SUBSCRIBE", WireStream.bytes(300, 9)).toByteArray();
        assertEquals(0x06, stream[0]);

        assertEquals(stream.length, decode(stream));

        assertEquals(List.of(RecordingFrameHandler.command(body)), handler.events);
    }

    @Test
    void zmtp30SubscriptionArrivesAsAnOrdinaryDataFrame()
    {
        final byte[] stream = Hex.parse("00 06 01 74 6f 70 69 63");

        decode(stream);

        assertEquals(List.of(RecordingFrameHandler.data(0x00, Hex.parse("01 74 6f 70 69 63"))), handler.events);
    }

    @Test
    void decoderIsNotAtFrameBoundaryInsideAFrame()
    {
        decode(Hex.parse("00 05 68 65"));

        assertFalse(decoder.isAtFrameBoundary());
        assertEquals(List.of(), handler.events);

        decode(Hex.parse("6c 6c 6f"));

        assertTrue(decoder.isAtFrameBoundary());
        assertEquals(List.of(RecordingFrameHandler.data(0, Hex.ascii("hello"))), handler.events);
    }

    @Test
    void bodyOfExactlyTheMaximumMessageSizeIsAccepted()
    {
        final FrameDecoder small = new FrameDecoder(3, 64);
        final byte[] stream = Hex.parse("00 03 61 62 63");

        assertEquals(stream.length, small.decode(new UnsafeBuffer(stream), 0, stream.length, handler));

        assertNull(small.error());
        assertEquals(1, handler.events.size());
    }

    @Test
    void commandOfExactlyTheCommandBufferSizeIsAccepted()
    {
        final FrameDecoder small = new FrameDecoder(-1, 7);
        final byte[] stream = Hex.parse("04 07 04 50 49 4e 47 00 00");

        for (int i = 0; i < stream.length; i++)
        {
            assertEquals(1, small.decode(new UnsafeBuffer(stream), i, 1, handler));
        }

        assertNull(small.error());
        assertEquals(List.of(RecordingFrameHandler.command(Hex.parse("04 50 49 4e 47 00 00"))), handler.events);
    }

    private int decode(final byte[] stream)
    {
        return decoder.decode(new UnsafeBuffer(stream), 0, stream.length, handler);
    }
}
