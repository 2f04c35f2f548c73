package io.ringmq.internal;

import java.util.Arrays;

import org.agrona.DirectBuffer;

/**
 * Counted prefix subscriptions, as ZeroMQ defines them: a message matches when its first frame starts with any
 * subscribed prefix; the empty prefix matches everything; subscribing twice needs two cancels. Adding allocates
 * (control plane); matching does not.
 */
public final class SubscriptionSet
{
    private byte[][] prefixes = new byte[4][];
    private int[] counts = new int[4];
    private int size;

    /**
     * @return true when the first subscription to this prefix was added (it was not subscribed before).
     */
    public boolean add(final DirectBuffer buffer, final int offset, final int length)
    {
        final int index = indexOf(buffer, offset, length);
        if (index >= 0)
        {
            counts[index]++;
            return false;
        }
        if (size == prefixes.length)
        {
            prefixes = Arrays.copyOf(prefixes, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        final byte[] prefix = new byte[length];
        buffer.getBytes(offset, prefix);
        prefixes[size] = prefix;
        counts[size] = 1;
        size++;
        return true;
    }

    /**
     * @return true when the last subscription to this prefix was removed.
     */
    public boolean remove(final DirectBuffer buffer, final int offset, final int length)
    {
        final int index = indexOf(buffer, offset, length);
        if (index < 0)
        {
            return false;
        }
        if (--counts[index] > 0)
        {
            return false;
        }
        size--;
        prefixes[index] = prefixes[size];
        counts[index] = counts[size];
        prefixes[size] = null;
        return true;
    }

    /**
     * @return true when exactly this prefix is subscribed.
     */
    public boolean contains(final DirectBuffer buffer, final int offset, final int length)
    {
        return indexOf(buffer, offset, length) >= 0;
    }

    /**
     * @return true when a message whose first frame is this range matches a subscription.
     */
    public boolean matches(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < size; i++)
        {
            final byte[] prefix = prefixes[i];
            if (prefix.length <= length && startsWith(buffer, offset, prefix))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the number of distinct prefixes.
     */
    public int size()
    {
        return size;
    }

    /**
     * @param index below {@link #size()}.
     * @return that prefix. Do not modify.
     */
    public byte[] prefix(final int index)
    {
        return prefixes[index];
    }

    /**
     * @param index below {@link #size()}.
     * @return how many times that prefix is subscribed.
     */
    public int count(final int index)
    {
        return counts[index];
    }

    /**
     * Forget every subscription.
     */
    public void clear()
    {
        Arrays.fill(prefixes, 0, size, null);
        size = 0;
    }

    private int indexOf(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < size; i++)
        {
            final byte[] prefix = prefixes[i];
            if (prefix.length == length && startsWith(buffer, offset, prefix))
            {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(final DirectBuffer buffer, final int offset, final byte[] prefix)
    {
        for (int i = 0; i < prefix.length; i++)
        {
            if (buffer.getByte(offset + i) != prefix[i])
            {
                return false;
            }
        }
        return true;
    }
}
