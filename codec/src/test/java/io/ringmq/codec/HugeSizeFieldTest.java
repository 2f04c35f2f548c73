package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import io.ringmq.test.AllocationMeter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A size field is a number the peer chose: with a limit it is refused before any body byte, and without one the
 * body is streamed through, so a 2^62-byte frame costs no memory.
 */
class HugeSizeFieldTest
{
    private static final long BOUND_BYTES = 64 * 1024;
    private static final int STREAMED_BYTES = 16 << 20;

    @ParameterizedTest
    @ValueSource(longs = { 1L << 62, Long.MAX_VALUE, (1L << 32) + 5, (1L << 20) + 1 })
    void sizeAboveTheLimitIsRefusedBeforeTheBody(final long size)
    {
        final FrameDecoder decoder = new FrameDecoder(1 << 20, 256);
        final RecordingFrameHandler handler = new RecordingFrameHandler();
        final byte[] stream = new WireStream().longHeader(0, size).raw(0x61).toByteArray();

        assertEquals(9, decoder.decode(new UnsafeBuffer(stream), 0, stream.length, handler));

        assertEquals(ZmtpError.MESSAGE_TOO_LARGE, decoder.error());
        assertEquals(0, handler.frameStartCalls);
    }

    @ParameterizedTest
    @ValueSource(longs = { -1, Long.MIN_VALUE, 0x8000_0000_0000_0001L })
    void negativeSizeIsRefusedWithOrWithoutALimit(final long size)
    {
        for (final long limit : new long[]{ 1 << 20, -1 })
        {
            final FrameDecoder decoder = new FrameDecoder(limit, 256);
            final byte[] stream = new WireStream().longHeader(1, size).toByteArray();

            assertEquals(9, decoder.decode(new UnsafeBuffer(stream), 0, stream.length, new RecordingFrameHandler()));

            assertEquals(ZmtpError.NEGATIVE_SIZE, decoder.error());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = { 1L << 62, Long.MAX_VALUE })
    void withoutALimitAHugeFrameIsStreamedWithoutAllocating(final long size)
    {
        final UnsafeBuffer chunk = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
        final byte[] header = new WireStream().longHeader(0, size).toByteArray();
        final CountingHandler handler = new CountingHandler();
        streamHugeFrame(size, header, chunk, handler);
        final AllocationMeter meter = new AllocationMeter();

        meter.start();
        final FrameDecoder decoder = streamHugeFrame(size, header, chunk, handler);
        final long allocated = meter.stop();

        assertNull(decoder.error());
        assertEquals(size, handler.announced);
        assertEquals(STREAMED_BYTES, handler.bodyBytes);
        assertTrue(allocated < BOUND_BYTES, "allocated " + allocated + " bytes");
    }

    private static FrameDecoder streamHugeFrame(
        final long size, final byte[] header, final UnsafeBuffer chunk, final CountingHandler handler)
    {
        handler.bodyBytes = 0;
        final FrameDecoder decoder = new FrameDecoder(-1, 256);
        chunk.putBytes(0, header);
        decoder.decode(chunk, 0, header.length, handler);
        for (int streamed = 0; streamed < STREAMED_BYTES; streamed += chunk.capacity())
        {
            final int consumed = decoder.decode(chunk, 0, chunk.capacity(), handler);
            if (consumed != chunk.capacity())
            {
                throw new IllegalStateException("stopped after " + consumed + " bytes: " + decoder.error());
            }
        }
        return decoder;
    }

    private static final class CountingHandler implements FrameHandler
    {
        long announced;
        long bodyBytes;

        @Override
        public boolean onFrameStart(final int flags, final long length)
        {
            announced = length;
            return true;
        }

        @Override
        public void onFrameBody(final DirectBuffer buffer, final int offset, final int length)
        {
            bodyBytes += length;
        }

        @Override
        public void onFrameEnd(final int flags)
        {
        }

        @Override
        public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
        {
            return true;
        }
    }
}
