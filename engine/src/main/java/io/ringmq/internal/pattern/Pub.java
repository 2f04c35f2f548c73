package io.ringmq.internal.pattern;

import io.ringmq.SocketType;

/**
 * A PUB is an XPUB that keeps its peers' subscriptions to itself: it never receives.
 */
final class Pub extends XPub
{
    Pub()
    {
        super(SocketType.PUB);
    }

    @Override
    public boolean canReceive()
    {
        return false;
    }
}
