package io.ringmq.internal.pattern;

import io.ringmq.SocketType;

/**
 * A PUSH hands each message to one downstream peer in turn; it never receives.
 */
final class Push extends Pattern
{
    Push()
    {
        super(SocketType.PUSH);
    }

    @Override
    public boolean blocksWithoutPeers()
    {
        return true;
    }

    @Override
    public boolean canReceive()
    {
        return false;
    }
}
