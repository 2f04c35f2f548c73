package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FrameDecoderErrorTest
{
    private static final int MAX_MESSAGE = 1000;
    private static final int MAX_COMMAND = 64;

    private final FrameDecoder decoder = new FrameDecoder(MAX_MESSAGE, MAX_COMMAND);
    private final RecordingFrameHandler handler = new RecordingFrameHandler();

    @ParameterizedTest
    @ValueSource(ints = { 0x08, 0x10, 0x20, 0x40, 0x80, 0xF8, 0x09, 0x0C })
    void reservedFlagBitsAreRejected(final int flags)
    {
        assertRejected(ZmtpError.RESERVED_FLAGS, 1, flags, 0x01, 0x61);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0x05, 0x07 })
    void commandWithMoreIsRejected(final int flags)
    {
        assertRejected(ZmtpError.COMMAND_WITH_MORE, 1, flags, 0x05, 0x04, 0x50, 0x49, 0x4e, 0x47);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0x02, 0x03, 0x06 })
    void negativeLongSizeIsRejected(final int flags)
    {
        assertRejected(ZmtpError.NEGATIVE_SIZE, 9, flags, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x61);
        decoder.reset();
        assertRejected(ZmtpError.NEGATIVE_SIZE, 9, flags, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
    }

    @Test
    void negativeSizeIsRejectedEvenWithoutAMessageLimit()
    {
        final FrameDecoder unlimited = new FrameDecoder(-1, MAX_COMMAND);
        final byte[] stream = new WireStream().longHeader(0, Long.MIN_VALUE).toByteArray();

        assertEquals(9, unlimited.decode(new UnsafeBuffer(stream), 0, stream.length, handler));

        assertEquals(ZmtpError.NEGATIVE_SIZE, unlimited.error());
    }

    @Test
    void shortFrameAboveTheMaximumMessageSizeIsRejectedBeforeItsBody()
    {
        final FrameDecoder small = new FrameDecoder(100, MAX_COMMAND);
        final byte[] stream = new WireStream().shortFrame(0, new byte[101]).toByteArray();

        assertEquals(2, small.decode(new UnsafeBuffer(stream), 0, stream.length, handler));

        assertEquals(ZmtpError.MESSAGE_TOO_LARGE, small.error());
        assertEquals(0, handler.frameStartCalls);
    }

    @Test
    void longFrameAboveTheMaximumMessageSizeIsRejectedBeforeItsBody()
    {
        final byte[] stream = new WireStream().longHeader(0x01, MAX_MESSAGE + 1).raw(0x61).toByteArray();

        assertRejected(ZmtpError.MESSAGE_TOO_LARGE, 9, stream);
    }

    @Test
    void hugeSizesAreRejectedAgainstTheLimit()
    {
        assertRejected(ZmtpError.MESSAGE_TOO_LARGE, 9, new WireStream().longHeader(0, 1L << 62).toByteArray());
        decoder.reset();
        assertRejected(ZmtpError.MESSAGE_TOO_LARGE, 9, new WireStream().longHeader(0, Long.MAX_VALUE).toByteArray());
    }

    @Test
    void commandAboveTheCommandBufferIsRejected()
    {
        final byte[] stream = new WireStream().shortFrame(0x04, new byte[MAX_COMMAND + 1]).toByteArray();

        assertRejected(ZmtpError.COMMAND_TOO_LARGE, 2, stream);
    }

    @Test
    void hugeLongCommandIsRejected()
    {
        assertRejected(ZmtpError.COMMAND_TOO_LARGE, 9, new WireStream().longHeader(0x04, 1L << 40).toByteArray());
        decoder.reset();
        assertRejected(
            ZmtpError.COMMAND_TOO_LARGE, 9, new WireStream().longHeader(0x04, Long.MAX_VALUE).toByteArray());
    }

    @Test
    void zeroLengthCommandIsRejected()
    {
        assertRejected(ZmtpError.MALFORMED_COMMAND, 2, 0x04, 0x00, 0x00, 0x01, 0x61);
        decoder.reset();
        assertRejected(ZmtpError.MALFORMED_COMMAND, 9, 0x06, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void commandNameLengthPastTheBodyIsRejectedInPlace()
    {
        assertRejected(ZmtpError.MALFORMED_COMMAND, 5, 0x04, 0x03, 0x05, 0x41, 0x42, 0x00, 0x00);
    }

    @Test
    void commandNameLengthPastTheBodyIsRejectedWhenAssembledFromPieces()
    {
        final byte[] stream = Hex.parse("04 03 05 41 42");
        final UnsafeBuffer buffer = new UnsafeBuffer(stream);

        for (int i = 0; i < stream.length; i++)
        {
            assertEquals(1, decoder.decode(buffer, i, 1, handler));
        }

        assertEquals(ZmtpError.MALFORMED_COMMAND, decoder.error());
        assertEquals(List.of(), handler.events);
    }

    @Test
    void commandWithEmptyNameIsRejected()
    {
        assertRejected(ZmtpError.MALFORMED_COMMAND, 4, 0x04, 0x02, 0x00, 0x41);
    }

    @Test
    void errorIsStickyUntilReset()
    {
        final byte[] bad = Hex.parse("08 00");
        final byte[] good = Hex.parse("00 01 61");

        decoder.decode(new UnsafeBuffer(bad), 0, bad.length, handler);
        assertEquals(0, decoder.decode(new UnsafeBuffer(good), 0, good.length, handler));
        assertEquals(ZmtpError.RESERVED_FLAGS, decoder.error());

        decoder.reset();

        assertNull(decoder.error());
        assertEquals(good.length, decoder.decode(new UnsafeBuffer(good), 0, good.length, handler));
        assertEquals(List.of(RecordingFrameHandler.data(0, Hex.ascii("a"))), handler.events);
    }

    @Test
    void resetDropsAPartialFrame()
    {
        final byte[] partial = Hex.parse("04 09 04 50 49");
        final byte[] good = Hex.parse("00 01 61");
        decoder.decode(new UnsafeBuffer(partial), 0, partial.length, handler);

        decoder.reset();

        assertEquals(good.length, decoder.decode(new UnsafeBuffer(good), 0, good.length, handler));
        assertEquals(List.of(RecordingFrameHandler.data(0, Hex.ascii("a"))), handler.events);
    }

    private void assertRejected(final ZmtpError expected, final int consumed, final int... stream)
    {
        final byte[] bytes = new byte[stream.length];
        for (int i = 0; i < stream.length; i++)
        {
            bytes[i] = (byte)stream[i];
        }
        assertRejected(expected, consumed, bytes);
    }

    private void assertRejected(final ZmtpError expected, final int consumed, final byte[] stream)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(stream);

        assertEquals(consumed, decoder.decode(buffer, 0, stream.length, handler));
        assertEquals(expected, decoder.error());
        assertEquals(List.of(), handler.events);
        assertEquals(0, handler.frameStartCalls);
        assertEquals(0, decoder.decode(buffer, consumed, stream.length - consumed, handler));
    }
}
