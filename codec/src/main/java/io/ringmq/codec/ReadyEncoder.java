package io.ringmq.codec;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.agrona.MutableDirectBuffer;

/**
 * Writes the NULL mechanism's READY command with libzmq's exact property spelling: {@code Socket-Type} always,
 * {@code Identity} for REQ, DEALER and ROUTER (possibly empty), then application properties, whose names must
 * start with {@code X-}. This runs once per connection, so it may allocate.
 */
public final class ReadyEncoder
{
    /** The socket type property, spelled as libzmq compares it (case-sensitively). */
    public static final byte[] SOCKET_TYPE = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
    /** The identity property, spelled as libzmq compares it (case-sensitively). */
    public static final byte[] IDENTITY = "Identity".getBytes(StandardCharsets.US_ASCII);
    /** The largest identity ZMTP allows. */
    public static final int MAX_IDENTITY_LENGTH = 255;

    private static final int VALUE_LENGTH_FIELD = 4;

    private ReadyEncoder()
    {
    }

    /**
     * @param type       our socket type.
     * @param identity   our routing id, or null for none; sent only when the type sends identities.
     * @param properties application properties (names starting with {@code X-}), in iteration order.
     * @return the frame length {@link #encode} writes.
     */
    public static int frameLength(
        final ZmtpSocketType type, final byte[] identity, final Map<String, byte[]> properties)
    {
        return FrameDescriptor.headerLength(bodyLength(type, identity, properties)) +
            bodyLength(type, identity, properties);
    }

    /**
     * Write a READY command frame.
     *
     * @param out        to write into.
     * @param offset     of the frame.
     * @param type       our socket type.
     * @param identity   our routing id, or null for none; sent only when the type sends identities.
     * @param properties application properties (names starting with {@code X-}), in iteration order.
     * @return the frame length.
     */
    public static int encode(
        final MutableDirectBuffer out,
        final int offset,
        final ZmtpSocketType type,
        final byte[] identity,
        final Map<String, byte[]> properties)
    {
        final int bodyLength = bodyLength(type, identity, properties);
        final int dataLength = bodyLength - 1 - ZmtpCommand.READY.wireName().length;
        int position = CommandEncoder.writeCommandHeader(out, offset, ZmtpCommand.READY, dataLength);

        position = property(out, position, SOCKET_TYPE, type.wireName());
        if (type.sendsIdentity())
        {
            position = property(out, position, IDENTITY, null == identity ? new byte[0] : identity);
        }
        for (final Map.Entry<String, byte[]> entry : properties.entrySet())
        {
            position = property(out, position, applicationName(entry.getKey()), entry.getValue());
        }

        return position - offset;
    }

    private static int bodyLength(
        final ZmtpSocketType type, final byte[] identity, final Map<String, byte[]> properties)
    {
        int length = 1 + ZmtpCommand.READY.wireName().length;
        length += propertyLength(SOCKET_TYPE.length, type.wireName().length);
        if (type.sendsIdentity())
        {
            length += propertyLength(IDENTITY.length, null == identity ? 0 : identity.length);
        }
        for (final Map.Entry<String, byte[]> entry : properties.entrySet())
        {
            length += propertyLength(applicationName(entry.getKey()).length, entry.getValue().length);
        }
        return length;
    }

    private static byte[] applicationName(final String name)
    {
        final byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (!name.startsWith("X-") || bytes.length > 255)
        {
            throw new IllegalArgumentException(
                "application metadata names start with X- and are at most 255 bytes: " + name);
        }
        return bytes;
    }

    private static int propertyLength(final int nameLength, final int valueLength)
    {
        return 1 + nameLength + VALUE_LENGTH_FIELD + valueLength;
    }

    private static int property(final MutableDirectBuffer out, final int offset, final byte[] name, final byte[] value)
    {
        out.putByte(offset, (byte)name.length);
        out.putBytes(offset + 1, name);
        final int valueLengthOffset = offset + 1 + name.length;
        out.putInt(valueLengthOffset, value.length, ByteOrder.BIG_ENDIAN);
        out.putBytes(valueLengthOffset + VALUE_LENGTH_FIELD, value);
        return valueLengthOffset + VALUE_LENGTH_FIELD + value.length;
    }
}
