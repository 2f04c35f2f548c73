package io.ringmq.wakeup;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;

/**
 * A latency bound checked on a shared, noisy machine. A delivery that waits out a park or an agent's own look waits
 * that long in every round; a machine busy with other work delays a woken or yielding thread by a scheduler quantum
 * (2 to 4 ms) for a while. So the bound holds when one of a few rounds has its median below it, and the failure
 * shows every round.
 */
final class MedianRounds
{
    /** Rounds tried before failing. */
    static final int ROUNDS = 3;

    /** One round of measured latencies, in nanoseconds. */
    @FunctionalInterface
    interface Round
    {
        long[] latenciesNs() throws Exception;
    }

    private MedianRounds()
    {
    }

    /**
     * Run rounds until one has its median below {@code boundNs}, {@link #ROUNDS} at most, printing each.
     */
    static void assertOneRoundBelow(final String what, final long boundNs, final Round round) throws Exception
    {
        assertOneRoundBelow(what, boundNs, ROUNDS, round);
    }

    /**
     * As {@link #assertOneRoundBelow(String, long, Round)}, with {@code rounds} rounds at most.
     */
    static void assertOneRoundBelow(final String what, final long boundNs, final int rounds, final Round round)
        throws Exception
    {
        final StringBuilder all = new StringBuilder();
        for (int r = 0; r < rounds; r++)
        {
            final long[] sorted = round.latenciesNs().clone();
            Arrays.sort(sorted);
            final long median = sorted[sorted.length / 2];
            System.out.printf("%s: median %d us, max %d us over %d tries%n", what, median / 1000,
                sorted[sorted.length - 1] / 1000, sorted.length);
            if (median < boundNs)
            {
                return;
            }
            all.append(System.lineSeparator()).append("median ").append(median / 1000).append(" us over ")
                .append(sorted.length).append(" tries; sorted (us): ")
                .append(Arrays.toString(Arrays.stream(sorted).map(ns -> ns / 1000).toArray()));
        }
        fail(what + ": no median below " + boundNs / 1000 + " us in " + rounds + " rounds:" + all);
    }
}
