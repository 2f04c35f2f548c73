package io.ringmq.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * Wakes a thread parked while waiting on a socket. Only inproc peers use it: they write from another application
 * thread, which would otherwise find the waiting thread asleep for the rest of its idle strategy's park period.
 * The waiting thread arms the waker before it looks a last time for something to do, so a write between that
 * look and the park still unparks it (a permit left over only makes one park return early).
 */
public final class Waker
{
    private volatile Thread waiter;

    /**
     * The calling thread is about to wait.
     */
    public void arm()
    {
        waiter = Thread.currentThread();
    }

    /**
     * The calling thread stopped waiting.
     */
    public void disarm()
    {
        waiter = null;
    }

    /**
     * Unpark the waiting thread, if any.
     */
    public void wake()
    {
        final Thread thread = waiter;
        if (null != thread)
        {
            LockSupport.unpark(thread);
        }
    }
}
