package io.ringmq.codec;

import java.io.ByteArrayOutputStream;

/**
 * Builds ZMTP byte streams straight from the RFC 23 layout, without the codec under test, so the decoder is
 * checked against bytes it did not write.
 */
final class WireStream
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WireStream shortFrame(final int flags, final byte[] body)
    {
        if (body.length > 255)
        {
            throw new IllegalArgumentException("short frame body above 255 bytes");
        }
        out.write(flags);
        out.write(body.length);
        out.write(body, 0, body.length);
        return this;
    }

    WireStream longFrame(final int flags, final byte[] body)
    {
        out.write(flags | 0x02);
        writeLong(body.length);
        out.write(body, 0, body.length);
        return this;
    }

    WireStream longHeader(final int flags, final long size)
    {
        out.write(flags | 0x02);
        writeLong(size);
        return this;
    }

    /** A data frame in the form a sender uses: short up to 255 bytes, long above. */
    WireStream data(final boolean more, final byte[] body)
    {
        return body.length > 255 ? longFrame(more ? 1 : 0, body) : shortFrame(more ? 1 : 0, body);
    }

    WireStream command(final String name, final byte[] data)
    {
        final byte[] body = commandBody(name, data);
        return body.length > 255 ? longFrame(0x04, body) : shortFrame(0x04, body);
    }

    WireStream raw(final byte[] bytes)
    {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    WireStream raw(final int... bytes)
    {
        for (final int b : bytes)
        {
            out.write(b);
        }
        return this;
    }

    byte[] toByteArray()
    {
        return out.toByteArray();
    }

    static byte[] commandBody(final String name, final byte[] data)
    {
        final byte[] nameBytes = Hex.ascii(name);
        final byte[] body = new byte[1 + nameBytes.length + data.length];
        body[0] = (byte)nameBytes.length;
        System.arraycopy(nameBytes, 0, body, 1, nameBytes.length);
        System.arraycopy(data, 0, body, 1 + nameBytes.length, data.length);
        return body;
    }

    /** A 64-byte greeting laid out by hand from RFC 23. */
    static byte[] greeting(final int major, final int minor, final String mechanism)
    {
        final byte[] greeting = new byte[64];
        greeting[0] = (byte)0xFF;
        greeting[8] = 1;
        greeting[9] = 0x7F;
        greeting[10] = (byte)major;
        greeting[11] = (byte)minor;
        final byte[] name = Hex.ascii(mechanism);
        System.arraycopy(name, 0, greeting, 12, name.length);
        return greeting;
    }

    /** READY properties: name-length(1) name value-length(4, BE) value, for each name/value pair given. */
    static byte[] properties(final String... namesAndValues)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < namesAndValues.length; i += 2)
        {
            final byte[] name = Hex.ascii(namesAndValues[i]);
            final byte[] value = Hex.ascii(namesAndValues[i + 1]);
            out.write(name.length);
            out.write(name, 0, name.length);
            out.write(value.length >>> 24);
            out.write(value.length >>> 16);
            out.write(value.length >>> 8);
            out.write(value.length);
            out.write(value, 0, value.length);
        }
        return out.toByteArray();
    }

    static byte[] bytes(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seed + i * 31);
        }
        return bytes;
    }

    private void writeLong(final long value)
    {
        for (int shift = 56; shift >= 0; shift -= 8)
        {
            out.write((int)(value >>> shift));
        }
    }
}
