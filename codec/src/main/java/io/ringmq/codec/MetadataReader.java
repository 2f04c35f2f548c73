package io.ringmq.codec;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

/**
 * Walks the metadata properties of a READY command in place:
 *
 * <pre>
 *  property = name-length(1) name(1..255) value-length(4, big-endian) value(0..2^31-1)
 * </pre>
 *
 * Usage: {@code wrap(...)}, then {@code while (reader.next()) { ... }}, then check {@link #isMalformed()}.
 */
public final class MetadataReader
{
    private static final int VALUE_LENGTH_FIELD = 4;

    private DirectBuffer buffer;
    private int position;
    private int limit;
    private int nameOffset;
    private int nameLength;
    private int valueOffset;
    private int valueLength;
    private boolean malformed;

    /**
     * @param buffer holding the properties.
     * @param offset of the first property.
     * @param length of all properties.
     * @return this, for chaining.
     */
    public MetadataReader wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
        this.malformed = false;
        return this;
    }

    /**
     * Move to the next property.
     *
     * @return true when there is one; false at the end or when the rest is malformed.
     */
    public boolean next()
    {
        if (malformed || position >= limit)
        {
            return false;
        }

        final int length = buffer.getByte(position) & 0xFF;
        final int valueLengthOffset = position + 1 + length;
        if (length == 0 || valueLengthOffset + VALUE_LENGTH_FIELD > limit)
        {
            malformed = true;
            return false;
        }

        final long value = buffer.getInt(valueLengthOffset, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
        final int start = valueLengthOffset + VALUE_LENGTH_FIELD;
        if (value > limit - start)
        {
            malformed = true;
            return false;
        }

        nameOffset = position + 1;
        nameLength = length;
        valueOffset = start;
        valueLength = (int)value;
        position = start + valueLength;
        return true;
    }

    /**
     * @return true when a property was truncated or had an empty name.
     */
    public boolean isMalformed()
    {
        return malformed;
    }

    /**
     * @param name ASCII property name.
     * @return true when the current property has that name, compared without case as RFC 37 says.
     */
    public boolean nameIs(final byte[] name)
    {
        return AsciiBytes.equals(name, buffer, nameOffset, nameLength, true);
    }

    /**
     * @return the buffer the properties live in.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the current property's name.
     */
    public int nameOffset()
    {
        return nameOffset;
    }

    /**
     * @return length of the current property's name.
     */
    public int nameLength()
    {
        return nameLength;
    }

    /**
     * @return offset of the current property's value.
     */
    public int valueOffset()
    {
        return valueOffset;
    }

    /**
     * @return length of the current property's value.
     */
    public int valueLength()
    {
        return valueLength;
    }
}
