package io.ringmq.internal;

import io.ringmq.Counter;
import io.ringmq.CounterReader;

/**
 * Counter sets read as one: a socket's totals are what its I/O agent counted (tcp, ipc) plus what its own
 * thread counted (inproc, drops before the agent), each set with a single writer.
 */
public final class CounterSum implements CounterReader
{
    private final CounterReader[] parts;

    /**
     * @param parts the sets to add up; the first labels the sum.
     */
    public CounterSum(final CounterReader... parts)
    {
        this.parts = parts.clone();
    }

    @Override
    public String label()
    {
        return parts[0].label();
    }

    @Override
    public long get(final Counter counter)
    {
        long total = 0;
        for (final CounterReader part : parts)
        {
            total += part.get(counter);
        }
        return total;
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
