package io.ringmq.internal.pattern;

import io.ringmq.SocketType;

/**
 * A PULL fair-queues messages from its upstream peers; it never sends.
 */
final class Pull extends Pattern
{
    Pull()
    {
        super(SocketType.PULL);
    }

    @Override
    public boolean canSend()
    {
        return false;
    }
}
