package io.ringmq.internal.socket;

import java.util.function.Supplier;

import io.ringmq.ContextConfig;
import io.ringmq.CounterReader;
import io.ringmq.RingmqException;
import io.ringmq.SocketType;
import io.ringmq.internal.CounterSum;
import io.ringmq.internal.DiscardRing;
import io.ringmq.internal.FrameRing;
import io.ringmq.internal.IdleWait;
import io.ringmq.internal.InboundQueue;
import io.ringmq.internal.InprocPeers;
import io.ringmq.internal.InprocRegistry;
import io.ringmq.internal.IoAgent;
import io.ringmq.internal.PeerAdmission;
import io.ringmq.internal.PeerSubscriptions;
import io.ringmq.internal.SocketCore;
import io.ringmq.internal.SocketOptions;
import io.ringmq.internal.ThreadWaker;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * What a socket's sending and receiving share on the application thread, as libzmq's {@code socket_base_t} less
 * the pattern: its rings and peers on every transport, its options, the flag that ties a send to the receive after
 * it, the data-plane wait both use, and the control-plane calls to its I/O agent. Used by one application thread
 * at a time, as the socket is; {@link #isClosed()} may be read by any.
 */
public final class SocketBase
{
    /**
     * With I/O threads, a wait that is not for a reply leads the agent's selector only once it lasted this long:
     * a stream's short gaps are left to the agent's thread, which reads on while the application consumes.
     */
    private static final long LEAD_AFTER_NS = 1_000_000L;

    final SocketType type;
    final IoAgent agent;
    final IoDriver io;
    final SocketOptions options = new SocketOptions();
    /** The ring the application writes messages for the agent's peers (tcp, ipc) into. */
    final FrameRing outRing;
    final InboundQueue inbound = new InboundQueue();
    /** PAIR's one peer and ROUTER's routing ids, across the socket's transports. */
    final PeerAdmission admission;
    /** The socket's half on its I/O agent: its connections, listeners and routing there. */
    final SocketCore core;
    final InprocPeers inproc;
    /** PUB, XPUB and ROUTER: where a message goes that the I/O agent is too far behind to take. */
    final DiscardRing discard;
    /** Wakes the thread blocked on this socket: in send, recv, a poller or a proxy. */
    final ThreadWaker waker;
    /** The spin and yield budget of data-plane waits (send, recv) before they block. */
    final IdleWait wait;
    /** Control-plane waits (a command for the agent, closing): short parks, and unparked when the agent is done. */
    private final IdleStrategy controlIdle = new BackoffIdleStrategy(10, 10, 1_000, 1_000_000);
    private final CounterReader totals;
    /** A whole message was sent since a wait for one last ended: the next receive waits for a reply. */
    boolean sentSinceReceive;
    /** A monitor's socket, used by an I/O agent inside its duty cycle: it must never run the I/O itself. */
    boolean agentDriven;
    /** The send or receive wait under way: its timeout, deadline, and whether its last look ran the I/O. */
    private int waitTimeoutMs;
    private long waitDeadlineNs;
    private boolean waitRanIo;
    private volatile boolean closed;

    /**
     * @param invokerAgent the agent application threads run in invoker mode, else null.
     */
    public SocketBase(
        final SocketType type,
        final ContextConfig config,
        final IoAgent agent,
        final IoAgent invokerAgent,
        final IoDriver io,
        final InprocRegistry registry,
        final IdleWait wait)
    {
        this.type = type;
        this.agent = agent;
        this.io = io;
        this.wait = wait;
        this.waker = new ThreadWaker(null != invokerAgent ? invokerAgent : agent);
        this.outRing = new FrameRing(config.socketRingBytes());
        // In invoker mode a commit wakes a thread blocked in the agent's selector; with I/O threads the sender
        // writes or wakes the agent once a whole message is committed (Sender.afterFrame). The agent taking
        // messages wakes a sender waiting for room.
        if (io.isInvokerMode())
        {
            outRing.wakeConsumerWith(agent);
        }
        outRing.wakeProducerWith(waker);
        this.admission = new PeerAdmission(type);
        final PeerSubscriptions peerSubscriptions = new PeerSubscriptions(type);
        this.core = new SocketCore(type, options, config, outRing, inbound, agent, waker, admission, peerSubscriptions);
        this.inproc = new InprocPeers(
            type, options, inbound, config.socketRingBytes(), registry, waker, admission, peerSubscriptions);
        this.discard = new DiscardRing(type + " socket");
        this.totals = new CounterSum(core.counters(), inproc.counters(), discard.counters());
    }

    public SocketOptions options()
    {
        return options;
    }

    public IoAgent agent()
    {
        return agent;
    }

    public SocketCore core()
    {
        return core;
    }

    public InprocPeers inproc()
    {
        return inproc;
    }

    /**
     * @return what wakes the thread waiting on this socket; a poller or proxy arms it for its own thread.
     */
    public ThreadWaker waker()
    {
        return waker;
    }

    /**
     * @return the socket's totals over its life, on every transport, the messages it discarded included.
     */
    public CounterReader counters()
    {
        return totals;
    }

    /**
     * Make this a monitor's socket, sent on by an I/O agent inside its duty cycle.
     */
    public void driveFromAgent()
    {
        agentDriven = true;
    }

    public boolean isAgentDriven()
    {
        return agentDriven;
    }

    public boolean isClosed()
    {
        return closed;
    }

    /**
     * @return true the first time only: the caller then closes the socket.
     */
    public boolean markClosed()
    {
        if (closed)
        {
            return false;
        }
        closed = true;
        return true;
    }

    public void checkOpen()
    {
        if (closed)
        {
            throw new RingmqException("socket is closed");
        }
    }

    void pollInproc()
    {
        if (inproc.isActive())
        {
            inproc.poll();
        }
    }

    // ---------------------------------------------------------------------------------------------- control plane

    /**
     * Run a command on the socket's I/O agent and wait for its result; what it throws is thrown here.
     */
    public <T> T call(final Supplier<T> body)
    {
        final AgentCall<T> call = new AgentCall<>(body);
        submit(call);
        while (!call.isDone())
        {
            io.idle(controlIdle, 0);
        }
        return call.result();
    }

    /**
     * Hand a command to the socket's I/O agent, waiting for room in its queue.
     */
    public void submit(final Runnable command)
    {
        controlIdle.reset();
        while (!agent.submit(command))
        {
            io.idle(controlIdle, 0);
        }
    }

    /**
     * Wait until the socket has finished closing, its linger included; an interrupt of the waiting thread ends the
     * linger at once (what is still queued is dropped) and is left set for the caller.
     */
    public void awaitClosed()
    {
        controlIdle.reset();
        boolean lingerCut = false;
        while (!core.isClosed())
        {
            if (!lingerCut && Thread.currentThread().isInterrupted())
            {
                lingerCut = agent.submit(core::stopLingering);
            }
            io.idle(controlIdle, 0);
        }
    }

    // ------------------------------------------------------------------------------------------------ data plane

    /**
     * Begin a send's or receive's wait, bounded by SNDTIMEO or RCVTIMEO; end it with {@code waker.disarm()}.
     */
    void beginWait(final int timeoutMs)
    {
        waitTimeoutMs = timeoutMs;
        waitDeadlineNs = 0;
        waitRanIo = false;
        wait.reset();
    }

    /**
     * The caller looked and found nothing: wait one round (see {@link #pause(long, boolean)}). A wait that does not
     * wait (timeout 0) still runs one I/O duty cycle in invoker mode before it gives up: no other thread moves the
     * bytes, so an application polling with timeout 0 would otherwise never see progress.
     *
     * @param receiving true for a wait for a message, false for a wait for room to send.
     * @return false when the timeout expired: the caller gives up; true: look again.
     */
    boolean awaitRound(final boolean receiving)
    {
        if (waitDeadlineNs == 0)
        {
            waitDeadlineNs = deadline(waitTimeoutMs);
        }
        if (expired(waitTimeoutMs, waitDeadlineNs))
        {
            if (!waitRanIo && runIoBeforeGivingUp(waitTimeoutMs))
            {
                waitRanIo = true;
                return true;
            }
            return false;
        }
        pause(waitDeadlineNs, receiving);
        return true;
    }

    /**
     * One round of a data-plane wait. A wait on an agent nobody attends (see {@link #leadsAtOnce(boolean)})
     * leads the agent's selector at once: it arms the waker and returns, so the caller looks once more, then runs
     * the agent's duty cycles for the rest of its spin and yield budget and blocks in the selector, so the peer's
     * message is read by this thread, and wakes it directly once it blocks. Any other wait, within its budget: run
     * the I/O in invoker mode (unless only inproc peers can end the wait) and spin or yield; then arm the waker and
     * return for the last look; once armed, block until woken or the deadline passes. In invoker mode the block is
     * in the agent's selector; with I/O threads a wait for a reply (a message was sent since the last one arrived),
     * or any wait that lasted {@link #LEAD_AFTER_NS}, leads the selector when it can, and other waits park until
     * then at the latest.
     *
     * @param deadlineNs the wait's deadline, or 0 for none.
     * @param receiving  true for a wait for a message, false for a wait for room to send.
     * @throws RingmqException when another thread closed the socket (or its context) during the wait.
     */
    void pause(final long deadlineNs, final boolean receiving)
    {
        if (closed)
        {
            throw new RingmqException("socket was closed while a call waited on it");
        }
        final boolean runIo = !inproc.inprocOnly();
        if (leadsAtOnce(runIo))
        {
            if (!waker.isArmed())
            {
                waker.arm();
            }
            else
            {
                io.block(deadlineNs, true, waker, agent, wait.remainingBudgetNs());
            }
        }
        else if (!wait.budgetSpent())
        {
            if (runIo && io.invoke() > 0)
            {
                wait.reset();
            }
            else
            {
                wait.step();
            }
        }
        else if (!waker.isArmed())
        {
            waker.arm();
        }
        else if (io.isInvokerMode() || (receiving && sentSinceReceive) ||
            System.nanoTime() - wait.idleSinceNs() >= LEAD_AFTER_NS)
        {
            io.block(deadlineNs, runIo, waker, agent, 0);
        }
        else
        {
            final long leadAt = wait.idleSinceNs() + LEAD_AFTER_NS;
            io.block(0 == deadlineNs || leadAt - deadlineNs < 0 ? leadAt : deadlineNs, runIo, waker, null, 0);
        }
    }

    /**
     * With I/O threads whose agent lends its selector, a wait leads at once when nobody runs the agent's I/O (a
     * leader let go of the selector moments ago, as a client or a server between round trips does, and the agent's
     * thread parks). While the agent's thread or another leader runs it, the wait spins and yields first: with many
     * threads on one agent, leading at once would pass the selector from thread to thread for every message.
     */
    private boolean leadsAtOnce(final boolean runIo)
    {
        return runIo && agent.unattended();
    }

    /**
     * @return true when a duty cycle ran, in invoker mode, for a wait with timeout 0.
     */
    private boolean runIoBeforeGivingUp(final int timeoutMs)
    {
        if (timeoutMs != 0 || !io.isInvokerMode() || agentDriven)
        {
            return false;
        }
        io.invoke();
        return true;
    }

    static long deadline(final int timeoutMs)
    {
        return timeoutMs > 0 ? System.nanoTime() + timeoutMs * 1_000_000L : 0;
    }

    static boolean expired(final int timeoutMs, final long deadlineNs)
    {
        return timeoutMs == 0 || (timeoutMs > 0 && System.nanoTime() - deadlineNs >= 0);
    }
}
