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
     * Apply a peer's subscribe or cancel as a PUB or XPUB does. The peer's subscriptions are a set, as in libzmq: a
     * SUB forwards every subscribe but only the cancel that removes its last subscription to a prefix, so counting
     * them would never reach zero. The socket's union counts one per subscribed peer.
     *
     * @param peer      the peer's subscriptions.
     * @param union     the socket's union (XPUB), or null (PUB).
     * @param verbose   XPUB_VERBOSE: every subscribe is passed on, not only new ones.
     * @param subscribe true for a subscribe, false for a cancel.
     * @return true when an XPUB passes the (un)subscription on to its application.
     */
    public static boolean applyPeerSubscription(
        final SubscriptionSet peer, final SubscriptionSet union, final boolean verbose, final boolean subscribe,
        final DirectBuffer buffer, final int offset, final int length)
    {
        if (subscribe)
        {
            final boolean added = !peer.contains(buffer, offset, length) && peer.add(buffer, offset, length);
            return null != union && ((added && union.add(buffer, offset, length)) || verbose);
        }
        if (peer.contains(buffer, offset, length))
        {
            peer.remove(buffer, offset, length);
            return null != union && union.remove(buffer, offset, length);
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
