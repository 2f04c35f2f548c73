package io.ringmq;

import java.util.ArrayList;
import java.util.concurrent.locks.LockSupport;

import io.ringmq.internal.AgentIdleStrategy;
import io.ringmq.internal.IdleWait;
import io.ringmq.internal.InprocRegistry;
import io.ringmq.internal.Invoker;
import io.ringmq.internal.IoAgent;
import io.ringmq.internal.Sleeper;
import io.ringmq.internal.SocketCore;
import io.ringmq.internal.socket.IoDriver;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

/**
 * The container of sockets and the I/O agents that serve them. Create one per process (or per isolated group of
 * sockets), create sockets from it, close it last: closing closes every socket it made.
 *
 * <pre>{@code
 * try (Context ctx = new Context(); Socket pub = ctx.socket(SocketType.PUB))
 * {
 *     pub.bind("tcp://127.0.0.1:5556");
 *     pub.send("prices.EURUSD 1.0842");
 * }
 * }</pre>
 */
public final class Context implements AutoCloseable
{
    private static final ErrorHandler ERROR_HANDLER = Throwable::printStackTrace;
    /** How long a thread that found another running the invoker's I/O parks before it tries the I/O itself. */
    private static final long INVOKER_CONTENDED_PARK_NS = 1_000_000L;
    /** How long a thread whose agent's thread was slow to leave the selector parks before it asks again. */
    private static final long LEAD_RETRY_NS = 1_000_000L;
    /** How long close waits for an agent thread before it wakes it again. */
    private static final int AGENT_CLOSE_RETRY_MS = 10;

    private final ContextConfig config;
    private final IoAgent[] agents;
    private final AgentRunner[] runners;
    /** The I/O the application's threads run in invoker mode; null with I/O threads. */
    private final Invoker invoker;
    private final ArrayList<Socket> sockets = new ArrayList<>();
    /** Sockets the application closed whose I/O may still be lingering: close() waits for them, as zmq_ctx_term. */
    private final ArrayList<Socket> lingering = new ArrayList<>();
    private final InprocRegistry inproc;
    private final IoDriver ioDriver = new SocketIo();
    private int nextAgent;
    private boolean closed;

    /**
     * A context with the default configuration (see {@link ContextConfig}).
     */
    public Context()
    {
        this(new ContextConfig());
    }

    /**
     * @param config how the context runs; checked now.
     */
    public Context(final ContextConfig config)
    {
        config.validate();
        JvmFlags.check();
        this.config = config;
        this.inproc = new InprocRegistry(config.socketRingBytes());
        final int threads = config.ioThreads();
        agents = new IoAgent[Math.max(1, threads)];
        runners = new AgentRunner[threads];
        for (int i = 0; i < agents.length; i++)
        {
            agents[i] = new IoAgent("ringmq-io-" + i);
        }
        if (threads == 0)
        {
            invoker = new Invoker(agents[0], config.invokerBatchNanos(), ERROR_HANDLER);
        }
        else
        {
            invoker = null;
            for (int i = 0; i < threads; i++)
            {
                final IdleStrategy idle = config.idleMode().blocks() ?
                    new AgentIdleStrategy(agents[i], newIdleWait()) : config.idleMode().newIdleStrategy();
                runners[i] = new AgentRunner(idle, ERROR_HANDLER, null, agents[i]);
                final Thread thread = AgentRunner.startOnThread(runners[i]);
                // Only an agent that spins and yields before it blocks lends its selector: a waiting thread that
                // comes back within that time takes the selector without waking the agent. In BLOCKING mode the
                // agent sits in the selector whenever it is idle, so each wait would cost a wake-up to take it over,
                // more than the lead saves (a ping-pong in one context took five times as long).
                if (config.idleMode() == IdleMode.BACKOFF)
                {
                    agents[i].lendsSelectorFrom(thread);
                }
            }
        }
    }

    /**
     * @return the configuration this context runs with.
     */
    public ContextConfig config()
    {
        return config;
    }

