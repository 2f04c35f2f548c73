package io.ringmq.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * ZMTP bytes written out by hand, as RFC 23 and RFC 37 lay them out, for tests that play a peer over a plain
 * socket.
 */
final class ZmtpBytes
{
    private ZmtpBytes()
    {
    }

    /**
     * @return a 64-byte greeting of the given major version (minor 1) and mechanism.
     */
    static byte[] greeting(final int major, final String mechanism)
    {
        final byte[] greeting = new byte[64];
        greeting[0] = (byte)0xFF;
        greeting[8] = 1;
        greeting[9] = 0x7F;
        greeting[10] = (byte)major;
        greeting[11] = 1;
        final byte[] name = mechanism.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, greeting, 12, name.length);
        return greeting;
    }

    /**
     * @return a READY command carrying only Socket-Type.
     */
    static byte[] ready(final String socketType)
    {
        final ByteArrayOutputStream properties = new ByteArrayOutputStream();
        final byte[] name = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
        final byte[] value = socketType.getBytes(StandardCharsets.US_ASCII);
        properties.write(name.length);
        properties.writeBytes(name);
        properties.writeBytes(bytes(0, 0, 0, value.length));
        properties.writeBytes(value);
        return command("READY", properties.toByteArray());
    }

    /**
     * @return a short command frame: name length, name, data.
     */
    static byte[] command(final String name, final byte[] data)
    {
        final byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        final int size = 1 + nameBytes.length + data.length;
        final ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x04);
        frame.write(size);
        frame.write(nameBytes.length);
        frame.writeBytes(nameBytes);
        frame.writeBytes(data);
        return frame.toByteArray();
    }

    /**
     * @return the parts one after another.
     */
    static byte[] join(final byte[]... parts)
    {
        final ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }

    /**
     * @return the values as bytes.
     */
    static byte[] bytes(final int... values)
    {
        final byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++)
        {
            bytes[i] = (byte)values[i];
        }
        return bytes;
    }
}
