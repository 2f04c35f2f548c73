package io.ringmq.codec;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An incremental ZMTP 3.x frame decoder. It takes the byte stream in chunks split anywhere, walks them in place
 * and reports frames to a {@link FrameHandler}. Data frame bodies are streamed through as pieces, so nothing is
 * ever allocated or awaited according to a size field the peer chose: a size above the maximum message size is
 * an error before any body byte is read. Commands are handed over in place when they lie inside one chunk and
 * are otherwise assembled in a buffer of fixed size allocated at construction. After an error the decoder takes
 * nothing more until {@link #reset()}.
 */
public final class FrameDecoder
{
    private static final int STATE_FLAGS = 0;
    private static final int STATE_SIZE = 1;
    private static final int STATE_DATA_START = 2;
    private static final int STATE_DATA_BODY = 3;
    private static final int STATE_COMMAND_BODY = 4;
    private static final int STATE_ERROR = 5;

    private final long maxMessageSize;
    private final UnsafeBuffer commandBuffer;

    private int state = STATE_FLAGS;
    private int flags;
    private int sizeBytesRemaining;
    private long size;
    private long bodyRemaining;
    private int commandLength;
    private ZmtpError error;

    /**
     * @param maxMessageSize largest data frame body accepted, or a negative value for no limit beyond the 63 bits
     *                       ZMTP allows (libzmq's MAXMSGSIZE -1).
     * @param maxCommandSize largest command body accepted; this many bytes are allocated now.
     */
    public FrameDecoder(final long maxMessageSize, final int maxCommandSize)
    {
        if (maxCommandSize < 1)
        {
            throw new IllegalArgumentException("maxCommandSize must be positive: " + maxCommandSize);
        }
        this.maxMessageSize = maxMessageSize < 0 ? Long.MAX_VALUE : maxMessageSize;
        this.commandBuffer = new UnsafeBuffer(new byte[maxCommandSize]);
    }

    /**
     * Forget any partial frame and error, for a new connection.
     */
    public void reset()
    {
        state = STATE_FLAGS;
        error = null;
        commandLength = 0;
    }

    /**
     * @return what was wrong with the stream, or null.
     */
    public ZmtpError error()
    {
        return error;
    }

    /**
     * @return true when the decoder is between frames, so the stream could end here cleanly.
     */
    public boolean isAtFrameBoundary()
    {
        return state == STATE_FLAGS;
    }

    /**
     * Decode a chunk.
     *
     * @param buffer  holding the chunk.
     * @param offset  of the chunk.
     * @param length  of the chunk.
     * @param handler to report frames to.
     * @return bytes consumed. Less than {@code length} when the handler asked to stop or an error was found
     * ({@link #error()}); the caller passes the rest again later.
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length, final FrameHandler handler)
    {
        int position = offset;
        final int limit = offset + length;

        while (true)
        {
            switch (state)
            {
                case STATE_FLAGS:
                    if (position == limit)
                    {
                        return position - offset;
                    }
                    if (!onFlags(buffer.getByte(position++) & 0xFF))
                    {
                        return position - offset;
                    }
                    break;

                case STATE_SIZE:
                    if (position == limit)
                    {
                        return position - offset;
                    }
                    if (sizeBytesRemaining == 8 && limit - position >= 8)
                    {
                        size = buffer.getLong(position, ByteOrder.BIG_ENDIAN);
                        sizeBytesRemaining = 0;
                        position += 8;
                    }
                    else
                    {
                        size = (size << 8) | (buffer.getByte(position++) & 0xFF);
                        sizeBytesRemaining--;
                    }
                    if (sizeBytesRemaining == 0 && !onSizeComplete())
                    {
                        return position - offset;
                    }
                    break;

                case STATE_DATA_START:
                    if (!handler.onFrameStart(flags, size))
                    {
                        return position - offset;
                    }
                    bodyRemaining = size;
                    state = STATE_DATA_BODY;
                    break;

                case STATE_DATA_BODY:
                    if (bodyRemaining == 0)
                    {
                        state = STATE_FLAGS;
                        handler.onFrameEnd(flags);
                        break;
                    }
                    if (position == limit)
                    {
                        return position - offset;
                    }
                    final int piece = (int)Math.min(bodyRemaining, limit - position);
                    handler.onFrameBody(buffer, position, piece);
                    position += piece;
                    bodyRemaining -= piece;
                    break;

                case STATE_COMMAND_BODY:
                    final int commandSize = (int)size;
                    if (commandLength == 0 && limit - position >= commandSize)
                    {
                        state = STATE_FLAGS;
                        final boolean proceed = deliverCommand(buffer, position, commandSize, handler);
                        position += commandSize;
                        if (!proceed)
                        {
                            return position - offset;
                        }
                        break;
                    }
                    if (position == limit)
                    {
                        return position - offset;
                    }
                    final int copied = Math.min(commandSize - commandLength, limit - position);
                    commandBuffer.putBytes(commandLength, buffer, position, copied);
                    commandLength += copied;
                    position += copied;
                    if (commandLength == commandSize)
                    {
                        state = STATE_FLAGS;
                        commandLength = 0;
                        if (!deliverCommand(commandBuffer, 0, commandSize, handler))
                        {
                            return position - offset;
                        }
                    }
                    break;

                default:
                    return position - offset;
            }
        }
    }

    private boolean onFlags(final int flagsByte)
    {
        if ((flagsByte & FrameDescriptor.RESERVED_FLAGS_MASK) != 0)
        {
            return fail(ZmtpError.RESERVED_FLAGS);
        }
        if (FrameDescriptor.isCommand(flagsByte) && FrameDescriptor.isMore(flagsByte))
        {
            return fail(ZmtpError.COMMAND_WITH_MORE);
        }

        flags = flagsByte;
        size = 0;
        sizeBytesRemaining = (flagsByte & FrameDescriptor.FLAG_LONG) != 0 ? 8 : 1;
        state = STATE_SIZE;
        return true;
    }

    private boolean onSizeComplete()
    {
        if (size < 0)
        {
            return fail(ZmtpError.NEGATIVE_SIZE);
        }

        if (FrameDescriptor.isCommand(flags))
        {
            if (size > commandBuffer.capacity())
            {
                return fail(ZmtpError.COMMAND_TOO_LARGE);
            }
            if (size == 0)
            {
                return fail(ZmtpError.MALFORMED_COMMAND);
            }
            commandLength = 0;
            state = STATE_COMMAND_BODY;
            return true;
        }

        if (size > maxMessageSize)
        {
            return fail(ZmtpError.MESSAGE_TOO_LARGE);
        }
        state = STATE_DATA_START;
        return true;
    }

    private boolean deliverCommand(
        final DirectBuffer buffer, final int offset, final int length, final FrameHandler handler)
    {
        final int nameLength = buffer.getByte(offset) & 0xFF;
        if (nameLength == 0 || 1 + nameLength > length)
        {
            return fail(ZmtpError.MALFORMED_COMMAND);
        }
        return handler.onCommand(buffer, offset, length);
    }

    private boolean fail(final ZmtpError reason)
    {
        error = reason;
        state = STATE_ERROR;
        return false;
    }
}
