package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import io.ringmq.test.AllocationMeter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * After warm-up, encoding and decoding a million 64-byte frames (with a PING every 1024 frames) allocates
 * nothing, measured over every thread of the process. The bound is a fixed total, not a per-message average.
 */
class SteadyStateAllocationTest
{
    private static final int FRAMES = 1_000_000;
    private static final int BODY_LENGTH = 64;
    private static final long BOUND_BYTES = 64 * 1024;

    private final UnsafeBuffer wire = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private final UnsafeBuffer body = new UnsafeBuffer(ByteBuffer.allocateDirect(BODY_LENGTH));
    private final UnsafeBuffer pingContext = new UnsafeBuffer(ByteBuffer.allocateDirect(16));
    private final FrameDecoder decoder = new FrameDecoder(1 << 20, 256);
    private final CountingHandler handler = new CountingHandler();

    @Test
    void encodingAndDecodingAMillionFramesAllocatesNothing()
    {
        for (int i = 0; i < BODY_LENGTH; i++)
        {
            body.putByte(i, (byte)i);
        }
        for (int i = 0; i < 5; i++)
        {
            run(FRAMES / 5);
        }
        final AllocationMeter meter = new AllocationMeter();
        handler.frames = 0;

        meter.start();
        run(FRAMES);
        final long allocated = meter.stop();

        assertEquals(FRAMES, handler.frames);
        assertTrue(handler.commands > 0);
        assertTrue(allocated < BOUND_BYTES, "allocated " + allocated + " bytes over " + meter.threadCount() +
            " threads for " + FRAMES + " frames");
    }

    private void run(final int frames)
    {
        final int capacity = wire.capacity();
        final CommandFlyweight command = handler.command;
        int sent = 0;
        while (sent < frames)
        {
            int position = 0;
            while (sent < frames && capacity - position >= 2 * (FrameDescriptor.MAX_HEADER_LENGTH + BODY_LENGTH))
            {
                if ((sent & 1023) == 0)
                {
                    position += CommandEncoder.ping(wire, position, 10, pingContext, 0, 16);
                }
                final int flags = (sent & 1) == 0 ? FrameDescriptor.FLAG_MORE : 0;
                position += FrameDescriptor.writeHeader(wire, position, BODY_LENGTH, flags);
                wire.putBytes(position, body, 0, BODY_LENGTH);
                position += BODY_LENGTH;
                sent++;
            }
            final int consumed = decoder.decode(wire, 0, position, handler);
            if (consumed != position || null != decoder.error() || null == command)
            {
                throw new IllegalStateException("decode stopped at " + consumed + " of " + position);
            }
        }
    }

    private static final class CountingHandler implements FrameHandler
    {
        final CommandFlyweight command = new CommandFlyweight();
        long frames;
        long commands;
        long checksum;

        @Override
        public boolean onFrameStart(final int flags, final long length)
        {
            return true;
        }

        @Override
        public void onFrameBody(final DirectBuffer buffer, final int offset, final int length)
        {
            checksum += buffer.getByte(offset + length - 1);
        }

        @Override
        public void onFrameEnd(final int flags)
        {
            frames++;
        }

        @Override
        public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
        {
            if (command.wrap(buffer, offset, length).command() == ZmtpCommand.PING && command.isWellFormed())
            {
                commands++;
            }
            return true;
        }
    }
}
