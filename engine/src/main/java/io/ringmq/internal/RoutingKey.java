package io.ringmq.internal;

import java.util.Arrays;

import org.agrona.DirectBuffer;

/**
 * A routing id as a hash key. Keys stored in a map are made once per connection with {@link #copyOf(byte[])};
 * lookups reuse one mutable key per thread, refilled with {@link #set}, so routing a message allocates nothing.
 */
public final class RoutingKey
{
    /** The longest routing id ZMTP allows. */
    public static final int MAX_LENGTH = 255;

    private final byte[] bytes;
    private int length;
    private int hash;

    /**
     * A mutable key for lookups.
     */
    public RoutingKey()
    {
        this.bytes = new byte[MAX_LENGTH];
    }

    private RoutingKey(final byte[] id)
    {
        this.bytes = id.clone();
        this.length = id.length;
        this.hash = hash(bytes, length);
    }

    /**
     * @param id a routing id.
     * @return an immutable key holding a copy of it.
     */
    public static RoutingKey copyOf(final byte[] id)
    {
        return new RoutingKey(id);
    }

    /**
     * Refill this lookup key; an id longer than {@link #MAX_LENGTH} matches nothing.
     *
     * @return this.
     */
    public RoutingKey set(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > bytes.length)
        {
            this.length = -1;
            this.hash = 0;
            return this;
        }
        buffer.getBytes(offset, bytes, 0, length);
        this.length = length;
        this.hash = hash(bytes, length);
        return this;
    }

    /**
     * @return a copy of the id.
     */
    public byte[] toBytes()
    {
        return Arrays.copyOf(bytes, Math.max(0, length));
    }

    @Override
    public boolean equals(final Object other)
    {
        if (!(other instanceof RoutingKey))
        {
            return false;
        }
        final RoutingKey that = (RoutingKey)other;
        return length == that.length && hash == that.hash &&
            Arrays.equals(bytes, 0, Math.max(0, length), that.bytes, 0, Math.max(0, that.length));
    }

    @Override
    public int hashCode()
    {
        return hash;
    }

    private static int hash(final byte[] bytes, final int length)
    {
        int h = 1;
        for (int i = 0; i < length; i++)
        {
            h = 31 * h + bytes[i];
        }
        return h;
    }
}
