package io.ringmq.internal.pattern;

import io.ringmq.SocketType;

/**
 * A SUB is an XSUB whose application subscribes through subscribe and unsubscribe calls: it sends nothing else.
 */
final class Sub extends XSub
{
    Sub()
    {
        super(SocketType.SUB);
    }

    @Override
    public boolean canSend()
    {
        return false;
    }

    @Override
    public boolean subscribes()
    {
        return true;
    }
}
