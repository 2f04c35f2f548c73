package io.ringmq.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;

/**
 * Golden bytes written as hex: {@code "04 29 05 52 45"}. Fixture files under {@code src/test/resources/golden}
 * hold one or more lines of two-digit hex tokens, each line annotated after a {@code #} with the field it holds.
 * Any other token is a mistake in the fixture and fails the test.
 */
final class Hex
{
    private Hex()
    {
    }

    static byte[] parse(final String text)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final String line : text.split("\n"))
        {
            final int comment = line.indexOf('#');
            final String data = comment >= 0 ? line.substring(0, comment) : line;
            for (final String token : data.trim().split("\\s+"))
            {
                if (token.isEmpty())
                {
                    continue;
                }
                if (token.length() != 2)
                {
                    throw new IllegalArgumentException("not a hex byte: '" + token + "'");
                }
                out.write(Integer.parseInt(token, 16));
            }
        }
        return out.toByteArray();
    }

    static byte[] fixture(final String name)
    {
        try (InputStream in = Hex.class.getResourceAsStream("/golden/" + name))
        {
            if (null == in)
            {
                throw new IllegalArgumentException("no fixture golden/" + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static String of(final byte[] bytes)
    {
        return of(bytes, 0, bytes.length);
    }

    static String of(final byte[] bytes, final int offset, final int length)
    {
        final StringBuilder sb = new StringBuilder(length * 3);
        for (int i = offset; i < offset + length; i++)
        {
            if (i > offset)
            {
                sb.append(' ');
            }
            sb.append(Character.forDigit((bytes[i] >> 4) & 0xF, 16)).append(Character.forDigit(bytes[i] & 0xF, 16));
        }
        return sb.toString();
    }

    static String of(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return of(bytes);
    }

    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