    /**
     * Create a socket, served by one of the context's I/O agents.
     *
     * @param type the socket type.
     * @return the socket; close it, or close the context.
     */
    public synchronized Socket socket(final SocketType type)
    {
        if (closed)
        {
            throw new RingmqException("context is closed");
        }
        final IoAgent agent = agents[nextAgent++ % agents.length];
        final Socket socket = new Socket(this, agent, type);
        sockets.add(socket);
        return socket;
    }

    /**
     * A socket a socket monitor sends on: served by the monitored socket's agent, which alone uses and closes it.
     */
    synchronized Socket monitorSocket(final IoAgent agent)
    {
        if (closed)
        {
            throw new RingmqException("context is closed");
        }
        return new Socket(this, agent, SocketType.PAIR);
    }

    /**
     * @return the context's inproc names.
     */
    InprocRegistry inproc()
    {
        return inproc;
    }

    /**
     * @return true when application threads run the I/O (zero I/O threads).
     */
    public boolean isInvokerMode()
    {
        return null != invoker;
    }

    /**
     * Run one I/O duty cycle on the calling thread, in invoker mode; does nothing otherwise or when another
     * thread is running it.
     *
     * @return work done.
     */
    public int invoke()
    {
        return null == invoker ? 0 : invoker.invoke();
    }

    /**
     * @return a fresh spin-and-yield budget of this context's idle mode, for one waiting thread.
     */
    IdleWait newIdleWait()
    {
        return new IdleWait(config.idleMode(), config.spinNanos(), config.yieldNanos());
    }

    /**
     * @return what this context's sockets may ask of its I/O from their application threads.
     */
    IoDriver ioDriver()
    {
        return ioDriver;
    }

    /**
     * @return the agent application threads run in invoker mode, else null.
     */
    IoAgent invokerAgent()
    {
        return null == invoker ? null : invoker.agent();
    }

    /**
     * {@link #block(long, boolean, Sleeper, IoAgent)} for a {@link Poller} or a {@link Proxy}, whose wait an
     * interrupt ends: a thread interrupted on entry returns at once, its flag still set (an interrupt that arrives
     * while it blocks wakes it, as it wakes a park or a selector).
     */
    void blockInterruptibly(final long deadlineNs, final boolean runIo, final Sleeper sleeper)
    {
        block(deadlineNs, runIo, sleeper, null, 0, true);
    }

    /**
     * Block the calling thread, whose waker is armed and which looked once more for what it waits for, until it is
     * woken or the deadline passes. In invoker mode a thread that may run the I/O blocks in the agent's selector,
     * which the network and its waker both wake; a thread that found another one there parks briefly, then tries
     * again. With I/O threads a thread waiting on one socket leads its agent's selector when it can (the agent's
     * thread parks meanwhile), so the peer's message wakes it directly. Otherwise it parks, and whoever makes it
     * runnable unparks it. An interrupt set on entry does not cut the wait short (it stays set), so an interrupted
     * thread's calls time out as usual instead of spinning.
     *
     * @param deadlineNs {@link System#nanoTime()} to wake at the latest, or 0 for none.
     * @param runIo      false for a wait that no I/O can end (a socket with only inproc peers).
     * @param sleeper    the calling thread's armed wakers: in the selector it does not block once one fired.
     * @param lender     with I/O threads, the agent of the one socket waited on, whose selector the thread may
     *                   lead; null to park.
     * @param pollNs     how long a thread that leads runs the agent's duty cycles before it blocks.
     */
    void block(
        final long deadlineNs, final boolean runIo, final Sleeper sleeper, final IoAgent lender, final long pollNs)
    {
        block(deadlineNs, runIo, sleeper, lender, pollNs, false);
    }

