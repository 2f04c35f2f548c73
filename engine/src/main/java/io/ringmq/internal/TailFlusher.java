package io.ringmq.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * In invoker mode, writes what a sending thread left in a batch ({@link SendBatch}) when it stopped sending. Its
 * thread blocks until a send is deferred, then until the newest deferred message has waited the batch delay, and
 * then runs one I/O duty cycle, which writes every batch. While the I/O is busy on another thread, or part of the
 * tail is still unwritten (the kernel or the peer's HWM refused it, or no peer is connected yet), it runs the duty
 * cycle again after a pause that doubles up to {@link #MAX_RETRY_NS}. While sends keep being deferred it wakes
 * about once per delay; with nothing deferred it sleeps until told, so an idle context costs nothing. The thread
 * starts with the first deferred send.
 * <p>
 * No deferred message is left behind: a sender stores {@link #lastDeferredNs} (volatile, after its commit) before
 * it reads the state; the flusher leaves the armed state before it runs the duty cycle. Either the sender sees the
 * flusher unarmed and arms it again, or the duty cycle runs after the commit and writes it.
 */
public final class TailFlusher implements Runnable
{
    /** {@link Duty#run()}: everything committed was written. */
    public static final int FLUSHED = 0;
    /** {@link Duty#run()}: the duty cycle ran, and committed messages are still unwritten. */
    public static final int UNFINISHED = 1;
    /** {@link Duty#run()}: another thread is running the I/O. */
    public static final int BUSY = 2;

    /** Nothing deferred. */
    private static final int IDLE = 0;
    /** A sender deferred a message: flush once the newest waited the delay. */
    private static final int ARMED = 1;
    /** The last duty cycle left work or found the I/O busy: run it again at {@link #retryAtNs}. */
    private static final int RETRY = 2;
    private static final int CLOSED = 3;
    /** The first pause before a retry. */
    private static final long MIN_RETRY_NS = 20_000L;
    /** The longest pause between retries: a tail the peer never takes costs ten duty cycles a second. */
    private static final long MAX_RETRY_NS = 100_000_000L;
    private static final VarHandle STATE;

    static
    {
        try
        {
            STATE = MethodHandles.lookup().findVarHandle(TailFlusher.class, "state", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /**
     * One I/O duty cycle for the flusher.
     */
    @FunctionalInterface
    public interface Duty
    {
        /**
         * @return {@link #FLUSHED}, {@link #UNFINISHED} or {@link #BUSY}.
         */
        int run();
    }

    private final long delayNs;
    private final Duty duty;
    private volatile long lastDeferredNs;
    private volatile int state = IDLE;
    private volatile Thread thread;
    /** Flusher thread only. */
    private long retryNs;
    private long retryAtNs;

    /**
     * @param delayNs how long a deferred message waits before the flusher writes it.
     * @param duty    runs one I/O duty cycle.
     */
    public TailFlusher(final long delayNs, final Duty duty)
    {
        this.delayNs = delayNs;
        this.duty = duty;
    }

    /**
     * A sending thread committed a message and left it for the batch.
     *
     * @param nowNs {@link System#nanoTime()} of the commit.
     */
    public void deferred(final long nowNs)
    {
        lastDeferredNs = nowNs;
        final int current = state;
        if ((current == IDLE || current == RETRY) && STATE.compareAndSet(this, current, ARMED))
        {
            final Thread flusher = thread;
            if (null == flusher)
            {
                start();
            }
            else
            {
                LockSupport.unpark(flusher);
            }
        }
    }

    private synchronized void start()
    {
        if (null == thread && state != CLOSED)
        {
            final Thread flusher = new Thread(this, "ringmq-flush");
            flusher.setDaemon(true);
            thread = flusher;
            flusher.start();
        }
    }

    @Override
    public void run()
    {
        while (true)
        {
            final int current = state;
            if (current == CLOSED)
            {
                return;
            }
            if (current == IDLE)
            {
                LockSupport.park(this);
                continue;
            }
            final boolean fresh = current == ARMED;
            final long waitNs = (fresh ? lastDeferredNs + delayNs : retryAtNs) - System.nanoTime();
            if (waitNs > 0)
            {
                LockSupport.parkNanos(this, waitNs);
            }
            else if (STATE.compareAndSet(this, current, IDLE))
            {
                afterDuty(duty.run(), fresh);
            }
        }
    }

    private void afterDuty(final int outcome, final boolean fresh)
    {
        if (outcome == FLUSHED)
        {
            retryNs = 0;
            return;
        }
        retryNs = fresh || 0 == retryNs ? Math.max(MIN_RETRY_NS, delayNs) : Math.min(2 * retryNs, MAX_RETRY_NS);
        retryAtNs = System.nanoTime() + retryNs;
        STATE.compareAndSet(this, IDLE, RETRY);
    }

    /**
     * @return true while the flusher's thread is alive.
     */
    public boolean isRunning()
    {
        final Thread flusher = thread;
        return null != flusher && flusher.isAlive();
    }

    /**
     * Stop the thread, if it started, and wait for it; deferred sends are the closing sockets' to write.
     */
    public void close()
    {
        synchronized (this)
        {
            state = CLOSED;
        }
        final Thread flusher = thread;
        if (null != flusher)
        {
            LockSupport.unpark(flusher);
            boolean interrupted = false;
            while (flusher.isAlive())
            {
                try
                {
                    flusher.join();
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
