package io.ringmq.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes the application thread waiting on a socket: in {@code recv}, a blocking {@code send}, a {@code Poller} or
 * a proxy. The thread arms the waker once its spin and yield budget is spent, looks once more for something to
 * do, and only then blocks; producers (the I/O agent, inproc peers) call {@link #wake()} after they publish. The
 * armed thread is the "sleeping" announcement: while nobody is armed, a wake costs a fence and one volatile read.
 * <p>
 * A wake is one-shot: the first producer to see the armed thread disarms it and unparks it, so a burst of publishes
 * while the thread is still waking pays one unpark, not one each. The woken thread arms again before it blocks
 * again, looking once more in between.
 * <p>
 * The ordering that makes a lost wake-up impossible: the waiter writes {@code sleeper} (volatile) before it reads
 * the ring; the producer writes the ring, fences, then reads {@code sleeper}. One of them sees the other. A
 * permit left by an unpark that raced with the look makes one park return early, which the waiter's loop absorbs.
 * <p>
 * The waiting thread may block in an I/O agent's selector rather than park (invoker mode, or leading the selector
 * of an agent with its own thread), so a wake also wakes that selector when that thread is the one in it. A thread
 * that wakes itself (it read its own message while leading the selector) is not blocked and needs neither.
 */
public final class ThreadWaker implements Waker, Sleeper
{
    private static final VarHandle SLEEPER;

    static
    {
        try
        {
            SLEEPER = MethodHandles.lookup().findVarHandle(ThreadWaker.class, "sleeper", Thread.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** The agent whose selector the waiting thread may block in, or null when it only parks. */
    private final IoAgent agent;
    private volatile Thread sleeper;

    /**
     * @param agent the agent whose selector the waiting thread may block in (the invoker's, or with I/O threads
     *              the socket's), or null when it only parks.
     */
    public ThreadWaker(final IoAgent agent)
    {
        this.agent = agent;
    }

    /**
     * The calling thread is about to block: it looks once more for work before it does.
     */
    public void arm()
    {
        sleeper = Thread.currentThread();
    }

    /**
     * {@link #arm()} for a thread that will park rather than lead the agent's selector (a {@link io.ringmq.Poller},
     * a proxy): it relies on the agent's thread to read the network, so that thread must run.
     */
    public void armAndAttend()
    {
        arm();
        if (null != agent)
        {
            agent.attendWhileWaiting();
        }
    }

    /**
     * @return true when a thread is armed and no wake has fired since.
     */
    public boolean isArmed()
    {
        return null != sleeper;
    }

    @Override
    public boolean stillArmed()
    {
        return isArmed();
    }

    /**
     * The calling thread stopped waiting.
     */
    public void disarm()
    {
        if (null != sleeper)
        {
            sleeper = null;
        }
    }

    @Override
    public void wake()
    {
        VarHandle.fullFence();
        final Thread thread = sleeper;
        if (null != thread && SLEEPER.compareAndSet(this, thread, null) && thread != Thread.currentThread())
        {
            LockSupport.unpark(thread);
            if (null != agent)
            {
                agent.wakeLeader(thread);
            }
        }
    }
}