    /**
     * {@link #block(long, boolean, Sleeper, IoAgent, long)}; an interruptible wait returns at once when the thread
     * was interrupted on entry.
     */
    private void block(
        final long deadlineNs, final boolean runIo, final Sleeper sleeper, final IoAgent lender, final long pollNs,
        final boolean interruptible)
    {
        long waitNs = -1;
        if (0 != deadlineNs)
        {
            waitNs = deadlineNs - System.nanoTime();
            if (waitNs <= 0)
            {
                return;
            }
        }
        final boolean interrupted = Thread.interrupted();
        try
        {
            if (interrupted && interruptible)
            {
                return;
            }
            if (null != invoker && runIo)
            {
                if (invoker.block(waitNs, sleeper))
                {
                    return;
                }
                waitNs = waitNs < 0 ? INVOKER_CONTENDED_PARK_NS : Math.min(waitNs, INVOKER_CONTENDED_PARK_NS);
            }
            else if (null != lender && runIo)
            {
                final int led = lead(lender, waitNs, sleeper, pollNs);
                if (led == IoAgent.LED)
                {
                    return;
                }
                if (led == IoAgent.LEAD_LATER)
                {
                    waitNs = waitNs < 0 ? LEAD_RETRY_NS : Math.min(waitNs, LEAD_RETRY_NS);
                }
                else
                {
                    // Another thread leads, and stops running the agent's work when its own wait ends.
                    lender.attendWhileWaiting();
                }
            }
            if (waitNs < 0)
            {
                LockSupport.park(this);
            }
            else
            {
                LockSupport.parkNanos(this, waitNs);
            }
            if (null != lender)
            {
                lender.stopFollowing();
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int lead(final IoAgent lender, final long waitNs, final Sleeper sleeper, final long pollNs)
    {
        try
        {
            return lender.lead(waitNs, sleeper, pollNs);
        }
        catch (final Exception ex)
        {
            ERROR_HANDLER.onError(ex);
            return IoAgent.LED;
        }
    }

    /**
     * Wait a little: run the I/O in invoker mode, else idle.
     */
    void idle(final IdleStrategy idleStrategy, final int workDone)
    {
        if (null != invoker)
        {
            idleStrategy.idle(invoke() + workDone);
        }
        else
        {
            idleStrategy.idle(workDone);
        }
    }

    synchronized void onSocketClosed(final Socket socket)
    {
        sockets.remove(socket);
        lingering.removeIf(Socket::hasFinishedClosing);
        lingering.add(socket);
    }

    /**
     * Close every socket and wait until each, those the application closed already included, has delivered what
     * it queued within its LINGER (as zmq_ctx_term); then stop the I/O agents. With LINGER -1 (the default, as
     * libzmq) and a peer that never takes the messages, that is forever: interrupting the closing thread ends every
     * linger at once, drops what is queued and leaves the interrupt flag set.
     */
    @Override
    public void close()
    {
        final ArrayList<Socket> open;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            open = new ArrayList<>(sockets);
            open.addAll(lingering);
            lingering.clear();
        }
        for (final Socket socket : open)
        {
            socket.close();
        }
        for (final Socket socket : open)
        {
            socket.awaitClosed();
        }
        if (null != invoker)
        {
            invoker.close();
        }
        for (int i = 0; i < runners.length; i++)
        {
            final IoAgent agent = agents[i];
            agent.wakeNow();
            runners[i].close(AGENT_CLOSE_RETRY_MS, thread -> agent.wakeNow());
        }
    }

    /**
     * The context's I/O as its sockets see it, kept off the context's public API.
     */
    private final class SocketIo implements IoDriver
    {
        @Override
        public boolean isInvokerMode()
        {
            return Context.this.isInvokerMode();
        }

        @Override
        public int invoke()
        {
            return Context.this.invoke();
        }

        @Override
        public int invokeSend(final SocketCore core)
        {
            return null == invoker ? 0 : invoker.invokeSend(core);
        }

        @Override
        public void deferSend(final long nowNs)
        {
            if (null != invoker)
            {
                invoker.deferSend(nowNs);
            }
        }

        @Override
        public void block(
            final long deadlineNs, final boolean runIo, final Sleeper sleeper, final IoAgent lender, final long pollNs)
        {
            Context.this.block(deadlineNs, runIo, sleeper, lender, pollNs);
        }

        @Override
        public void idle(final IdleStrategy idleStrategy, final int workDone)
        {
            Context.this.idle(idleStrategy, workDone);
        }
    }
}
