package io.ringmq.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Who may block in an I/O agent's selector when the agent has its own thread: that thread, or an application
 * thread that waits for a message on one of the agent's sockets and leads the selector meanwhile. A leading
 * application thread is woken by the kernel when its peer's reply arrives, reads it and returns, where waiting
 * the usual way costs two wake-ups (the agent's, then the agent unparking the application).
 * <p>
 * At most one thread holds the lease. The agent's thread takes it when it has nothing to do and blocks in the
 * selector; while an application thread holds it, the agent's thread parks and runs none of its work (the leader
 * runs it in its own duty cycles), and the leader unparks it on release. An application thread that finds the
 * agent's thread in the selector asks for the lease and wakes the selector; the agent's thread lets go and yields
 * until the asker took the lease or gave up.
 * <p>
 * Without locks (a thread handing the lease over yields until the other side took it or gave up); allocates nothing.
 */
final class SelectorLease
{
    /** {@link #applicationTakes}: the caller holds the lease. */
    static final int TAKEN = 0;
    /** {@link #applicationTakes}: another application thread holds it. */
    static final int HELD = 1;
    /** {@link #applicationTakes}: the agent's thread did not leave the selector in time. */
    static final int TIMED_OUT = 2;
    private static final int FREE = 0;
    private static final int AGENT = 1;
    private static final int LENT = 2;
    /** How long an application thread yields for the agent's thread to leave the selector before it parks instead. */
    static final long HANDOVER_NS = 200_000L;
    /** How long the agent's thread leaves a lease that was just let go to the thread that let it go. */
    static final long RETURN_WINDOW_NS = 50_000L;
    private static final VarHandle STATE;
    private static final VarHandle FOLLOWER;
    private static final VarHandle WANTED;

    static
    {
        try
        {
            STATE = MethodHandles.lookup().findVarHandle(SelectorLease.class, "state", int.class);
            FOLLOWER = MethodHandles.lookup().findVarHandle(SelectorLease.class, "follower", Thread.class);
            WANTED = MethodHandles.lookup().findVarHandle(SelectorLease.class, "wanted", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private volatile int state;
    /** How many application threads wait for the agent's thread to leave the selector. */
    private volatile int wanted;
    /** True from the agent's thread parking for the lease until it runs again, unpark or not. */
    private volatile boolean agentParked;
    private volatile Thread agentThread;
    /** An application thread that found another leading and parks until that one lets go; one at a time. */
    private volatile Thread follower;

    /**
     * The agent's own thread starts: the one to unpark on release.
     */
    void agentThread(final Thread thread)
    {
        agentThread = thread;
    }

    /**
     * The agent's thread, with nothing to do.
     *
     * @return true when it may block in the selector: it holds the lease and nobody asked for it.
     */
    boolean agentTakes()
    {
        if (!STATE.compareAndSet(this, FREE, AGENT))
        {
            return false;
        }
        if (wanted > 0)
        {
            agentReleases();
            return false;
        }
        return true;
    }

    /**
     * The agent's thread leaves the selector; when an application thread asked meanwhile, it yields until that
     * thread took the lease or gave up.
     */
    void agentReleases()
    {
        state = FREE;
        while (wanted > 0 && state == FREE)
        {
            Thread.yield();
        }
    }

    /**
     * The agent's thread, which could not take the lease: park while an application thread holds it. Once the
     * lease is let go it parks {@link #RETURN_WINDOW_NS} more, as the thread that let go (a client between its
     * reply and its next request) usually comes back for the lease at once: it then takes it without waking the
     * agent's thread out of the selector, and this thread parks on.
     */
    void agentParks()
    {
        if (state != LENT)
        {
            return;
        }
        agentParked = true;
        try
        {
            if (state == LENT)
            {
                LockSupport.park(this);
                if (state == FREE)
                {
                    LockSupport.parkNanos(this, RETURN_WINDOW_NS);
                }
            }
        }
        finally
        {
            agentParked = false;
        }
    }

    /**
     * @return true when an application thread asked for the lease: the agent's thread must not block.
     */
    boolean isWanted()
    {
        return wanted > 0;
    }

    /**
     * @return true while an application thread holds the lease: the agent's thread must not run its work.
     */
    boolean isLent()
    {
        return state == LENT;
    }

    /**
     * @return true while the agent's thread parks for the lease, or was unparked and has not run yet.
     */
    boolean agentParked()
    {
        return agentParked;
    }

    /**
     * An application thread about to block: take the lease, asking the agent's thread for it if that thread is in
     * the selector, and yielding up to {@link #HANDOVER_NS} while it leaves.
     *
     * @param sleeper        the thread's armed wakers: it stops asking once one fired.
     * @param wakeSelector   wakes the agent's thread from the selector.
     * @return {@link #TAKEN} when the caller holds the lease and must {@link #applicationReleases()} it, else
     * {@link #HELD} or {@link #TIMED_OUT}.
     */
    int applicationTakes(final Sleeper sleeper, final Runnable wakeSelector)
    {
        if (STATE.compareAndSet(this, FREE, LENT))
        {
            leaveFollowing();
            return TAKEN;
        }
        if (state == LENT)
        {
            return follow();
        }
        WANTED.getAndAdd(this, 1);
        try
        {
            wakeSelector.run();
            final long deadline = System.nanoTime() + HANDOVER_NS;
            while (!STATE.compareAndSet(this, FREE, LENT))
            {
                if (state == LENT)
                {
                    return follow();
                }
                if (!sleeper.stillArmed() || System.nanoTime() - deadline >= 0)
                {
                    return TIMED_OUT;
                }
                Thread.yield();
            }
            leaveFollowing();
            return TAKEN;
        }
        finally
        {
            WANTED.getAndAdd(this, -1);
        }
    }

    /**
     * Another application thread leads: become the follower it unparks when it lets go, unless there is one.
     *
     * @return {@link #HELD}, or {@link #TIMED_OUT} (look again soon) when the lease was let go meanwhile.
     */
    private int follow()
    {
        final Thread self = Thread.currentThread();
        if (follower != self && !FOLLOWER.compareAndSet(this, null, self))
        {
            return HELD;
        }
        // The follower is written before the state is read, the state before the follower on release: a lease let
        // go meanwhile is seen here, or the releasing thread sees the follower and unparks it.
        return state == LENT ? HELD : TIMED_OUT;
    }

    /**
     * The calling thread no longer waits to lead: free the follower's place if it holds it.
     */
    void leaveFollowing()
    {
        if (follower == Thread.currentThread())
        {
            follower = null;
        }
    }

    /**
     * The leading application thread stops waiting: the follower, if any, and the agent's thread run again.
     */
    void applicationReleases()
    {
        state = FREE;
        final Thread next = follower;
        if (null != next && FOLLOWER.compareAndSet(this, next, null))
        {
            LockSupport.unpark(next);
        }
        // The agent's thread writes agentParked before it reads the state, this thread the other way round: when
        // the flag reads false here, the agent's thread sees FREE and does not park.
        if (agentParked)
        {
            unparkAgent();
        }
    }

    /**
     * Make a parked agent thread run: on release, and for closing.
     */
    void unparkAgent()
    {
        final Thread thread = agentThread;
        if (null != thread)
        {
            LockSupport.unpark(thread);
        }
    }
}
