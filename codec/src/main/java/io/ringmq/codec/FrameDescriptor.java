package io.ringmq.codec;

import java.nio.ByteOrder;

import org.agrona.MutableDirectBuffer;

/**
 * Layout of a ZMTP 3.x frame (RFC 23, section "Framing"):
 *
 * <pre>
 *   0                   1                   2
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
 *  +-+-+-+-+-+-+-+-+---------------+-----------------
 *  |0 0 0 0 0|C|L|M|  size (1 B)   |  body ...        short frame
 *  +-+-+-+-+-+-+-+-+---------------+-----------------
 *  |0 0 0 0 0|C|1|M|  size (8 B, big-endian, unsigned 63 bits) |  body ...   long frame
 *  +-+-+-+-+-+-+-+-+------------------------------------------+----------
 *  M = MORE (bit 0), L = LONG (bit 1), C = COMMAND (bit 2); bits 3-7 are reserved and must be 0.
 * </pre>
 *
 * Senders use the long form only for bodies above 255 bytes, as libzmq does; receivers accept either.
 */
public final class FrameDescriptor
{
    /** More frames of this message follow. */
    public static final int FLAG_MORE = 0x01;
    /** The size field is 8 bytes. */
    public static final int FLAG_LONG = 0x02;
    /** The frame is a command, not message data. */
    public static final int FLAG_COMMAND = 0x04;
    /** Bits that must be zero. */
    public static final int RESERVED_FLAGS_MASK = 0xF8;

    /** Flags byte plus a one-byte size. */
    public static final int SHORT_HEADER_LENGTH = 2;
    /** Flags byte plus an eight-byte size. */
    public static final int LONG_HEADER_LENGTH = 9;
    /** The largest header, which callers reserve in front of a body whose size is not yet known. */
    public static final int MAX_HEADER_LENGTH = LONG_HEADER_LENGTH;
    /** The largest body a short frame can carry. */
    public static final int MAX_SHORT_BODY_LENGTH = 255;

    private FrameDescriptor()
    {
    }

    /**
     * @param bodyLength of the frame body in bytes.
     * @return the header length a sender uses for that body.
     */
    public static int headerLength(final long bodyLength)
    {
        return bodyLength > MAX_SHORT_BODY_LENGTH ? LONG_HEADER_LENGTH : SHORT_HEADER_LENGTH;
    }

    /**
     * Write a frame header at {@code offset}.
     *
     * @param buffer     to write into.
     * @param offset     of the header's first byte.
     * @param bodyLength of the body that follows the header.
     * @param flags      {@link #FLAG_MORE} and/or {@link #FLAG_COMMAND}; the LONG flag is chosen here.
     * @return the number of header bytes written.
     */
    public static int writeHeader(
        final MutableDirectBuffer buffer, final int offset, final long bodyLength, final int flags)
    {
        if (bodyLength > MAX_SHORT_BODY_LENGTH)
        {
            buffer.putByte(offset, (byte)(flags | FLAG_LONG));
            buffer.putLong(offset + 1, bodyLength, ByteOrder.BIG_ENDIAN);
            return LONG_HEADER_LENGTH;
        }

        buffer.putByte(offset, (byte)(flags & ~FLAG_LONG));
        buffer.putByte(offset + 1, (byte)bodyLength);
        return SHORT_HEADER_LENGTH;
    }

    /**
     * Write a frame header immediately in front of a body that is already in the buffer, so the header and body
     * form contiguous wire bytes without moving the body. At least {@link #headerLength(long)} bytes must be free
     * in front of {@code bodyOffset}.
     *
     * @param buffer     holding the body.
     * @param bodyOffset of the body's first byte.
     * @param bodyLength of the body.
     * @param flags      {@link #FLAG_MORE} and/or {@link #FLAG_COMMAND}.
     * @return the offset of the header's first byte, where the frame's wire bytes start.
     */
    public static int writeHeaderBefore(
        final MutableDirectBuffer buffer, final int bodyOffset, final long bodyLength, final int flags)
    {
        final int headerOffset = bodyOffset - headerLength(bodyLength);
        writeHeader(buffer, headerOffset, bodyLength, flags);
        return headerOffset;
    }

    /**
     * @param flags a frame's flags byte.
     * @return true when the MORE bit is set.
     */
    public static boolean isMore(final int flags)
    {
        return (flags & FLAG_MORE) != 0;
    }

    /**
     * @param flags a frame's flags byte.
     * @return true when the COMMAND bit is set.
     */
    public static boolean isCommand(final int flags)
    {
        return (flags & FLAG_COMMAND) != 0;
    }
}
