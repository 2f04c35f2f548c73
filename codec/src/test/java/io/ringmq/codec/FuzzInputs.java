package io.ringmq.codec;

import java.util.SplittableRandom;

/**
 * Seeded property-test support: runs a property over many cases, each drawing its inputs from its own
 * {@link SplittableRandom}, and generates the inputs the codec fuzz tests feed the decoders.
 * <p>
 * Case {@code i} is seeded with {@code baseSeed + i}. The base seed is fixed so CI is reproducible; set it with
 * {@code -Dringmq.fuzz.seed=<long>} to explore other inputs, and raise the case count with
 * {@code -Dringmq.fuzz.cases=<int>} (a lower value than a property's own count is ignored). A failure names the
 * base seed and the case index, and the seed that replays the failing case as case 0.
 */
final class FuzzInputs
{
    static final String SEED_PROPERTY = "ringmq.fuzz.seed";
    static final String CASES_PROPERTY = "ringmq.fuzz.cases";

    private static final long DEFAULT_SEED = 0x7269_6E67_6D71_2031L;

    /** Sizes that sit on a boundary of the ZMTP size field or of the decoder's limits. */
    private static final long[] EDGE_SIZES =
    {
        0, 1, 255, 256, 4095, 4096, 4097, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, Integer.MAX_VALUE,
        (1L << 32) + 5, 1L << 62, Long.MAX_VALUE, -1, -256, Integer.MIN_VALUE, Long.MIN_VALUE,
        0x8000_0000_0000_0001L
    };

    /** Byte values a decoder is most likely to treat specially: signature, flags and sign bits. */
    private static final byte[] EDGE_BYTES = { 0, 1, 2, 3, 4, (byte)0x7F, (byte)0x80, (byte)0xFF };

    /** One case of a property, with everything it needs drawn from {@code random}. */
    @FunctionalInterface
    interface Case
    {
        void check(SplittableRandom random);
    }

    private FuzzInputs()
    {
    }

    /**
     * Checks a property for {@code minimumCases} cases, or more if {@value #CASES_PROPERTY} asks, stopping at the
     * first failure with the seeds needed to replay it.
     */
    static void forEachCase(final int minimumCases, final Case property)
    {
        final long baseSeed = baseSeed();
        final int cases = Math.max(minimumCases, intProperty(CASES_PROPERTY, minimumCases));
        for (int i = 0; i < cases; i++)
        {
            final long caseSeed = baseSeed + i;
            try
            {
                property.check(new SplittableRandom(caseSeed));
            }
            catch (final RuntimeException | Error ex)
            {
                // Anything the code under test throws is a failure too, and needs the seed just as much.
                throw new AssertionError(
                    "case " + i + " of " + cases + " failed with base seed " + baseSeed +
                    " (replay it as case 0 with -D" + SEED_PROPERTY + "=" + caseSeed + "): " + ex, ex);
            }
        }
    }

    static long baseSeed()
    {
        final String value = System.getProperty(SEED_PROPERTY);
        return null == value || value.isBlank() ? DEFAULT_SEED : Long.decode(value.trim());
    }

    /** An int in {@code [min, max]}, one of the two ends about one time in eight. */
    static int intInRange(final SplittableRandom random, final int min, final int max)
    {
        switch (random.nextInt(16))
        {
            case 0:
                return min;
            case 1:
                return max;
            default:
                return random.nextInt(min, max + 1);
        }
    }

    /** A random byte array of {@code minLength} to {@code maxLength} bytes, some of them edge values. */
    static byte[] bytes(final SplittableRandom random, final int minLength, final int maxLength)
    {
        // Short arrays are where boundary bugs show, so a quarter of the draws stay within 16 bytes.
        final int shortMax = Math.min(maxLength, minLength + 16);
        final int length = random.nextInt(4) == 0 ?
            intInRange(random, minLength, shortMax) : intInRange(random, minLength, maxLength);
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        if (random.nextBoolean())
        {
            for (int i = 0; i < length; i++)
            {
                if (random.nextInt(8) == 0)
                {
                    bytes[i] = EDGE_BYTES[random.nextInt(EDGE_BYTES.length)];
                }
            }
        }
        return bytes;
    }

    /** A random byte array of up to {@code maxLength} bytes. */
    static byte[] bytes(final SplittableRandom random, final int maxLength)
    {
        return bytes(random, 0, maxLength);
    }

    /**
     * A value for a 64-bit size field: an edge size a third of the time, otherwise either a size near the
     * decoder's limits or any long at all, negatives included.
     */
    static long sizeField(final SplittableRandom random)
    {
        switch (random.nextInt(3))
        {
            case 0:
                return EDGE_SIZES[random.nextInt(EDGE_SIZES.length)];
            case 1:
                return random.nextLong(-256, (1L << 21) + 1);
            default:
                return random.nextLong();
        }
    }

    /** One of {@code values}, evenly. */
    @SafeVarargs
    static <T> T oneOf(final SplittableRandom random, final T... values)
    {
        return values[random.nextInt(values.length)];
    }

    /** One constant of an enum, evenly. */
    static <E extends Enum<E>> E enumValue(final SplittableRandom random, final Class<E> type)
    {
        return oneOf(random, type.getEnumConstants());
    }

    private static int intProperty(final String name, final int defaultValue)
    {
        final String value = System.getProperty(name);
        return null == value || value.isBlank() ? defaultValue : Integer.parseInt(value.trim());
    }
}
