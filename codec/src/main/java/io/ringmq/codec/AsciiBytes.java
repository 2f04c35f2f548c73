package io.ringmq.codec;

import org.agrona.DirectBuffer;

/**
 * Allocation-free comparison of ASCII names in buffers, as ZMTP command and property names need.
 */
final class AsciiBytes
{
    private AsciiBytes()
    {
    }

    static boolean equals(
        final byte[] expected, final DirectBuffer buffer, final int offset, final int length, final boolean ignoreCase)
    {
        if (expected.length != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            final int a = expected[i];
            final int b = buffer.getByte(offset + i);
            if (a != b && (!ignoreCase || toLower(a) != toLower(b)))
            {
                return false;
            }
        }
        return true;
    }

    private static int toLower(final int c)
    {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
