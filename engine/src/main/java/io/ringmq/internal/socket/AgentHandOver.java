package io.ringmq.internal.socket;

import io.ringmq.internal.SendBatch;

/**
 * How a message a socket committed for its tcp and ipc peers reaches the I/O, on the application thread. With I/O
 * threads: nothing when the agent is awake, else the sending thread writes the message itself when that is cheap,
 * or wakes the agent. In invoker mode, where the sending thread is the I/O: the message is written at once or
 * joins the burst's batch, which the context's tail flusher writes if nobody else does.
 */
final class AgentHandOver
{
    /** A send this soon after this socket's last write on its own thread wakes the agent instead. */
    private static final long DIRECT_WRITE_GAP_NS = 20_000L;
    /** A socket with more connected peers than this hands its sends to the agent, as their writes add up. */
    private static final int DIRECT_WRITE_MAX_PEERS = 4;

    private final SocketBase base;
    /** In invoker mode: whether a send writes now or joins the burst's batch. */
    private final SendBatch batch;
    /** {@link System#nanoTime()} after this socket's last write on its own thread. */
    private long lastDirectWriteNs = System.nanoTime() - DIRECT_WRITE_GAP_NS;

    AgentHandOver(final SocketBase base, final long invokerBatchNanos)
    {
        this.base = base;
        this.batch = new SendBatch(invokerBatchNanos);
    }

    /**
     * A frame for the agent was published in the socket's ring.
     *
     * @param length            of the frame's body.
     * @param more              true when more frames of the message follow.
     * @param firstSinceReceive true when the message is the first sent since one was received.
     */
    void framePublished(final int length, final boolean more, final boolean firstSinceReceive)
    {
        if (base.io.isInvokerMode())
        {
            if (!base.agentDriven)
            {
                batchOrWrite(length, more);
            }
        }
        else if (!more)
        {
            if (base.agentDriven)
            {
                base.agent.wake();
            }
            else
            {
                writeOrWakeAgent(firstSinceReceive);
            }
        }
    }

    private void batchOrWrite(final int length, final boolean more)
    {
        batch.add(length);
        if (!more)
        {
            final long now = System.nanoTime();
            if (batch.writeNow(now))
            {
                writeBatch();
            }
            else
            {
                base.io.deferSend(now);
            }
        }
    }

    /**
     * With I/O threads, after a whole message's commit: nothing when the agent is awake (it takes the message);
     * when it sleeps, write the message on this thread if that is cheap (the socket has a few peers and its last
     * such write was a while ago, or a message arrived since), else wake the agent. A socket that keeps sending
     * finds its agent awake, so it hands its messages over and the agent batches them; the rate test keeps a burst
     * that began on a sleeping agent from being written one message at a time by the application, while a reply or
     * a request that follows a received message (a round trip, however fast) is always written at once.
     */
    private void writeOrWakeAgent(final boolean firstSinceReceive)
    {
        if (!base.agent.sleeps())
        {
            return;
        }
        final long now = System.nanoTime();
        if ((firstSinceReceive || now - lastDirectWriteNs >= DIRECT_WRITE_GAP_NS) &&
            base.core.connectedPeers() <= DIRECT_WRITE_MAX_PEERS && base.agent.tryWrite(base.core))
        {
            lastDirectWriteNs = System.nanoTime();
            return;
        }
        base.agent.wake();
    }

    /**
     * With I/O threads, only a whole message's commit writes or wakes the agent: a sender that waits for ring
     * space in the middle of a message wakes it, so that it takes the frames committed so far.
     */
    void wakeForOpenMessage()
    {
        if (!base.io.isInvokerMode())
        {
            base.agent.wake();
        }
    }

    /**
     * Invoker mode, for a PUB, XPUB or ROUTER that would drop a message for want of room in its ring: write its own
     * pending batch first, as that batch, not a slow I/O, is what fills the ring during a burst.
     *
     * @return true when a pending batch was handed to the I/O: the ring may have room now.
     */
    boolean writeBatchBeforeDropping()
    {
        if (!base.io.isInvokerMode() || base.agentDriven || !batch.isPending())
        {
            return false;
        }
        writeBatch();
        return true;
    }

    /**
     * Invoker mode: a socket that turns to receiving writes its batch first, so a request never waits behind it.
     */
    void writeWaitingBatch()
    {
        if (batch.isPending())
        {
            writeBatch();
        }
    }

    private void writeBatch()
    {
        base.io.invokeSend(base.core);
        batch.written(System.nanoTime());
    }
}
