package io.ringmq.internal.socket;

import io.ringmq.internal.IoAgent;
import io.ringmq.internal.Sleeper;
import io.ringmq.internal.SocketCore;
import org.agrona.concurrent.IdleStrategy;

/**
 * What a socket's application thread may ask of its context's I/O: run it (invoker mode), hand it a send, and block
 * until woken. The context implements it; the socket sees nothing else of the context's threads.
 */
public interface IoDriver
{
    /**
     * @return true when application threads run the I/O (zero I/O threads).
     */
    boolean isInvokerMode();

    /**
     * Run one I/O duty cycle on the calling thread, in invoker mode; nothing otherwise or when another thread runs it.
     *
     * @return work done.
     */
    int invoke();

    /**
     * Invoker mode: write what the socket committed, and run a whole duty cycle only when one is due.
     *
     * @return work done.
     */
    int invokeSend(SocketCore core);

    /**
     * Invoker mode: a send left its message for the burst's batch, which the tail flusher writes if nobody else does.
     */
    void deferSend(long nowNs);

    /**
     * Block the calling thread, whose waker is armed, until it is woken or the deadline passes.
     *
     * @param deadlineNs {@link System#nanoTime()} to wake at the latest, or 0 for none.
     * @param runIo      false for a wait that no I/O can end (a socket with only inproc peers).
     * @param sleeper    the calling thread's armed wakers.
     * @param lender     with I/O threads, the agent whose selector the thread may lead; null to park.
     * @param pollNs     how long a thread that leads runs the agent's duty cycles before it blocks.
     */
    void block(long deadlineNs, boolean runIo, Sleeper sleeper, IoAgent lender, long pollNs);

    /**
     * Wait a little on the control plane: run the I/O in invoker mode, else idle.
     */
    void idle(IdleStrategy idleStrategy, int workDone);
}
