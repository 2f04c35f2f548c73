package io.ringmq.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lease's parking rules for the agent's own thread, driven step by step: a leader that lets go does not wake
 * it, a caller with work does, and one leader holding on through a whole look makes the release wake it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectorLeaseTest
{
    private static final Sleeper ARMED = () -> true;
    private static final Runnable NO_SELECTOR = () -> { };
    /** Long enough for a parked thread to have returned had anything woken it. */
    private static final long SETTLE_MS = 3;

    /** The agent's thread in its park loop: how many times it returned, and what its first return said. */
    private static final class AgentThread extends Thread
    {
        final SelectorLease lease;
        final AtomicInteger returns = new AtomicInteger();
        volatile boolean firstSaidRunACycle;
        volatile boolean stop;

        AgentThread(final SelectorLease lease)
        {
            this.lease = lease;
            setDaemon(true);
        }

        @Override
        public void run()
        {
            lease.agentThread(this);
            boolean again = lease.agentParks(false);
            firstSaidRunACycle = again;
            returns.incrementAndGet();
            while (again && !stop)
            {
                again = lease.agentParks(true);
                returns.incrementAndGet();
            }
        }
    }

    private static AgentThread parkedAgent(final SelectorLease lease) throws InterruptedException
    {
        assertEquals(SelectorLease.TAKEN, lease.applicationTakes(ARMED, NO_SELECTOR));
        final AgentThread agent = new AgentThread(lease);
        agent.start();
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (!lease.agentParked() && System.nanoTime() - deadline < 0)
        {
            Thread.sleep(0, 100_000);
        }
        assertTrue(lease.agentParked(), "the agent's thread parks while the lease is lent");
        return agent;
    }

    @Test
    void aLeaderLettingGoAfterAShortLeadDoesNotWakeTheAgentsThread() throws Exception
    {
        final SelectorLease lease = new SelectorLease();
        final AgentThread agent = parkedAgent(lease);
        lease.applicationReleases();
        Thread.sleep(SETTLE_MS);
        assertEquals(0, agent.returns.get(), "released within a look: the agent's thread parks on");
        assertTrue(lease.agentParked());
        // The leader comes back before the agent's thread looks: it takes the lease from nobody.
        assertEquals(SelectorLease.TAKEN, lease.applicationTakes(ARMED, NO_SELECTOR));
        lease.applicationReleases();
        stop(agent);
    }

    @Test
    void aCallWhileNobodyLeadsWakesTheAgentsThreadAtOnce() throws Exception
    {
        final SelectorLease lease = new SelectorLease();
        final AgentThread agent = parkedAgent(lease);
        lease.applicationReleases();
        Thread.sleep(SETTLE_MS);
        final long called = System.nanoTime();
        lease.callAgent(false);
        awaitReturns(agent, 1);
        assertTrue(System.nanoTime() - called < SelectorLease.RECHECK_NS, "called, not found at its next look");
        assertFalse(agent.firstSaidRunACycle, "a call sends the agent's thread back to its own loop");
        stop(agent);
    }

    @Test
    void aCallWhileALeaderHoldsTheLeaseIsLeftToThatLeaderUntilItLetsGo() throws Exception
    {
        final SelectorLease lease = new SelectorLease();
        final AgentThread agent = parkedAgent(lease);
        lease.callAgent(false);
        Thread.sleep(SETTLE_MS);
        assertEquals(0, agent.returns.get(), "the leader runs the agent's work meanwhile");
        lease.applicationReleases();
        awaitReturns(agent, 1);
        stop(agent);
    }

    @Test
    void aLeaderHoldingOnThroughAWholeLookWakesTheAgentsThreadWhenItLetsGo() throws Exception
    {
        final SelectorLease lease = new SelectorLease();
        final AgentThread agent = parkedAgent(lease);
        // Past one look: the agent's thread now parks until this release.
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(SelectorLease.RECHECK_NS) * 3);
        assertEquals(0, agent.returns.get(), "a leader holds the lease: the agent's thread parks on");
        final long released = System.nanoTime();
        lease.applicationReleases();
        awaitReturns(agent, 1);
        assertTrue(System.nanoTime() - released < SelectorLease.RECHECK_NS, "woken by the release");
        assertTrue(agent.firstSaidRunACycle, "it runs a cycle and parks on, as the leader may come back");
        stop(agent);
    }

    @Test
    void closingWakesTheAgentsThreadEvenWhileALeaderHoldsTheLease() throws Exception
    {
        final SelectorLease lease = new SelectorLease();
        final AgentThread agent = parkedAgent(lease);
        stop(agent);
        assertFalse(agent.isAlive(), "the agent's thread left its park for closing");
        assertTrue(lease.isLent());
    }

    private static void stop(final AgentThread agent) throws InterruptedException
    {
        agent.stop = true;
        agent.lease.callAgentNow();
        agent.join(5_000);
    }

    private static void awaitReturns(final AgentThread agent, final int count) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (agent.returns.get() < count && System.nanoTime() - deadline < 0)
        {
            Thread.sleep(0, 50_000);
        }
        assertEquals(count, agent.returns.get(), "the agent's thread returned from its park");
    }
}
