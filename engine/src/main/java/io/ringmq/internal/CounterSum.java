package io.ringmq.internal;

import io.ringmq.Counter;
import io.ringmq.CounterReader;

/**
 * Two counter sets read as one: a socket's totals are what its I/O agent counted (tcp, ipc) plus what its own
 * thread counted (inproc), each set with a single writer.
 */
public final class CounterSum implements CounterReader
{
    private final CounterReader first;
    private final CounterReader second;

    /**
     * @param first  labels the sum.
     * @param second added to it.
     */
    public CounterSum(final CounterReader first, final CounterReader second)
    {
        this.first = first;
        this.second = second;
    }

    @Override
    public String label()
    {
        return first.label();
    }

    @Override
    public long get(final Counter counter)
    {
        return first.get(counter) + second.get(counter);
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder(label());
        for (final Counter counter : Counter.values())
        {
            text.append(' ').append(counter).append('=').append(get(counter));
        }
        return text.toString();
    }
}
