package io.ringmq.internal.socket;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A control-plane command run on the I/O agent, whose result the calling thread waits for; the agent unparks that
 * thread when it is done.
 */
final class AgentCall<T> implements Runnable
{
    private final Supplier<T> body;
    private final Thread caller = Thread.currentThread();
    private T result;
    private RuntimeException failure;
    private volatile boolean done;

    AgentCall(final Supplier<T> body)
    {
        this.body = body;
    }

    @Override
    public void run()
    {
        try
        {
            result = body.get();
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
        done = true;
        LockSupport.unpark(caller);
    }

    boolean isDone()
    {
        return done;
    }

    /**
     * @return the body's result; throws what the body threw.
     */
    T result()
    {
        if (null != failure)
        {
            throw failure;
        }
        return result;
    }
}
