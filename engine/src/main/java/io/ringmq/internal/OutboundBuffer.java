package io.ringmq.internal;

import java.nio.ByteBuffer;

import io.ringmq.codec.CommandEncoder;
import io.ringmq.codec.CommandFlyweight;
import io.ringmq.codec.FrameDescriptor;
import io.ringmq.transport.StreamChannel;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The bytes one connection still has to write, owned by its I/O agent. Messages routed to the connection are
 * appended here and the whole backlog goes to the kernel in one write per duty cycle, so a burst costs one
 * system call. It grows only when a backlog outgrows it (a slow peer or a large message); a connection that
 * keeps up never reallocates.
 *
 * <p>After the handshake it is the connection's one point of encoding: data frames ({@link #appendFrame}) and the
 * commands the engine sends ({@link #appendPing}, {@link #appendPong}, {@link #appendSubscription}) are written
 * here and nowhere else, which is where a mechanism that encrypts every frame (CURVE) takes them over.
 */
final class OutboundBuffer
{
    private static final int MIN_MESSAGE_ENDS = 64;
    /** Beyond this many queued messages (256 KiB of ends) the record grows on demand instead of up front. */
    private static final int MAX_PREALLOCATED_MESSAGE_ENDS = 32 * 1024;

    private ByteBuffer byteBuffer;
    private UnsafeBuffer buffer;
    private int readIndex;
    private int writeIndex;

    // Where each queued message ends, counted in bytes ever appended, so a message leaves the count only once the
    // kernel has taken all of it. A FIFO that grows (like the bytes) only when the backlog outgrows it.
    private long[] messageEnds;
    private int endsHead;
    private int endsTail;
    private long bytesAppended;
    private long bytesWritten;

    /**
     * @param initialCapacity bytes of backlog before the first growth.
     * @param expectedMessages how many messages the backlog may hold in the normal course (the socket's SNDHWM, 0
     *                         for none): the message record is sized for them up front, so a peer that falls behind
     *                         up to its high-water mark costs no allocation on the I/O thread.
     */
    OutboundBuffer(final int initialCapacity, final int expectedMessages)
    {
        allocate(BitUtil.findNextPositivePowerOfTwo(initialCapacity));
        final int ends = Math.max(MIN_MESSAGE_ENDS, Math.min(expectedMessages, MAX_PREALLOCATED_MESSAGE_ENDS));
        messageEnds = new long[BitUtil.findNextPositivePowerOfTwo(ends)];
    }

    boolean isEmpty()
    {
        return readIndex == writeIndex;
    }

    int pendingBytes()
    {
        return writeIndex - readIndex;
    }

    /**
     * @return messages appended and not yet entirely written: the measure a high-water mark is checked against.
     */
    long queuedMessages()
    {
        return endsTail - endsHead;
    }

    void appendRaw(final DirectBuffer source, final int offset, final int length)
    {
        ensureSpace(length);
        buffer.putBytes(writeIndex, source, offset, length);
        writeIndex += length;
        bytesAppended += length;
    }

    void appendFrame(final DirectBuffer body, final int offset, final int length, final int flags)
    {
        ensureSpace(FrameDescriptor.MAX_HEADER_LENGTH + length);
        final int headerLength = FrameDescriptor.writeHeader(buffer, writeIndex, length, flags);
        writeIndex += headerLength;
        buffer.putBytes(writeIndex, body, offset, length);
        writeIndex += length;
        bytesAppended += headerLength + length;
        if (!FrameDescriptor.isMore(flags))
        {
            addMessageEnd(bytesAppended);
        }
    }

    /**
     * A PING (ZMTP 3.1 heartbeat) with no context.
     *
     * @param ttlDeciseconds the TTL the peer is asked to keep, in tenths of a second.
     */
    void appendPing(final int ttlDeciseconds)
    {
        final int at = reserve(FrameDescriptor.MAX_HEADER_LENGTH + CommandFlyweight.PING_TTL_LENGTH + 8);
        commit(CommandEncoder.ping(buffer, at, ttlDeciseconds, null, 0, 0));
    }

    /**
     * A PONG, echoing the context of the peer's PING.
     */
    void appendPong(final DirectBuffer context, final int offset, final int length)
    {
        final int at = reserve(FrameDescriptor.MAX_HEADER_LENGTH + 32);
        commit(CommandEncoder.pong(buffer, at, context, offset, length));
    }

    /**
     * A subscribe or cancel, as a command for a ZMTP 3.1 peer or as a one-frame message for a 3.0 peer.
     */
    void appendSubscription(
        final boolean zmtp31, final boolean subscribe, final DirectBuffer prefix, final int offset, final int length)
    {
        final int at = reserve(CommandEncoder.subscriptionLength(zmtp31, length));
        commit(CommandEncoder.subscription(buffer, at, zmtp31, subscribe, prefix, offset, length));
    }

    /**
     * Make room for a record and return where it goes; the caller writes it and calls {@link #commit(int)}: for the
     * handshake's commands, which its mechanism encodes.
     */
    int reserve(final int length)
    {
        ensureSpace(length);
        return writeIndex;
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    void commit(final int length)
    {
        writeIndex += length;
        bytesAppended += length;
    }

    /**
     * Write as much of the backlog as the kernel takes.
     *
     * @return bytes written, 0 when the kernel took nothing, -1 when the channel failed.
     */
    int flushTo(final StreamChannel channel)
    {
        if (readIndex == writeIndex)
        {
            return 0;
        }
        byteBuffer.limit(writeIndex).position(readIndex);
        final long written = channel.write(byteBuffer);
        if (written < 0)
        {
            return -1;
        }
        readIndex += (int)written;
        bytesWritten += written;
        final long[] ends = messageEnds;
        final int mask = ends.length - 1;
        while (endsHead != endsTail && ends[endsHead & mask] <= bytesWritten)
        {
            endsHead++;
        }
        if (readIndex == writeIndex)
        {
            readIndex = 0;
            writeIndex = 0;
        }
        return (int)written;
    }

    void clear()
    {
        readIndex = 0;
        writeIndex = 0;
        bytesWritten = bytesAppended;
        endsHead = endsTail;
    }

    private void addMessageEnd(final long end)
    {
        if (endsTail - endsHead == messageEnds.length)
        {
            final long[] old = messageEnds;
            final int oldMask = old.length - 1;
            final long[] grown = new long[old.length * 2];
            final int count = endsTail - endsHead;
            for (int i = 0; i < count; i++)
            {
                grown[i] = old[(endsHead + i) & oldMask];
            }
            messageEnds = grown;
            endsHead = 0;
            endsTail = count;
        }
        messageEnds[endsTail & (messageEnds.length - 1)] = end;
        endsTail++;
    }

    private void ensureSpace(final int length)
    {
        if (writeIndex + length <= buffer.capacity())
        {
            return;
        }
        final int pending = writeIndex - readIndex;
        if (pending + length <= buffer.capacity() / 2)
        {
            buffer.putBytes(0, buffer, readIndex, pending);
        }
        else
        {
            final UnsafeBuffer old = buffer;
            allocate(BitUtil.findNextPositivePowerOfTwo(pending + length) * 2);
            buffer.putBytes(0, old, readIndex, pending);
        }
        readIndex = 0;
        writeIndex = pending;
    }

    private void allocate(final int capacity)
    {
        byteBuffer = ByteBuffer.allocateDirect(capacity);
        buffer = new UnsafeBuffer(byteBuffer);
    }
}
