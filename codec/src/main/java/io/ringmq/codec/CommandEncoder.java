package io.ringmq.codec;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Writes complete command frames (header and body) and the ZMTP 3.0 subscription messages. Every method writes
 * at {@code offset} and returns the number of bytes written; none allocates.
 */
public final class CommandEncoder
{
    /** The longest ERROR reason the one-byte length can carry. */
    public static final int MAX_ERROR_REASON_LENGTH = 255;

    /** First body byte of a ZMTP 3.0 subscribe message. */
    public static final byte SUBSCRIBE_MESSAGE_PREFIX = 1;
    /** First body byte of a ZMTP 3.0 unsubscribe message. */
    public static final byte CANCEL_MESSAGE_PREFIX = 0;

    private CommandEncoder()
    {
    }

    /**
     * @param command    the command.
     * @param dataLength bytes after the name.
     * @return the frame length of that command, header included.
     */
    public static int frameLength(final ZmtpCommand command, final int dataLength)
    {
        final int bodyLength = 1 + command.wireName().length + dataLength;
        return FrameDescriptor.headerLength(bodyLength) + bodyLength;
    }

    /**
     * Write a command frame whose data is a copy of a buffer range.
     *
     * @param out        to write into.
     * @param offset     of the frame.
     * @param command    to write.
     * @param data       holding the data, may be null when {@code dataLength} is 0.
     * @param dataOffset of the data.
     * @param dataLength of the data.
     * @return the frame length.
     */
    public static int command(
        final MutableDirectBuffer out,
        final int offset,
        final ZmtpCommand command,
        final DirectBuffer data,
        final int dataOffset,
        final int dataLength)
    {
        final int position = writeCommandHeader(out, offset, command, dataLength);
        if (dataLength > 0)
        {
            out.putBytes(position, data, dataOffset, dataLength);
        }
        return position + dataLength - offset;
    }

    /**
     * Write the frame header and command name, leaving the data to the caller.
     *
     * @return the offset where the data goes.
     */
    static int writeCommandHeader(
        final MutableDirectBuffer out, final int offset, final ZmtpCommand command, final int dataLength)
    {
        final byte[] name = command.wireName();
        final int bodyLength = 1 + name.length + dataLength;
        int position = offset + FrameDescriptor.writeHeader(out, offset, bodyLength, FrameDescriptor.FLAG_COMMAND);
        out.putByte(position++, (byte)name.length);
        out.putBytes(position, name);
        return position + name.length;
    }

    /**
     * Write a ZMTP 3.1 SUBSCRIBE command.
     *
     * @return the frame length.
     */
    public static int subscribe(
        final MutableDirectBuffer out, final int offset, final DirectBuffer prefix, final int prefixOffset,
        final int prefixLength)
    {
        return command(out, offset, ZmtpCommand.SUBSCRIBE, prefix, prefixOffset, prefixLength);
    }

    /**
     * Write a ZMTP 3.1 CANCEL command.
     *
     * @return the frame length.
     */
    public static int cancel(
        final MutableDirectBuffer out, final int offset, final DirectBuffer prefix, final int prefixOffset,
        final int prefixLength)
    {
        return command(out, offset, ZmtpCommand.CANCEL, prefix, prefixOffset, prefixLength);
    }

    /**
     * Write a subscription in the form the peer understands: a SUBSCRIBE/CANCEL command for ZMTP 3.1 peers, a
     * single-frame message {@code 0x01 prefix} / {@code 0x00 prefix} for ZMTP 3.0 peers.
     *
     * @param zmtp31    true when the peer speaks ZMTP 3.1 or later.
     * @param subscribe true to subscribe, false to cancel.
     * @return the frame length.
     */
    public static int subscription(
        final MutableDirectBuffer out, final int offset, final boolean zmtp31, final boolean subscribe,
        final DirectBuffer prefix, final int prefixOffset, final int prefixLength)
    {
        if (zmtp31)
        {
            return command(
                out, offset, subscribe ? ZmtpCommand.SUBSCRIBE : ZmtpCommand.CANCEL, prefix, prefixOffset,
                prefixLength);
        }

        final int bodyLength = 1 + prefixLength;
        final int position = offset + FrameDescriptor.writeHeader(out, offset, bodyLength, 0);
        out.putByte(position, subscribe ? SUBSCRIBE_MESSAGE_PREFIX : CANCEL_MESSAGE_PREFIX);
        if (prefixLength > 0)
        {
            out.putBytes(position + 1, prefix, prefixOffset, prefixLength);
        }
        return position + bodyLength - offset;
    }

    /**
     * @param zmtp31       true when the peer speaks ZMTP 3.1 or later.
     * @param prefixLength of the subscription prefix.
     * @return the frame length {@link #subscription} writes.
     */
    public static int subscriptionLength(final boolean zmtp31, final int prefixLength)
    {
        if (zmtp31)
        {
            return frameLength(ZmtpCommand.SUBSCRIBE, prefixLength);
        }
        return FrameDescriptor.headerLength(1 + prefixLength) + 1 + prefixLength;
    }

    /**
     * Write a PING.
     *
     * @param ttlDeciseconds remote time-to-live, 0 for none, at most 65535.
     * @param context        optional context, truncated to 16 bytes; may be null when its length is 0.
     * @return the frame length.
     */
    public static int ping(
        final MutableDirectBuffer out, final int offset, final int ttlDeciseconds, final DirectBuffer context,
        final int contextOffset, final int contextLength)
    {
        final int length = Math.min(CommandFlyweight.MAX_PING_CONTEXT_LENGTH, contextLength);
        final int position = writeCommandHeader(out, offset, ZmtpCommand.PING, CommandFlyweight.PING_TTL_LENGTH + length);
        out.putShort(position, (short)ttlDeciseconds, ByteOrder.BIG_ENDIAN);
        if (length > 0)
        {
            out.putBytes(position + CommandFlyweight.PING_TTL_LENGTH, context, contextOffset, length);
        }
        return position + CommandFlyweight.PING_TTL_LENGTH + length - offset;
    }

    /**
     * Write a PONG echoing a PING's context.
     *
     * @return the frame length.
     */
    public static int pong(
        final MutableDirectBuffer out, final int offset, final DirectBuffer context, final int contextOffset,
        final int contextLength)
    {
        final int length = Math.min(CommandFlyweight.MAX_PING_CONTEXT_LENGTH, contextLength);
        return command(out, offset, ZmtpCommand.PONG, context, contextOffset, length);
    }

    /**
     * Write an ERROR.
     *
     * @param reason ASCII reason, truncated to 255 bytes.
     * @return the frame length.
     */
    public static int error(final MutableDirectBuffer out, final int offset, final byte[] reason)
    {
        final int length = Math.min(MAX_ERROR_REASON_LENGTH, reason.length);
        final int position = writeCommandHeader(out, offset, ZmtpCommand.ERROR, 1 + length);
        out.putByte(position, (byte)length);
        out.putBytes(position + 1, reason, 0, length);
        return position + 1 + length - offset;
    }
}
