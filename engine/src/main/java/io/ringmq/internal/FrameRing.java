package io.ringmq.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.lmax.disruptor.Sequence;
import io.ringmq.Counter;
import io.ringmq.codec.FrameDescriptor;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A single-producer, single-consumer ring of frames in off-heap memory, sequenced with LMAX Disruptor
 * {@link Sequence}s at byte granularity: a sequence number is a byte position, the producer's published
 * sequence tells the consumer how far to read and the consumer's sequence gates the producer.
 *
 * <p>The producer claims with its own arithmetic rather than a Disruptor {@code SingleProducerSequencer}: that
 * sequencer's {@code next()} moves its cursor up to everything claimed so far when its gating cache is stale,
 * which would show the reader the leading frames of a message still being received, and with assertions on it
 * insists every claim comes from one thread, while in invoker mode the producer side legitimately moves between
 * application threads (serialised by the invoker's lock).
 *
 * <p>Records are ZMTP frames exactly as they go on the wire (flags, 1- or 8-byte size, body), so an outbound ring
 * is already encoded. Two more record kinds use flag values ZMTP reserves:
 * <pre>
 *  0xFF                 padding to the end of the buffer, so a frame body never wraps
 *  0xFE flags           a large frame whose body lives outside the ring (queued in order beside it)
 *  flags | 0x80 ...     a frame the producer discarded after claiming it (e.g. filtered out)
 * </pre>
 * Bodies larger than a quarter of the capacity take the large path, which allocates; everything else is written
 * in place and allocates nothing. The ring also counts messages (frames without MORE) on both sides, so a
 * high-water mark in messages can be checked without walking the ring.
 */
public final class FrameRing
{
    /** Returned by {@link #claim} when the ring lacks space now. */
    public static final int INSUFFICIENT_CAPACITY = -1;

    static final int PADDING = 0xFF;
    static final int LARGE = 0xFE;
    static final int DISCARDED_FLAG = 0x80;
    private static final int LARGE_RECORD_LENGTH = 2;
    private static final int MAX_OUTSTANDING_LARGE = 64;

    private final UnsafeBuffer buffer;
    private final int capacity;
    private final int mask;
    private final int maxInlineBody;
    private final Sequence published = new Sequence(-1);
    private final Sequence consumed = new Sequence(-1);
    private final OneToOneConcurrentArrayQueue<UnsafeBuffer> largeBodies =
        new OneToOneConcurrentArrayQueue<>(MAX_OUTSTANDING_LARGE);
    private final Sequence messagesPublished = new Sequence(0);
    private final Sequence messagesConsumed = new Sequence(0);

    // producer state
    private long claimedUpTo = -1;
    private long cachedConsumed = -1;
    private long messagesClaimed;
    private int lastFrameIndex = -1;

    // consumer state
    private long readPosition;
    private long messagesRead;

    // counting for an inproc pipe: each side adds to its own socket's set, on its own thread
    private CounterSet sendCounters;
    private long bodyBytesClaimed;
    private long messagesCountedSent;
    private long bodyBytesCountedSent;
    private CounterSet receiveCounters;

    private volatile boolean closed;
    private volatile Waker consumerWaker;
    private volatile Waker producerWaker;
    private byte[] routingId = new byte[0];
    private UnsafeBuffer routingIdBuffer = new UnsafeBuffer(routingId);

    /**
     * @param capacity bytes of off-heap memory, rounded up to a power of two, at least 1 KiB.
     */
    public FrameRing(final int capacity)
    {
        this.capacity = BitUtil.findNextPositivePowerOfTwo(Math.max(1024, capacity));
        this.mask = this.capacity - 1;
        this.maxInlineBody = this.capacity / 4;
        this.buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(this.capacity));
    }

    /**
     * Name the peer whose messages this ring carries; set by the I/O agent before the ring is handed over.
     *
     * @param id the peer's routing id.
     */
    public void routingId(final byte[] id)
    {
        routingId = id;
        routingIdBuffer = new UnsafeBuffer(id);
    }

    /**
     * @return the routing id of the peer whose messages this ring carries. Do not modify.
     */
    public byte[] routingId()
    {
        return routingId;
    }

    /**
     * @return the routing id as a buffer, for zero-copy delivery of the ROUTER id frame.
     */
    public DirectBuffer routingIdBuffer()
    {
        return routingIdBuffer;
    }

    /**
     * Wake a consumer on another application thread (an inproc peer) at each publish.
     *
     * @param waker of the consuming socket, or null.
     */
    public void wakeConsumerWith(final Waker waker)
    {
        consumerWaker = waker;
    }

    /**
     * Wake a producer on another application thread (an inproc peer) when the consumer frees space.
     *
     * @param waker of the producing socket, or null.
     */
    public void wakeProducerWith(final Waker waker)
    {
        producerWaker = waker;
    }

    /**
     * @return bytes of ring memory.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return the largest body written in place; larger ones go through {@link #offerLarge}.
     */
    public int maxInlineBody()
    {
        return maxInlineBody;
    }

    /**
     * @return the ring's memory, for writing a body at the offset {@link #claim} returned.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    // ---------------------------------------------------------------------------------------------- producer

    /**
     * Claim space for a frame and write its header. The frame becomes visible at the next {@link #publish()}.
     *
     * @param bodyLength of the body, at most {@link #maxInlineBody()}.
     * @param flags      {@link FrameDescriptor#FLAG_MORE} or 0.
     * @return the offset in {@link #buffer()} where the body goes, or {@link #INSUFFICIENT_CAPACITY}.
     */
    public int claim(final int bodyLength, final int flags)
    {
        final int headerLength = FrameDescriptor.headerLength(bodyLength);
        final int recordLength = headerLength + bodyLength;
        final int index = (int)((claimedUpTo + 1) & mask);
        final int toEnd = capacity - index;
        final int padding = recordLength > toEnd ? toEnd : 0;
        if (!hasCapacity(padding + recordLength))
        {
            return INSUFFICIENT_CAPACITY;
        }

        claimedUpTo += padding + recordLength;
        bodyBytesClaimed += bodyLength;
        final int recordIndex = padding > 0 ? 0 : index;
        if (padding > 0)
        {
            buffer.putByte(index, (byte)PADDING);
        }
        FrameDescriptor.writeHeader(buffer, recordIndex, bodyLength, flags & FrameDescriptor.FLAG_MORE);
        lastFrameIndex = recordIndex;
        countIfLast(flags);
        return recordIndex + headerLength;
    }

    /**
     * Queue a frame whose body is held outside the ring; the buffer is handed over, not copied.
     *
     * @param body  exactly the body, owned by the ring from now on.
     * @param flags {@link FrameDescriptor#FLAG_MORE} or 0.
     * @return false when the ring lacks space now.
     */
    public boolean offerLarge(final UnsafeBuffer body, final int flags)
    {
        final int index = (int)((claimedUpTo + 1) & mask);
        final int toEnd = capacity - index;
        final int padding = LARGE_RECORD_LENGTH > toEnd ? toEnd : 0;
        if (largeBodies.remainingCapacity() == 0 || !hasCapacity(padding + LARGE_RECORD_LENGTH))
        {
            return false;
        }

        claimedUpTo += padding + LARGE_RECORD_LENGTH;
        bodyBytesClaimed += body.capacity();
        final int recordIndex = padding > 0 ? 0 : index;
        if (padding > 0)
        {
            buffer.putByte(index, (byte)PADDING);
        }
        buffer.putByte(recordIndex, (byte)LARGE);
        buffer.putByte(recordIndex + 1, (byte)(flags & FrameDescriptor.FLAG_MORE));
        largeBodies.offer(body);
        lastFrameIndex = -1;
        countIfLast(flags);
        return true;
    }

    /**
     * @param bytes       record bytes of a whole message, padding included.
     * @param largeFrames how many of its frames go through {@link #offerLarge}.
     * @return true when the ring has room for all of it now.
     */
    public boolean hasCapacity(final int bytes, final int largeFrames)
    {
        return largeBodies.remainingCapacity() >= largeFrames && hasCapacity(bytes);
    }

    /**
     * @return true when {@link #offerLarge} would succeed now.
     */
    public boolean canOfferLarge()
    {
        return largeBodies.remainingCapacity() > 0 && hasCapacity(LARGE_RECORD_LENGTH + 1);
    }

    /**
     * Mark the frame claimed last as discarded: the consumer skips it. Only for in-place frames not yet published.
     */
    public void discardLastFrame()
    {
        if (lastFrameIndex >= 0)
        {
            final int flags = buffer.getByte(lastFrameIndex) & 0xFF;
            buffer.putByte(lastFrameIndex, (byte)(flags | DISCARDED_FLAG));
            if (!FrameDescriptor.isMore(flags))
            {
                messagesClaimed--;
            }
        }
    }

    /**
     * Set MORE on the frame claimed last, which was claimed as the end of its message.
     */
    public void markLastFrameMore()
    {
        final int flags = buffer.getByte(lastFrameIndex) & 0xFF;
        buffer.putByte(lastFrameIndex, (byte)(flags | FrameDescriptor.FLAG_MORE));
        messagesClaimed--;
    }

    /**
     * Make everything claimed so far visible to the consumer.
     */
    public void publish()
    {
        // Bytes before the count: a consumer that sees a message counted must find its frames published.
        published.set(claimedUpTo);
        messagesPublished.set(messagesClaimed);
        wake(consumerWaker);
        if (null != sendCounters)
        {
            sendCounters.add(Counter.MESSAGES_SENT, messagesClaimed - messagesCountedSent);
            sendCounters.add(Counter.BYTES_SENT, bodyBytesClaimed - bodyBytesCountedSent);
            messagesCountedSent = messagesClaimed;
            bodyBytesCountedSent = bodyBytesClaimed;
        }
    }

    /**
     * An inproc pipe's ring: count what its producer publishes (messages and body bytes sent) in {@code counters};
     * call on the producer's thread.
     */
    void countSendsIn(final CounterSet counters)
    {
        messagesCountedSent = messagesClaimed;
        bodyBytesCountedSent = bodyBytesClaimed;
        sendCounters = counters;
    }

    /**
     * An inproc pipe's ring: count what its consumer reads (messages and body bytes received) in {@code counters};
     * call on the consumer's thread.
     */
    void countReceivesIn(final CounterSet counters)
    {
        receiveCounters = counters;
    }

    private static void wake(final Waker waker)
    {
        if (null != waker)
        {
            waker.wake();
        }
    }

    /**
     * @param bytes a frame's record length.
     * @return true when the ring has that much free space now.
     */
    public boolean hasCapacity(final int bytes)
    {
        final long wrapPoint = claimedUpTo + bytes - capacity;
        if (wrapPoint > cachedConsumed)
        {
            cachedConsumed = consumed.get();
        }
        return wrapPoint <= cachedConsumed;
    }

    private void countIfLast(final int flags)
    {
        if (!FrameDescriptor.isMore(flags))
        {
            messagesClaimed++;
        }
    }

    /**
     * @return messages published and not yet consumed; read by the producer for its high-water mark.
     */
    public long queuedMessages()
    {
        return messagesClaimed - messagesConsumed.get();
    }

    /**
     * Tell the consumer that nothing more will be published.
     */
    public void close()
    {
        closed = true;
        wake(consumerWaker);
        wake(producerWaker);
    }

    // ---------------------------------------------------------------------------------------------- consumer

    /**
     * @return true once {@link #close()} was called by the producer.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * @return true when nothing published is left to read.
     */
    public boolean isEmpty()
    {
        return readPosition > published.get();
    }

    /**
     * @return messages published and not yet read; for the consumer.
     */
    public long availableMessages()
    {
        return messagesPublished.get() - messagesRead;
    }

    /**
     * Hand published frames to a visitor, in order.
     *
     * @param visitor    decides per frame whether it is taken.
     * @param frameLimit the most frames to hand over.
     * @return frames taken.
     */
    public int read(final FrameVisitor visitor, final int frameLimit)
    {
        final long available = published.get();
        long position = readPosition;
        int frames = 0;
        long bodyBytes = 0;
        final long messagesBefore = messagesRead;

        while (frames < frameLimit && position <= available)
        {
            final int index = (int)(position & mask);
            final int first = buffer.getByte(index) & 0xFF;
            if (first == PADDING)
            {
                position += capacity - index;
                continue;
            }

            if (first == LARGE)
            {
                final int flags = buffer.getByte(index + 1) & 0xFF;
                final UnsafeBuffer body = largeBodies.peek();
                if (!visitor.onFrame(body, 0, body.capacity(), flags))
                {
                    break;
                }
                largeBodies.poll();
                position += LARGE_RECORD_LENGTH;
                bodyBytes += body.capacity();
                frames++;
                countIfLastRead(flags);
                continue;
            }

            final int headerLength;
            final int bodyLength;
            if ((first & FrameDescriptor.FLAG_LONG) != 0)
            {
                headerLength = FrameDescriptor.LONG_HEADER_LENGTH;
                bodyLength = (int)buffer.getLong(index + 1, ByteOrder.BIG_ENDIAN);
            }
            else
            {
                headerLength = FrameDescriptor.SHORT_HEADER_LENGTH;
                bodyLength = buffer.getByte(index + 1) & 0xFF;
            }

            if ((first & DISCARDED_FLAG) == 0)
            {
                final int flags = first & FrameDescriptor.FLAG_MORE;
                if (!visitor.onFrame(buffer, index + headerLength, bodyLength, flags))
                {
                    break;
                }
                bodyBytes += bodyLength;
                frames++;
                countIfLastRead(flags);
            }
            position += headerLength + bodyLength;
        }

        if (position != readPosition)
        {
            readPosition = position;
            // Space before the count, for the same reason on the producer's side.
            consumed.set(position - 1);
            messagesConsumed.set(messagesRead);
            wake(producerWaker);
            if (null != receiveCounters)
            {
                receiveCounters.add(Counter.MESSAGES_RECEIVED, messagesRead - messagesBefore);
                receiveCounters.add(Counter.BYTES_RECEIVED, bodyBytes);
            }
        }
        return frames;
    }

    private void countIfLastRead(final int flags)
    {
        if (!FrameDescriptor.isMore(flags))
        {
            messagesRead++;
        }
    }

    /**
     * @return a view of the memory, for tests and diagnostics.
     */
    DirectBuffer memory()
    {
        return buffer;
    }
}
