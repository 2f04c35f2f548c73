package io.ringmq.perf.ring;

import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.ringmq.internal.FrameRing;
import io.ringmq.internal.FrameVisitor;

/**
 * The engine's {@link FrameRing}, through which every message passes between an application thread and an I/O
 * agent: claim a 64-byte frame, write its body, publish; read it on the other side.
 * <ul>
 *   <li>{@code sameThread}: claim, publish and read on one thread, the cost of the ring's bookkeeping alone;</li>
 *   <li>{@code handoff}: one producer and one consumer thread (two cores), the cost of the hand-off with the cache
 *   lines travelling between cores. A full or empty ring counts as an operation that did nothing, as in a duty
 *   cycle, so compare {@code handoff:produce} with {@code handoff:consume} to see which side waits.</li>
 * </ul>
 * {@code -prof gc} shows 0 B/op: neither side allocates.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RingHandoffBenchmark
{
    private static final int FRAME = 64;
    private static final int RING_BYTES = 256 * 1024;

    /** One ring shared by the producer and the consumer of a group (or by the one thread of sameThread). */
    @State(Scope.Group)
    public static class Ring implements FrameVisitor
    {
        final FrameRing ring = new FrameRing(RING_BYTES);
        long sum;

        @Override
        public boolean onFrame(final DirectBuffer buffer, final int offset, final int length, final int flags)
        {
            sum += buffer.getLong(offset);
            return true;
        }
    }

    /**
     * @param state the ring.
     * @return frames read (1).
     */
    @Benchmark
    @Group("sameThread")
    @GroupThreads(1)
    public int sameThread(final Ring state)
    {
        final FrameRing ring = state.ring;
        final int at = ring.claim(FRAME, 0);
        ring.buffer().putLong(at, at);
        ring.publish();
        return ring.read(state, 1);
    }

    /**
     * @param state the ring.
     * @return true when a frame was published, false when the ring was full.
     */
    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public boolean produce(final Ring state)
    {
        final FrameRing ring = state.ring;
        final int at = ring.claim(FRAME, 0);
        if (at == FrameRing.INSUFFICIENT_CAPACITY)
        {
            return false;
        }
        ring.buffer().putLong(at, at);
        ring.publish();
        return true;
    }

    /**
     * @param state the ring.
     * @return frames read, up to 64.
     */
    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public int consume(final Ring state)
    {
        return state.ring.read(state, 64);
    }
}
