package io.ringmq.internal;

import io.ringmq.SocketType;
import io.ringmq.codec.CommandEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What a PUB's or XPUB's peers subscribed to, one account for every transport. Each peer's own set is written and
 * read (to filter) only by the thread that serves the peer: the I/O agent for tcp and ipc, the socket's thread for
 * inproc. An XPUB's union, whose changes its application hears of, is shared by both and guarded here: a topic is
 * announced when its first subscriber comes and cancelled when its last goes, whatever transport each came by, as
 * libzmq's XPUB does. Subscribing allocates (control plane); nothing here runs per data message.
 */
public final class PeerSubscriptions
{
    /**
     * Where an XPUB's subscription notices go: the application's inbound side of the thread that applied them.
     */
    interface Notices
    {
        /**
         * @param first the notice's first byte: 1 for a subscribe, 0 for a cancel.
         * @param topic holding the prefix.
         */
        void notice(byte first, DirectBuffer topic, int offset, int length);
    }

    private final SubscriptionSet union;

    /**
     * @param type the socket's type: only an XPUB keeps a union.
     */
    public PeerSubscriptions(final SocketType type)
    {
        this.union = type == SocketType.XPUB ? new SubscriptionSet() : null;
    }

    /**
     * Apply a peer's subscribe or cancel. The peer's subscriptions are a set, as in libzmq: a SUB forwards every
     * subscribe but only the cancel that removes its last subscription to a prefix, so counting them would never
     * reach zero. The union counts one per subscribed peer.
     *
     * @param verbose   XPUB_VERBOSE: every subscribe is passed on, not only new ones.
     * @param subscribe true for a subscribe, false for a cancel.
     * @return true when an XPUB passes the (un)subscription on to its application.
     */
    boolean apply(
        final PeerAdmission.Peer peer, final boolean verbose, final boolean subscribe,
        final DirectBuffer prefix, final int offset, final int length)
    {
        final SubscriptionSet own = peer.peerSubscriptions;
        if (subscribe)
        {
            final boolean added = !own.contains(prefix, offset, length) && own.add(prefix, offset, length);
            return null != union && ((added && addToUnion(prefix, offset, length)) || verbose);
        }
        if (own.contains(prefix, offset, length))
        {
            own.remove(prefix, offset, length);
            return null != union && removeFromUnion(prefix, offset, length);
        }
        return false;
    }

    /**
     * A peer left: its subscriptions go, and an XPUB's application hears of each topic it was the last subscriber to.
     */
    void peerLeft(final PeerAdmission.Peer peer, final Notices notices)
    {
        final SubscriptionSet gone = peer.peerSubscriptions;
        while (gone.size() > 0)
        {
            final byte[] prefix = gone.prefix(0);
            final UnsafeBuffer view = new UnsafeBuffer(prefix);
            gone.remove(view, 0, prefix.length);
            if (null != union && removeFromUnion(view, 0, prefix.length))
            {
                notices.notice(CommandEncoder.CANCEL_MESSAGE_PREFIX, view, 0, prefix.length);
            }
        }
    }

    private boolean addToUnion(final DirectBuffer prefix, final int offset, final int length)
    {
        synchronized (union)
        {
            return union.add(prefix, offset, length);
        }
    }

    private boolean removeFromUnion(final DirectBuffer prefix, final int offset, final int length)
    {
        synchronized (union)
        {
            return union.remove(prefix, offset, length);
        }
    }
}
