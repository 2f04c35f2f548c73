package io.ringmq.internal.pattern;

import io.ringmq.SocketType;

/**
 * A DEALER load-balances what it sends and fair-queues what it receives, with no envelope rules of its own.
 */
final class Dealer extends Pattern
{
    Dealer()
    {
        super(SocketType.DEALER);
    }

    @Override
    public boolean blocksWithoutPeers()
    {
        return true;
    }
}
