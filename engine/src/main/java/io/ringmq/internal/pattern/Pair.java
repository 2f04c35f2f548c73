package io.ringmq.internal.pattern;

import io.ringmq.SocketType;

/**
 * A PAIR talks to exactly one peer, whatever its transport, both ways.
 */
final class Pair extends Pattern
{
    Pair()
    {
        super(SocketType.PAIR);
    }

    @Override
    public boolean blocksWithoutPeers()
    {
        return true;
    }
}
