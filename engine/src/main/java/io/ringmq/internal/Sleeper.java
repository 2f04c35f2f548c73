package io.ringmq.internal;

/**
 * A thread about to block in an I/O agent's selector (invoker mode) with its wakers armed. A producer that saw the
 * arming has disarmed it and will wake the selector, but only once the agent announced its sleep: the agent asks,
 * after announcing, whether the thread is still armed, and does not block when a wake already fired.
 */
public interface Sleeper
{
    /**
     * @return true while no waker of the thread has fired since it armed.
     */
    boolean stillArmed();
}
