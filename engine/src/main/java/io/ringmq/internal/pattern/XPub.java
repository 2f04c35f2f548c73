package io.ringmq.internal.pattern;

import io.ringmq.SocketType;

/**
 * An XPUB distributes each message to the peers whose subscriptions match its first frame, and passes the
 * subscriptions its peers send to the application as messages. It never waits: a message the I/O cannot take now
 * is dropped and counted, as at a subscriber's high-water mark.
 */
class XPub extends Pattern
{
    XPub(final SocketType type)
    {
        super(type);
    }

    @Override
    public final boolean dropsWhenBehind()
    {
        return true;
    }
}
