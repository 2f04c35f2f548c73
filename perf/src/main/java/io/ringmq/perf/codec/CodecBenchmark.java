package io.ringmq.perf.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.ringmq.codec.CommandEncoder;
import io.ringmq.codec.FrameDecoder;
import io.ringmq.codec.FrameDescriptor;
import io.ringmq.codec.FrameHandler;

/**
 * ZMTP data frames with a 64-byte body (a short frame: 2-byte header), decoded and encoded over off-heap buffers
 * built once per trial. The batch variants work on {@value #BATCH_FRAMES} frames per call, as an I/O agent does
 * after a full read; the single variants show the per-call overhead. Scores are ns per frame. One thread, so
 * one core spins and the other is left to JMH and the machine.
 * <p>
 * Agrona's bounds checks are on, as they are by default; add
 * {@code -jvmArgsAppend -Dagrona.disable.bounds.checks=true} to measure without them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class CodecBenchmark
{
    /** Body length of every data frame. */
    public static final int BODY_LENGTH = 64;
    /** Frames in the batch buffers. */
    public static final int BATCH_FRAMES = 1024;

    private static final int FRAME_LENGTH = FrameDescriptor.headerLength(BODY_LENGTH) + BODY_LENGTH;
    private static final int MAX_COMMAND_SIZE = 512;
    private static final byte[] SUBSCRIPTION_PREFIX = "md.EURUSD".getBytes(StandardCharsets.US_ASCII);

    private final FrameDecoder decoder = new FrameDecoder(-1, MAX_COMMAND_SIZE);
    private final ConsumingHandler handler = new ConsumingHandler();

    private UnsafeBuffer body;
    private UnsafeBuffer prefix;
    private UnsafeBuffer batchWire;
    private UnsafeBuffer singleWire;
    private UnsafeBuffer encodeOut;

    /**
     * Allocate the buffers, encode the wire bytes the decode benchmarks read, and check that they decode.
     */
    @Setup(Level.Trial)
    public void setup()
    {
        body = offHeap(BODY_LENGTH);
        for (int i = 0; i < BODY_LENGTH; i++)
        {
            body.putByte(i, (byte)('a' + (i % 26)));
        }
        prefix = offHeap(SUBSCRIPTION_PREFIX.length);
        prefix.putBytes(0, SUBSCRIPTION_PREFIX);

        encodeOut = offHeap(BATCH_FRAMES * FRAME_LENGTH);
        batchWire = offHeap(BATCH_FRAMES * FRAME_LENGTH);
        singleWire = offHeap(FRAME_LENGTH);

        // The decode input is the encoder's own output, so the setup also checks that the two agree.
        encodeFrames(batchWire, body, BATCH_FRAMES);
        encodeFrames(singleWire, body, 1);

        verifyDecode(batchWire, BATCH_FRAMES);
        verifyDecode(singleWire, 1);
    }

    /**
     * Fail the run if the decoder ever stopped on an error or mid-frame, which would make the scores meaningless.
     */
    @TearDown(Level.Trial)
    public void checkDecoder()
    {
        if (null != decoder.error() || !decoder.isAtFrameBoundary())
        {
            throw new IllegalStateException("decoder left in error or mid-frame: " + decoder.error());
        }
    }

    /**
     * @return bytes consumed, all {@value #BATCH_FRAMES} frames.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH_FRAMES)
    public int decodeBatch()
    {
        return decoder.decode(batchWire, 0, batchWire.capacity(), handler);
    }

    /**
     * @return bytes consumed, one frame.
     */
    @Benchmark
    public int decodeSingle()
    {
        return decoder.decode(singleWire, 0, FRAME_LENGTH, handler);
    }

    /**
     * @return the offset just past the last frame written.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH_FRAMES)
    public int encodeBatch()
    {
        return encodeFrames(encodeOut, body, BATCH_FRAMES);
    }

    /**
     * @return the offset just past the frame written.
     */
    @Benchmark
    public int encodeSingle()
    {
        return encodeFrames(encodeOut, body, 1);
    }

    /**
     * A ZMTP 3.1 SUBSCRIBE command for a 9-byte prefix, header included.
     *
     * @return the frame length.
     */
    @Benchmark
    public int encodeSubscribe()
    {
        return CommandEncoder.subscription(encodeOut, 0, true, true, prefix, 0, prefix.capacity());
    }

    /**
     * Write {@code count} back-to-back frames the way a sender's ring does: body first, then the header in front
     * of it.
     */
    private static int encodeFrames(final MutableDirectBuffer out, final DirectBuffer body, final int count)
    {
        final int headerLength = FrameDescriptor.headerLength(BODY_LENGTH);
        int frameOffset = 0;
        for (int i = 0; i < count; i++)
        {
            final int bodyOffset = frameOffset + headerLength;
            out.putBytes(bodyOffset, body, 0, BODY_LENGTH);
            FrameDescriptor.writeHeaderBefore(out, bodyOffset, BODY_LENGTH, 0);
            frameOffset = bodyOffset + BODY_LENGTH;
        }
        return frameOffset;
    }

    private void verifyDecode(final UnsafeBuffer wire, final int expectedFrames)
    {
        handler.reset();
        final int consumed = decoder.decode(wire, 0, wire.capacity(), handler);
        if (consumed != wire.capacity() || handler.frames != expectedFrames ||
            handler.bodyBytes != (long)expectedFrames * BODY_LENGTH || null != decoder.error())
        {
            throw new IllegalStateException(
                "bad decode: consumed=" + consumed + " frames=" + handler.frames + " bodyBytes=" + handler.bodyBytes +
                " error=" + decoder.error());
        }
        handler.reset();
    }

    private static UnsafeBuffer offHeap(final int length)
    {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(length));
    }

    /**
     * Counts what it is given into fields of a state object, which the JIT cannot prove unread, so the decoder's
     * work stays live without the cost of a {@code Blackhole} call per frame.
     */
    static final class ConsumingHandler implements FrameHandler
    {
        long frames;
        long bodyBytes;
        long commands;
        int flagsSeen;

        void reset()
        {
            frames = 0;
            bodyBytes = 0;
            commands = 0;
            flagsSeen = 0;
        }

        @Override
        public boolean onFrameStart(final int flags, final long length)
        {
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
            frames++;
            flagsSeen |= flags;
        }

        @Override
        public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
        {
            commands++;
            return true;
        }
    }
}
