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
 * runs it in its own duty cycles). An application thread that finds the agent's thread in the selector asks for the
 * lease and wakes the selector; the agent's thread lets go and yields until the asker took the lease or gave up.
 * <p>
 * A leader lets go without waking the agent's thread: a client between its reply and its next request, a server
 * between its reply and the next request, comes back for the lease at once, and an unpark per round trip would cost
 * both a system call on its path and a thread competing for the CPU. The agent's thread parks
 * {@link #RECHECK_NS} at a time instead and looks: a lease let go, it runs again; a lease taken again meanwhile, it
 * parks on; one leader holding the lease all along (a long wait), it parks until that leader lets go, which then
 * unparks it. Work for the agent published while nobody leads calls it at once ({@link #callAgent(boolean)}); only what the
 * kernel reports (a new connection, a subscription) waits for the next look, {@link #RECHECK_NS} at most.
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
    /**
     * How long the agent's thread parks before it looks at the lease again while a leader comes and goes: the
     * longest a lease let go stays without a thread in the selector, unless work for the agent calls its thread.
     */
    static final long RECHECK_NS = 10_000_000L;
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
    /** True while the agent's thread parks until the leader lets go: that leader must unpark it. */
    private volatile boolean agentParkedUntilRelease;
    /** Set by a thread with work for the agent while its thread parks: run again, even if a leader took the lease. */
    private volatile boolean agentCalled;
    /**
     * Set by a thread about to park on one of the agent's sockets without leading: the agent's thread must run once
     * the lease is let go, whatever the leader ran meanwhile.
     */
    private volatile boolean agentNeededByWaiter;
    /** Set for closing: the agent's thread parks no more. */
    private volatile boolean agentStopping;
    /** How many times an application thread took the lease; written by the one that takes it. */
    private volatile int takes;
    /** {@link #takes} at the agent's thread's last look; that thread's own. */
    private int seenTakes;
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
     * The agent's thread, which could not take the lease (or ran the cycle this asked for): park while application
     * threads lead, looking every {@link #RECHECK_NS}. One leader holding the lease through a whole look, it parks
     * until that leader lets go.
     *
     * @param again false when the lease was just found lent, true after the duty cycle the last call asked for.
     * @return true when leaders came and went and the lease is free: run one duty cycle (what the kernel reported
     * meanwhile) and call again; false to go back to the agent's own idle loop: nobody took the lease for a whole
     * look, a thread called, or the agent stops.
     */
    boolean agentParks(final boolean again)
    {
        if (!again)
        {
            if (state != LENT)
            {
                return false;
            }
            seenTakes = takes;
        }
        agentParked = true;
        try
        {
            // An interrupt (the runner stopping) would make every park return at once.
            while (!called() && !Thread.currentThread().isInterrupted())
            {
                LockSupport.parkNanos(this, RECHECK_NS);
                if (called())
                {
                    return false;
                }
                final int taken = takes;
                final boolean cameAndWent = taken != seenTakes;
                seenTakes = taken;
                if (state != LENT)
                {
                    return cameAndWent;
                }
                if (!cameAndWent && parkUntilRelease(taken))
                {
                    return true;
                }
            }
            return false;
        }
        finally
        {
            agentParked = false;
            agentCalled = false;
            agentNeededByWaiter = false;
        }
    }

    private boolean called()
    {
        return agentCalled || agentNeededByWaiter || agentStopping;
    }

    /**
     * One leader held the lease through a whole look: park until it lets go or a thread calls this one.
     *
     * @return true when the leader let go.
     */
    private boolean parkUntilRelease(final int taken)
    {
        agentParkedUntilRelease = true;
        try
        {
            // Written before the state is read here, the state before the flag on release: the leader that lets go
            // sees the flag and unparks, or this thread sees the lease let go and does not park.
            if (state == LENT && takes == taken && !called())
            {
                LockSupport.park(this);
            }
            return state != LENT && !called();
        }
        finally
        {
            agentParkedUntilRelease = false;
        }
    }

    /**
     * A thread found the agent's thread parked for the lease: unpark it unless a leader holds the lease. A thread
     * that published work leaves it to that leader, which runs it ({@link #calledWorkRun()}) or unparks the agent's
     * thread when it lets go; a thread about to park on one of the agent's sockets without leading makes the
     * release unpark it whatever the leader ran, as the leader stops running the agent's work when its own wait ends.
     *
     * @param waiter true for a thread about to park, false for one that published work.
     */
    void callAgent(final boolean waiter)
    {
        if (waiter)
        {
            agentNeededByWaiter = true;
        }
        else
        {
            agentCalled = true;
        }
        // Written before the state is read here, the state before the flags on release: when a leader holds the
        // lease, it or its release sees the call.
        if (state != LENT)
        {
            unparkAgent();
        }
    }

    /**
     * Make the agent's thread run now, leader or not, parked or about to park: for closing.
     */
    void callAgentNow()
    {
        agentStopping = true;
        unparkAgent();
    }

    /**
     * The leader ran the agent's work: what called the agent's thread meanwhile is done.
     */
    void calledWorkRun()
    {
        if (agentCalled)
        {
            agentCalled = false;
            // The flag is cleared before the work is looked at, so work published after the flag was set is seen.
            VarHandle.fullFence();
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
            return taken();
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
            return taken();
        }
        finally
        {
            WANTED.getAndAdd(this, -1);
        }
    }

    private int taken()
    {
        takes++;
        leaveFollowing();
        return TAKEN;
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
     * @return true when another application thread waits to lead after the current leader.
     */
    boolean hasFollower()
    {
        return null != follower;
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
     * The leading application thread stops waiting: the follower, if any, runs again, and the agent's thread if it
     * parks until this release or was called meanwhile.
     */
    void applicationReleases()
    {
        state = FREE;
        final Thread next = follower;
        if (null != next && FOLLOWER.compareAndSet(this, next, null))
        {
            LockSupport.unpark(next);
        }
        if (agentParkedUntilRelease || agentCalled || agentNeededByWaiter)
        {
            unparkAgent();
        }
    }

    /**
     * Make a parked agent thread run.
     */
    private void unparkAgent()
    {
        final Thread thread = agentThread;
        if (null != thread)
        {
            LockSupport.unpark(thread);
        }
    }
}
