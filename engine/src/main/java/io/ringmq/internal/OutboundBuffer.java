package io.ringmq.internal;

import java.nio.ByteBuffer;

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
 */
final class OutboundBuffer
{
    private ByteBuffer byteBuffer;
    private UnsafeBuffer buffer;
    private int readIndex;
    private int writeIndex;
    private long queuedMessages;

    OutboundBuffer(final int initialCapacity)
    {
        allocate(BitUtil.findNextPositivePowerOfTwo(initialCapacity));
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
     * @return messages appended since the backlog was last empty: the measure a high-water mark is checked against.
     */
    long queuedMessages()
    {
        return queuedMessages;
    }

    void appendRaw(final DirectBuffer source, final int offset, final int length)
    {
        ensureSpace(length);
        buffer.putBytes(writeIndex, source, offset, length);
        writeIndex += length;
    }

    void appendFrame(final DirectBuffer body, final int offset, final int length, final int flags)
    {
        ensureSpace(FrameDescriptor.MAX_HEADER_LENGTH + length);
        writeIndex += FrameDescriptor.writeHeader(buffer, writeIndex, length, flags);
        buffer.putBytes(writeIndex, body, offset, length);
        writeIndex += length;
        if (!FrameDescriptor.isMore(flags))
        {
            queuedMessages++;
        }
    }

    /**
     * Make room for a record and return where it goes; the caller writes it and calls {@link #commit(int)}.
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
        if (readIndex == writeIndex)
        {
            readIndex = 0;
            writeIndex = 0;
            queuedMessages = 0;
        }
        return (int)written;
    }

    void clear()
    {
        readIndex = 0;
        writeIndex = 0;
        queuedMessages = 0;
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
