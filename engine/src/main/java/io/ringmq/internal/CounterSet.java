package io.ringmq.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.ringmq.Counter;
import io.ringmq.CounterReader;

/**
 * Counters with one writer, the I/O agent, and any number of readers: the writer adds with a release store (a
 * plain store on x86, no fence on the hot path), readers read with acquire. A connection's set also adds to its
 * socket's set, so the socket's totals outlive its connections.
 */
public final class CounterSet implements CounterReader
{
    private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] values = new long[Counter.count()];
    private final String label;
    private final CounterSet totals;

    /**
     * @param label  what is counted.
     * @param totals a set that also gets every addition, or null.
     */
    public CounterSet(final String label, final CounterSet totals)
    {
        this.label = label;
        this.totals = totals;
    }

    @Override
    public String label()
    {
        return label;
    }

    @Override
    public long get(final Counter counter)
    {
        return (long)VALUES.getAcquire(values, counter.ordinal());
    }

    /**
     * Add to a counter; the I/O agent's thread only.
     */
    void add(final Counter counter, final long amount)
    {
        final int index = counter.ordinal();
        VALUES.setRelease(values, index, values[index] + amount);
        if (null != totals)
        {
            totals.add(counter, amount);
        }
    }

    void increment(final Counter counter)
    {
        add(counter, 1);
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder(label);
        for (final Counter counter : Counter.values())
        {
            text.append(' ').append(counter).append('=').append(get(counter));
        }
        return text.toString();
    }
}
