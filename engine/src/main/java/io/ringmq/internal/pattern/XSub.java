package io.ringmq.internal.pattern;

import io.ringmq.SocketType;

/**
 * An XSUB fair-queues what its publishers send and sends its subscriptions upstream as messages (0x01 or 0x00, then
 * the prefix); any other message it sends goes to every publisher.
 */
class XSub extends Pattern
{
    XSub(final SocketType type)
    {
        super(type);
    }

    @Override
    public boolean keepsSubscriptions()
    {
        return true;
    }
}
