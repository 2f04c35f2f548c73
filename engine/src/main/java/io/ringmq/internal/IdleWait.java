package io.ringmq.internal;

import io.ringmq.IdleMode;
import org.agrona.concurrent.IdleStrategy;

/**
 * How one waiting thread spends the time before it blocks: spin for {@code spinNs}, yield for {@code yieldNs}, then
 * report that its budget is spent so the caller arms its waker, looks once more and blocks until woken. The two
 * modes that never block ({@link IdleMode#BUSY_SPIN}, {@link IdleMode#YIELD}) spin or yield for ever. The budget
 * starts at the first idle call after a {@link #reset()}, so a thread that keeps finding work pays no clock reads.
 * <p>
 * One instance per waiting thread; allocates nothing.
 */
public final class IdleWait
{
    private final IdleStrategy neverBlocking;
    private final long spinNs;
    private final long budgetNs;
    private long idleSinceNs;
    private boolean idling;

    /**
     * @param mode    how the thread waits.
     * @param spinNs  how long a blocking mode spins first.
     * @param yieldNs how long a blocking mode yields after spinning, before it blocks.
     */
    public IdleWait(final IdleMode mode, final long spinNs, final long yieldNs)
    {
        this.neverBlocking = mode.blocks() ? null : mode.newIdleStrategy();
        this.spinNs = spinNs;
        this.budgetNs = spinNs + yieldNs;
    }

    /**
     * Work was found: the next wait starts a fresh budget.
     */
    public void reset()
    {
        idling = false;
        if (null != neverBlocking)
        {
            neverBlocking.reset();
        }
    }

    /**
     * @return true when the caller should block now (after arming its waker and looking once more); never for the
     * modes that do not block.
     */
    public boolean budgetSpent()
    {
        if (null != neverBlocking)
        {
            return false;
        }
        final long now = System.nanoTime();
        if (!idling)
        {
            idling = true;
            idleSinceNs = now;
        }
        return now - idleSinceNs >= budgetNs;
    }

    /**
     * For a thread that polls the network itself before it blocks: what is left of the spin and yield budget,
     * starting it if it has not started; 0 for the modes that never block.
     *
     * @return nanoseconds left to poll.
     */
    public long remainingBudgetNs()
    {
        if (null != neverBlocking)
        {
            return 0;
        }
        final long now = System.nanoTime();
        if (!idling)
        {
            idling = true;
            idleSinceNs = now;
        }
        return Math.max(0, budgetNs - (now - idleSinceNs));
    }

    /**
     * @return {@link System#nanoTime()} when the current wait began; valid after {@link #budgetSpent()}.
     */
    public long idleSinceNs()
    {
        return idleSinceNs;
    }

    /**
     * Spend a moment: one spin or yield, as the mode and the budget say. Call after {@link #budgetSpent()} said
     * false.
     */
    public void step()
    {
        if (null != neverBlocking)
        {
            neverBlocking.idle();
        }
        else if (System.nanoTime() - idleSinceNs < spinNs)
        {
            Thread.onSpinWait();
        }
        else
        {
            Thread.yield();
        }
    }
}
