package io.ringmq.internal;

import org.agrona.concurrent.IdleStrategy;

/**
 * The idle strategy of an I/O agent's own thread: after a duty cycle with no work it spins and yields within its
 * {@link IdleWait} budget, then blocks in the agent's selector ({@link IoAgent#blockOwnThread()}) until a channel is
 * ready, a timer is due or another thread wakes it, or parks while an application thread leads the selector.
 */
public final class AgentIdleStrategy implements IdleStrategy
{
    private final IoAgent agent;
    private final IdleWait wait;

    /**
     * @param agent the agent this thread runs.
     * @param wait  the spin and yield budget.
     */
    public AgentIdleStrategy(final IoAgent agent, final IdleWait wait)
    {
        this.agent = agent;
        this.wait = wait;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            wait.reset();
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        if (wait.budgetSpent())
        {
            if (agent.blockOwnThread() > 0)
            {
                // Woken by work: more is likely to follow at once (a reply to what just arrived), so spin again.
                wait.reset();
            }
        }
        else
        {
            wait.step();
        }
    }

    @Override
    public void reset()
    {
        wait.reset();
    }

    @Override
    public String alias()
    {
        return "ringmq-agent";
    }
}
