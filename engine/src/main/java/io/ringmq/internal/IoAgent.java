package io.ringmq.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.function.Consumer;

import io.ringmq.transport.TransportPoller;
import org.agrona.concurrent.Agent;

/**
 * An I/O agent: one thread's duty cycle over the sockets assigned to it. Each cycle takes commands from
 * application threads (bind, connect, close: the control plane, which may allocate), polls the network without
 * blocking, moves each socket's outbound ring to its peers' backlogs, writes the backlogs (one system call per
 * peer per cycle) and runs reconnect timers. It returns the work done so the runner's idle strategy can back off.
 * <p>
 * With a few connections the agent reads each one's socket every cycle ({@link DirectPolling}) and asks the
 * selector, which then only accepts and completes connects, every {@link #SELECT_INTERVAL_NS} at most.
 * <p>
 * With nothing to do, the thread that runs the agent (its own, an application thread in invoker mode, or one that
 * leads the selector) blocks in the selector through {@link #block(long, Sleeper)} until a channel is ready, a
 * timer is due or a thread that has work for it calls {@link #wake()}: application threads after they commit to an
 * outbound ring, submit a command or free space in an inbound ring. The agent announces that it sleeps before it
 * looks a last time for work, so a wake-up is paid only then, and none is lost. While it sleeps, an application
 * thread that committed a whole message may route and write it itself instead of waking it
 * ({@link #tryWrite(SocketCore)}); a duty flag, held for each duty cycle and each ready key but never while blocked,
 * keeps the two from running the agent's work at once.
 * <p>
 * With its own thread, the agent may lend its selector to an application thread that waits on one of its sockets
 * ({@link #lead(long, Sleeper, long)}): that thread polls, then blocks in the selector, and runs the duty cycles
 * while the agent's thread parks, so the message it waits for is read by it without a hand-off. A
 * {@link SelectorLease} says who may block in the selector; the agent's thread runs no work while the lease is
 * lent, and parks on for a while after a leader let go ({@link #attend()} calls it when it is needed).
 */
public final class IoAgent implements Agent, Waker
{
    private static final Consumer<SelectionKey> DISPATCH = IoAgent::dispatch;
    private static final VarHandle SLEEPING;
    private static final VarHandle DUTY;

