package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The greeting decoder takes at most the 64 greeting bytes from any input, in any chunks, and its verdict depends
 * only on the three checked fields: byte 0, bit 0 of byte 9, and the major version in byte 10.
 * <p>
 * Seeded property tests: see {@link FuzzInputs} for replaying a failure with {@code -Dringmq.fuzz.seed} and
 * running more cases with {@code -Dringmq.fuzz.cases}.
 */
class GreetingDecoderFuzzTest
{
    @Test
    void randomBytesGetTheVerdictTheCheckedFieldsGive()
    {
        FuzzInputs.forEachCase(300, random -> checkVerdict(FuzzInputs.bytes(random, 100), random));
    }

    @Test
    void mutatedGreetingsGetTheVerdictTheCheckedFieldsGive()
    {
        final byte[] ready = Hex.fixture("ready-pub.hex");
        FuzzInputs.forEachCase(300, random ->
        {
            final int minor = FuzzInputs.intInRange(random, 0, 255);
            final byte[] valid = new WireStream().raw(WireStream.greeting(3, minor, "NULL")).raw(ready).toByteArray();

            checkVerdict(Mutations.mutate(valid, random), random);
        });
    }

    private static void checkVerdict(final byte[] bytes, final SplittableRandom random)
    {
        final GreetingDecoder decoder = new GreetingDecoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);

        int offset = 0;
        while (offset < bytes.length)
        {
            final int chunk = Mutations.nextChunk(random, bytes.length - offset);
            final int taken = decoder.decode(buffer, offset, chunk);
            offset += chunk;
            if (taken < chunk)
            {
                assertTrue(decoder.isComplete() || null != decoder.error(), "stopped early with no reason");
                break;
            }
        }

        final ZmtpError expected = expectedVerdict(bytes);
        if (null != expected)
        {
            assertEquals(expected, decoder.error());
            assertFalse(decoder.isComplete());
        }
        else
        {
            assertNull(decoder.error());
            assertEquals(bytes.length >= 64, decoder.isComplete());
            assertEquals(bytes.length >= 10, decoder.signatureReceived());
            assertEquals(bytes.length >= 11, decoder.majorVersionReceived());
        }
    }

    private static ZmtpError expectedVerdict(final byte[] bytes)
    {
        if (bytes.length > 0 && (bytes[0] & 0xFF) != 0xFF)
        {
            return ZmtpError.BAD_SIGNATURE;
        }
        if (bytes.length > 9 && (bytes[9] & 1) == 0)
        {
            return ZmtpError.BAD_SIGNATURE;
        }
        if (bytes.length > 10 && (bytes[10] & 0xFF) < 3)
        {
            return ZmtpError.UNSUPPORTED_VERSION;
        }
        return null;
    }
}
