package io.ringmq.codec;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Damage done to a valid stream for fuzzing, and the random chunk sizes a network might cut it into, both drawn
 * from one seed so a failing case can be replayed.
 */
final class Mutations
{
    private Mutations()
    {
    }

    /** One to four bit flips, truncations, insertions, deletions or byte overwrites. */
    static byte[] mutate(final byte[] valid, final RandomGenerator random)
    {
        byte[] bytes = valid.clone();
        final int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations && bytes.length > 0; i++)
        {
            final int at = random.nextInt(bytes.length);
            switch (random.nextInt(5))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.nextInt(8));
                    break;
                case 1:
                    bytes = Arrays.copyOf(bytes, at);
                    break;
                case 2:
                    final byte[] inserted = new byte[1 + random.nextInt(9)];
                    random.nextBytes(inserted);
                    bytes = splice(bytes, at, 0, inserted);
                    break;
                case 3:
                    bytes = splice(bytes, at, Math.min(bytes.length - at, 1 + random.nextInt(8)), new byte[0]);
                    break;
                default:
                    bytes[at] = (byte)random.nextInt(256);
                    break;
            }
        }
        return bytes;
    }

    /** A chunk length for the next read: mostly small, sometimes whatever is left. */
    static int nextChunk(final RandomGenerator random, final int remaining)
    {
        if (random.nextInt(4) == 0)
        {
            return 1 + random.nextInt(remaining);
        }
        return 1 + random.nextInt(Math.min(16, remaining));
    }

    private static byte[] splice(final byte[] bytes, final int at, final int removed, final byte[] inserted)
    {
        final byte[] result = new byte[bytes.length - removed + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at + removed, result, at + inserted.length, bytes.length - at - removed);
        return result;
    }
}
