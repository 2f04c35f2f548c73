package io.ringmq.internal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntBiFunction;

import org.agrona.ErrorHandler;

/**
 * Invoker mode (a context with no I/O threads): the one I/O agent whose work the application's threads run
 * themselves, one thread at a time under a lock. A receive or an idle call runs a whole duty cycle, a send its
 * socket's outbound work, a wait blocks in the agent's selector; a {@link TailFlusher} writes the tail of a burst
 * that no caller writes.
 */
public final class Invoker
{
    /** {@link #run} could not run the duty cycle: another thread runs it. */
    private static final int BUSY = -1;
    /** The duty cycle of a call that runs the I/O: everything. */
    private static final ToIntBiFunction<IoAgent, SocketCore> FULL_CYCLE = (agent, sender) -> agent.doWork();
    /** The duty cycle after a send: that socket's outbound work, and everything when a full cycle is due. */
    private static final ToIntBiFunction<IoAgent, SocketCore> SEND_CYCLE = IoAgent::doSendWork;
    /** The flusher's duty cycle: everything, then whether committed messages are still unwritten. */
    private static final ToIntBiFunction<IoAgent, SocketCore> TAIL_CYCLE = (agent, sender) ->
    {
        agent.doWork();
        return agent.hasUnwrittenOutbound() ? TailFlusher.UNFINISHED : TailFlusher.FLUSHED;
    };

    private final IoAgent agent;
    private final ErrorHandler errorHandler;
    private final ReentrantLock lock = new ReentrantLock();
    private final TailFlusher flusher;

    /**
     * @param agent        the context's one agent.
     * @param batchNanos   how long a send's batch may wait for the flusher.
     * @param errorHandler told of what a duty cycle threw.
     */
    public Invoker(final IoAgent agent, final long batchNanos, final ErrorHandler errorHandler)
    {
        this.agent = agent;
        this.errorHandler = errorHandler;
        this.flusher = new TailFlusher(batchNanos, this::flushTail);
    }

    /**
     * @return the agent the application's threads run.
     */
    public IoAgent agent()
    {
        return agent;
    }

    /**
     * Run one whole duty cycle on the calling thread, unless another thread is running one.
     *
     * @return work done.
     */
    public int invoke()
    {
        return Math.max(0, run(FULL_CYCLE, null));
    }

    /**
     * After a send: write what the socket committed, and run a whole duty cycle only when one is due. When another
     * thread is running the I/O, the flusher writes it soon after.
     *
     * @return work done.
     */
    public int invokeSend(final SocketCore core)
    {
        final int work = run(SEND_CYCLE, core);
        if (work == BUSY)
        {
            flusher.deferred(System.nanoTime());
            return 0;
        }
        return work;
    }

    /**
     * A send left its message for the batch, which the flusher writes if nobody else does first.
     */
    public void deferSend(final long nowNs)
    {
        flusher.deferred(nowNs);
    }

    /**
     * Block the calling thread in the agent's selector, running the agent's work, until the network, a timer, a
     * producer or one of the thread's wakers wakes it (see {@link IoAgent#block}).
     *
     * @param waitNs  longest wait, or -1 for no limit.
     * @param sleeper the calling thread's armed wakers.
     * @return false when another thread runs the I/O: the caller waits otherwise.
     */
    public boolean block(final long waitNs, final Sleeper sleeper)
    {
        if (!lock.tryLock())
        {
            return false;
        }
        try
        {
            agent.block(waitNs, sleeper);
        }
        catch (final Exception ex)
        {
            errorHandler.onError(ex);
        }
        finally
        {
            lock.unlock();
        }
        return true;
    }

    /**
     * Stop the flusher and close the agent, once no thread runs it.
     */
    public void close()
    {
        flusher.close();
        lock.lock();
        try
        {
            agent.onClose();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The flusher's duty: one whole cycle, if no other thread is running the I/O.
     */
    private int flushTail()
    {
        final int outcome = run(TAIL_CYCLE, null);
        return outcome == BUSY ? TailFlusher.BUSY : outcome;
    }

    /**
     * @param cycle  what to run.
     * @param sender the socket that sent, for {@link #SEND_CYCLE}.
     * @return the cycle's result, or {@link #BUSY} when another thread is running the I/O.
     */
    private int run(final ToIntBiFunction<IoAgent, SocketCore> cycle, final SocketCore sender)
    {
        if (!lock.tryLock())
        {
            return BUSY;
        }
        // The caller's interrupt belongs to the application. Agrona's AgentInvoker stops its agent for good when it
        // sees one, and NIO closes a channel touched by an interrupted thread: either would break every socket of
        // the context. So the duty cycle runs with the flag cleared, and the flag is put back afterwards.
        final boolean interrupted = Thread.interrupted();
        try
        {
            return cycle.applyAsInt(agent, sender);
        }
        catch (final Exception ex)
        {
            errorHandler.onError(ex);
            return 0;
        }
        finally
        {
            lock.unlock();
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
