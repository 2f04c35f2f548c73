package io.ringmq.codec;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

/**
 * Reads a command body in place: {@code name-length(1) name data}. Wrap it around what
 * {@link FrameHandler#onCommand} receives; reuse one instance.
 *
 * <pre>
 *  PING:  ttl(2, big-endian, deciseconds) context(0..16)
 *  PONG:  context(0..16)
 *  ERROR: reason-length(1) reason
 *  SUBSCRIBE / CANCEL: prefix (the rest of the body)
 *  READY: properties, read with {@link MetadataReader}
 * </pre>
 */
public final class CommandFlyweight
{
    /** The longest PING context; longer ones are truncated, as libzmq does. */
    public static final int MAX_PING_CONTEXT_LENGTH = 16;
    /** Length of the PING TTL field. */
    public static final int PING_TTL_LENGTH = 2;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int dataOffset;
    private ZmtpCommand command;

    /**
     * @param buffer holding the command body.
     * @param offset of the body (its name-length byte).
     * @param length of the body.
     * @return this, for chaining.
     */
    public CommandFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        final int nameLength = length > 0 ? buffer.getByte(offset) & 0xFF : 0;
        if (nameLength == 0 || 1 + nameLength > length)
        {
            command = ZmtpCommand.UNKNOWN;
            dataOffset = offset + length;
        }
        else
        {
            command = ZmtpCommand.fromWireName(buffer, offset + 1, nameLength);
            dataOffset = offset + 1 + nameLength;
        }
        return this;
    }

    /**
     * @return the command, {@link ZmtpCommand#UNKNOWN} for any other name.
     */
    public ZmtpCommand command()
    {
        return command;
    }

    /**
     * @return the buffer the command lives in.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the data after the name.
     */
    public int dataOffset()
    {
        return dataOffset;
    }

    /**
     * @return length of the data after the name.
     */
    public int dataLength()
    {
        return offset + length - dataOffset;
    }

    /**
     * @return false when a known command's data does not have the shape the spec gives it.
     */
    public boolean isWellFormed()
    {
        switch (command)
        {
            case PING:
                return dataLength() >= PING_TTL_LENGTH;
            case ERROR:
                return dataLength() >= 1 && 1 + (buffer.getByte(dataOffset) & 0xFF) <= dataLength();
            default:
                return true;
        }
    }

    /**
     * @return the PING's time-to-live in deciseconds, 0 for none.
     */
    public int pingTtlDeciseconds()
    {
        return buffer.getShort(dataOffset, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * @return offset of the PING's context.
     */
    public int pingContextOffset()
    {
        return dataOffset + PING_TTL_LENGTH;
    }

    /**
     * @return length of the PING's context, truncated to {@link #MAX_PING_CONTEXT_LENGTH}.
     */
    public int pingContextLength()
    {
        return Math.min(MAX_PING_CONTEXT_LENGTH, dataLength() - PING_TTL_LENGTH);
    }

    /**
     * @return offset of the ERROR's reason text.
     */
    public int errorReasonOffset()
    {
        return dataOffset + 1;
    }

    /**
     * @return length of the ERROR's reason text.
     */
    public int errorReasonLength()
    {
        return buffer.getByte(dataOffset) & 0xFF;
    }
}