    static
    {
        try
        {
            SLEEPING = MethodHandles.lookup().findVarHandle(IoAgent.class, "sleeping", boolean.class);
            DUTY = MethodHandles.lookup().findVarHandle(IoAgent.class, "duty", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** While connections are polled directly, the selector (accepts, connects) is asked at most this often. */
    static final long SELECT_INTERVAL_NS = 50_000L;
    /** In invoker mode, a send runs a whole duty cycle at least this often, else only its socket's outbound work. */
    static final long FULL_CYCLE_INTERVAL_NS = 50_000L;
    /** How often a socket with handshakes, heartbeats or a linger in progress needs the agent awake. */
    static final long TICK_NS = 1_000_000L;
    /** {@link #lead}: the caller led the selector for its wait. */
    public static final int LED = 0;
    /** {@link #lead}: another thread leads, the agent does not lend its selector, or it closes: park until woken. */
    public static final int NOT_LED = 1;
    /** {@link #lead}: the agent's thread did not leave the selector in time: park briefly and try again. */
    public static final int LEAD_LATER = 2;
    /** How long closing waits for an application thread to leave the selector it leads. */
    private static final long CLOSE_WAIT_NS = 1_000_000_000L;

    private final String name;
    private final TransportPoller poller = new TransportPoller();
    private final DirectPolling directPolling = new DirectPolling();
    private final AgentSchedule schedule = new AgentSchedule();
    private long nowNs = System.nanoTime();
    private long lastSelectNs = nowNs - SELECT_INTERVAL_NS;
    private long lastFullCycleNs = nowNs - FULL_CYCLE_INTERVAL_NS;
    /**
     * True while the thread that runs the agent (its own, or an application thread leading or in invoker mode) is
     * about to block, or blocks, in the selector: a producer must wake it.
     */
    private volatile boolean sleeping;
    /**
     * 1 while a thread runs the agent's work: its own thread, an application thread that leads the selector, or one
     * writing what it committed while the agent sleeps ({@link #tryWrite(SocketCore)}). Held for a duty cycle or one
     * ready key at a time, never while blocking.
     */
    private volatile int duty;
    private final Consumer<SelectionKey> dispatchOnDuty = this::dispatchOnDuty;
    /** With its own thread and the BACKOFF idle mode: who blocks in the selector, that thread or a waiting one. */
    private final SelectorLease lease = new SelectorLease();
    private final Runnable wakeSelector = poller::wakeup;
    private final Waker inboundRoomWaker = this::wakeSelector;
    /** False until the agent's own thread may lend its selector ({@link #lendsSelectorFrom(Thread)}). */
    private volatile boolean lendable;
    /** The application thread blocking in the selector through {@link #block(long, Sleeper)}, or null. */
    private volatile Thread leader;
    /** Set when the agent closes: no application thread may lead its selector any more. */
    private volatile boolean closing;

    /**
     * @param name for the thread and diagnostics.
     */
    public IoAgent(final String name)
    {
        this.name = name;
    }

    @Override
    public String roleName()
    {
        return name;
    }

    @Override
    public int doWork()
    {
        if (lease.isLent())
        {
            // The leader runs the work; taking the duty flag would only make a sending thread's write fail.
            return 0;
        }
        acquireDuty();
        try
        {
            // Read under the duty flag: a thread that took the lease runs the work itself, and the selector must
            // not see two threads.
            return lease.isLent() ? 0 : dutyCycle();
        }
        finally
        {
            releaseDuty();
        }
    }

    private int dutyCycle()
    {
        final long now = System.nanoTime();
        nowNs = now;
        lastFullCycleNs = now;
        int work = schedule.drainCommands();
        work += directPolling.poll();
        if (!directPolling.isDirect() || now - lastSelectNs >= SELECT_INTERVAL_NS)
        {
            lastSelectNs = now;
            work += poller.pollNow(DISPATCH);
        }
        work += schedule.doSocketWork();
        work += schedule.runTimers(now);
        return work;
    }

    /**
     * The duty cycle after an application's send in invoker mode: the sending socket's outbound work (route and
     * write what it committed) without polling the network, which the next receive or idle call does. A socket
     * that only sends still gets a whole cycle every {@link #FULL_CYCLE_INTERVAL_NS}, for handshakes, heartbeats
     * and reconnects.
     *
     * @param core the socket that sent.
     * @return work done.
     */
    public int doSendWork(final SocketCore core)
    {
        final long now = System.nanoTime();
        if (now - lastFullCycleNs >= FULL_CYCLE_INTERVAL_NS || core.isClosed())
        {
            return doWork();
        }
        acquireDuty();
        try
        {
            nowNs = now;
            return core.doWork();
        }
        finally
        {
            releaseDuty();
        }
    }

    /**
     * @return true when the agent has announced that it sleeps: a producer must wake it, or may do the work itself
     * ({@link #tryWrite(SocketCore)}); called after publishing.
     */
    public boolean sleeps()
    {
        VarHandle.fullFence();
        return sleeping || lease.agentParked();
    }

    /**
     * Threaded mode, while the agent sleeps: the thread that committed a whole message routes and writes it
     * itself, when no other thread is running the agent's work, so the send costs a system call on the caller
     * instead of a wake-up and a hand-off to the agent's thread.
     *
     * @param core the socket that committed.
     * @return true when everything was written; false when the caller must {@link #wake()} the agent: another
     * thread runs its work, or the write left some for it (a peer's backlog the kernel refused, a handshake in
     * progress, a closed connection).
     */
    public boolean tryWrite(final SocketCore core)
    {
        if (!tryAcquireDuty())
        {
            return false;
        }
        // The caller's interrupt belongs to the application: no channel operation may see it.
        final boolean interrupted = Thread.interrupted();
        try
        {
            return !core.writeCommitted();
        }
        finally
        {
            releaseDuty();
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void acquireDuty()
    {
        while (!DUTY.compareAndSet(this, 0, 1))
        {
            // An application thread is writing a message: a system call's time at most.
            Thread.onSpinWait();
        }
    }

    private boolean tryAcquireDuty()
    {
        return duty == 0 && DUTY.compareAndSet(this, 0, 1);
    }

    private void releaseDuty()
    {
        duty = 0;
    }

    private void dispatchOnDuty(final SelectionKey key)
    {
        acquireDuty();
        try
        {
            dispatch(key);
        }
        finally
        {
            releaseDuty();
        }
    }

    /**
     * @return true when a socket of this agent has committed messages not yet handed to the kernel; for the
     * invoker's flusher, under the invoker's lock.
     */
    public boolean hasUnwrittenOutbound()
    {
        return schedule.hasUnwrittenOutbound();
    }

    /**
     * Block in the selector until a channel is ready, a timer is due, {@code maxWaitNs} passed or {@link #wake()}
     * is called; first announce the sleep and run one more duty cycle, so work published before the announcement
     * is found and work published after it wakes the selector.
     *
     * @param maxWaitNs longest wait, or -1 for as long as no timer is due.
     * @param sleeper   an application thread blocking here (in invoker mode, or leading the selector), or null for
     *                  the agent's own thread: once one of its wakers fired it does not block.
     * @return work done: by the last duty cycle, or the ready keys handled.
     */
    public int block(final long maxWaitNs, final Sleeper sleeper)
    {
        if (null != sleeper)
        {
            leader = Thread.currentThread();
        }
        sleeping = true;
        try
        {
            final long waitNs;
            acquireDuty();
            try
            {
                final int work = dutyCycle();
                // A producer that saw the announcement has cleared it and called, or is calling, wakeup(), which
                // the duty cycle's selectNow() may have swallowed: look again rather than sleep through its work.
                if (work > 0 || !sleeping || closing ||
                    (null != sleeper ? !sleeper.stillArmed() : lease.isWanted()))
                {
                    return work;
                }
                nowNs = System.nanoTime();
                waitNs = schedule.nextWaitNs(nowNs, maxWaitNs, TICK_NS);
            }
            finally
            {
                releaseDuty();
            }
            if (waitNs == 0)
            {
                return 0;
            }
            // Not on duty while blocked: an application thread may write its message meanwhile.
            final int ready = poller.select(waitNs < 0 ? 0 : Math.max(1, (waitNs + 999_999L) / 1_000_000L),
                dispatchOnDuty);
            nowNs = System.nanoTime();
            return ready;
        }
        finally
        {
            sleeping = false;
            leader = null;
        }
    }

    /**
     * The leader's first look: run duty cycles, yielding between them, for up to {@code pollNs}, so a reply that
     * comes back within the waiter's spin and yield budget is read without anyone blocking.
     *
     * @return work done by the cycle that found some, or 0 when the caller should block.
     */
    private int pollWhileLeading(final long pollNs, final Sleeper sleeper)
    {
        final long deadline = System.nanoTime() + pollNs;
        while (true)
        {
            lease.calledWorkRun();
            final int work;
            acquireDuty();
            try
            {
                work = dutyCycle();
            }
            finally
            {
                releaseDuty();
            }
            if (work > 0 || closing || !sleeper.stillArmed() || System.nanoTime() - deadline >= 0)
            {
                return work;
            }
            Thread.yield();
        }
    }

    /**
     * The agent's own thread, with nothing to do: block in the selector, or park while a waiting application
     * thread leads it ({@link #lead(long, Sleeper, long)}).
     *
     * @return work done.
     */
    public int blockOwnThread()
    {
        if (lease.agentTakes())
        {
            try
            {
                return block(-1, null);
            }
            finally
            {
                lease.agentReleases();
            }
        }
        // Leaders come and go (a client's or a server's round trips): park, and now and then run a cycle for what
        // the kernel reported while the lease was free, until the agent's own traffic or a call needs this thread.
        boolean again = false;
        while (lease.agentParks(again))
        {
            again = true;
            if (doWork() > 0)
            {
                return 1;
            }
        }
        return 0;
    }

    /**
     * The agent's own thread may lend its selector from now on; call once, for an agent that spins and yields
     * before it blocks (the BACKOFF idle mode).
     */
    public void lendsSelectorFrom(final Thread ownThread)
    {
        lease.agentThread(ownThread);
        lendable = true;
    }

    /**
     * With I/O threads, an application thread that waits on one of this agent's sockets, its wakers armed: run the
     * agent's duty cycles for up to {@code pollNs}, then block in the agent's selector, running the agent's work,
     * until the network, a timer, a producer or one of its wakers wakes it, so that its peer's message wakes it
     * directly rather than the agent's thread first. Only one thread leads at a time; the caller's interrupt flag
     * must be clear.
     *
     * @param maxWaitNs longest wait, or -1 for no limit.
     * @param sleeper   the calling thread's armed wakers.
     * @param pollNs    how long to poll before blocking; 0 to block at once.
     * @return {@link #LED}, {@link #NOT_LED} or {@link #LEAD_LATER}.
     */
    public int lead(final long maxWaitNs, final Sleeper sleeper, final long pollNs)
    {
        if (!lendable || closing)
        {
            return NOT_LED;
        }
        final int taken = lease.applicationTakes(sleeper, wakeSelector);
        if (taken != SelectorLease.TAKEN)
        {
            return taken == SelectorLease.HELD ? NOT_LED : LEAD_LATER;
        }
        try
        {
            // With other threads waiting on the agent, polling would take the CPU they need: block at once.
            if (!closing && (pollNs <= 0 || lease.hasFollower() || 0 == pollWhileLeading(pollNs, sleeper)))
            {
                lease.calledWorkRun();
                block(maxWaitNs, sleeper);
            }
        }
        finally
        {
            lease.applicationReleases();
        }
        return LED;
    }

    /**
     * @return true when nobody runs the agent's I/O: its own thread parks after a leader let go of the selector,
     * and no thread leads now.
     */
    public boolean unattended()
    {
        return lendable && lease.agentParked() && !lease.isLent();
    }

    /**
     * The calling thread, which could not lead, stopped parking: it may be done waiting.
     */
    public void stopFollowing()
    {
        lease.leaveFollowing();
    }

    /**
     * A waker of {@code thread}, another thread than the caller, fired: wake the selector if that thread blocks in
     * it.
     */
    public void wakeLeader(final Thread thread)
    {
        if (leader == thread)
        {
            wake();
        }
    }

    /**
     * Wake the agent's thread if it sleeps in the selector; safe from any thread, after publishing the work.
     */
    @Override
    public void wake()
    {
        VarHandle.fullFence();
        // One-shot, as a thread's waker: of a burst of publishes while the agent wakes, the first pays.
        if (sleeping)
        {
            if (SLEEPING.compareAndSet(this, true, false))
            {
                poller.wakeup();
            }
        }
        else
        {
            // Nobody may be in the selector: a leader let go of it and the agent's thread parks on.
            attend();
        }
    }

    /**
     * Make sure a thread runs the agent's I/O: when a leader let go of the selector and the agent's thread still
     * parks, unpark it. For a thread that published work for the agent, and for one that is about to wait on one of
     * its sockets without leading the selector (or gives up looking) and so relies on the agent's thread to read the
     * network. Costs a read of a flag when the agent's thread runs.
     */
    public void attend()
    {
        if (lendable && lease.agentParked())
        {
            lease.callAgent(false);
        }
    }

    /**
     * {@link #attend()} for a thread about to park on one of the agent's sockets without leading its selector (a
     * {@link io.ringmq.Poller}, a proxy, a waiter that found another thread leading): the agent's thread runs now,
     * or when the leader lets go, whatever that leader ran meanwhile.
     */
    public void attendWhileWaiting()
    {
        if (lendable && lease.agentParked())
        {
            lease.callAgent(true);
        }
    }

    /**
     * @return what an application thread that made room in an inbound ring wakes: a thread blocked in the selector
     * (so a connection paused on the full ring reads on), but not a parked agent thread, since the next wait on the
     * socket leads or {@link #attend()}s.
     */
    public Waker inboundRoomWaker()
    {
        return inboundRoomWaker;
    }

    private void wakeSelector()
    {
        VarHandle.fullFence();
        if (sleeping && SLEEPING.compareAndSet(this, true, false))
        {
            poller.wakeup();
        }
    }

    /**
     * Make the agent's thread leave its selector now or at its next block, asleep or not: for closing.
     */
    public void wakeNow()
    {
        poller.wakeup();
        if (lendable)
        {
            lease.callAgentNow();
        }
    }

    @Override
    public void onClose()
    {
        closing = true;
        // A thread leading the selector leaves it and lets go of the lease before the agent closes what it uses.
        poller.wakeup();
        final long deadline = System.nanoTime() + CLOSE_WAIT_NS;
        while (lease.isLent() && System.nanoTime() - deadline < 0)
        {
            Thread.yield();
        }
        schedule.drainCommands();
        schedule.closeSockets();
        poller.close();
    }

    /**
     * Queue a command for the agent's thread.
     *
     * @return false when the command queue is full.
     */
    public boolean submit(final Runnable command)
    {
        if (!schedule.offer(command))
        {
            return false;
        }
        wake();
        return true;
    }

    /**
     * Adopt a socket; runs on the agent.
     */
    public void addSocket(final SocketCore core)
    {
        schedule.addSocket(core);
    }

    void removeSocket(final SocketCore core)
    {
        schedule.removeSocket(core);
    }

    DirectPolling directPolling()
    {
        return directPolling;
    }

    long nowNs()
    {
        return nowNs;
    }

    SelectionKey register(final SelectableChannel channel, final int ops, final Selectable attachment)
    {
        return poller.register(channel, ops, attachment);
    }

    void scheduleTimer(final Connector connector)
    {
        schedule.scheduleTimer(connector);
    }

    private static void dispatch(final SelectionKey key)
    {
        if (!key.isValid())
        {
            return;
        }
        final Selectable selectable = (Selectable)key.attachment();
        try
        {
            selectable.onSelect(key.readyOps());
        }
        catch (final RuntimeException ex)
        {
            // A failure while serving one connection costs that connection only.
            if (selectable instanceof Connection)
            {
                ((Connection)selectable).close();
            }
        }
    }
}
