package io.ringmq.internal;

import io.ringmq.codec.FrameDescriptor;
import org.agrona.DirectBuffer;

/**
 * PUSH, PAIR, DEALER and REQ with inproc peers: each message goes whole to one peer, taking peers in turn and
 * skipping those at their high-water mark, and is written in place in that peer's ring. The I/O agent, when the
 * socket has a tcp or ipc peer (or a connect() endpoint), takes its turn as one more peer through the socket's
 * outbound ring. With no peer, messages queue in a parked pipe the next peer takes over; with every peer full the
 * socket blocks or times out, as on tcp.
 */
final class InprocRoundRobin extends InprocRouting
{
    private int next;
    private InprocPipe target;
    private FrameRing targetRing;
    private InprocPipe lastRequestPipe;
    private long pipeRequests;

    InprocRoundRobin(
        final InprocPeers peers, final SocketOptions options, final FrameRing outRing, final SendingSocket socket)
    {
        super(peers, options, outRing, socket);
    }

    @Override
    FrameRing ringFor(final boolean firstFrame, final int length, final boolean subscription)
    {
        if (!firstFrame)
        {
            // A peer that went away mid-message takes nothing more; the rest of the message is dropped.
            return null != target && target.isDetached() ? staging() : targetRing;
        }
        peers.poll();
        if (peers.count() == 0 && !peers.viaAgent())
        {
            peers.park();
        }
        final int count = peers.count();
        final int slots = peers.agentTakesATurn() ? count + 1 : count;
        for (int i = 0; i < slots; i++)
        {
            final int index = (next + i) % slots;
            if (index < count)
            {
                final InprocPipe pipe = peers.pipe(index);
                if (pipe.belowHwm(options))
                {
                    next = index + 1;
                    target = pipe;
                    targetRing = pipe.out;
                    return targetRing;
                }
            }
            else if (agentBelowHwm())
            {
                next = index + 1;
                target = null;
                targetRing = outRing;
                return targetRing;
            }
        }
        return null;
    }

    private boolean agentBelowHwm()
    {
        final int hwm = options.sndHwm;
        return hwm <= 0 || outRing.queuedMessages() < hwm;
    }

    @Override
    boolean onCommit(
        final FrameRing ring, final DirectBuffer body, final int offset, final int length, final boolean firstFrame,
        final boolean more)
    {
        if (!more)
        {
            lastRequestPipe = ring == outRing ? null : target;
            pipeRequests += ring == outRing ? 0 : 1;
        }
        if (ring == outRing)
        {
            outRing.publish();
            return true;
        }
        if (ring != targetRing)
        {
            consumeStaging();
        }
        else if (!more)
        {
            ring.publish();
        }
        return false;
    }

    @Override
    public boolean canSend()
    {
        peers.poll();
        final int room = FrameDescriptor.SHORT_HEADER_LENGTH + 1;
        for (int i = 0, count = peers.count(); i < count; i++)
        {
            final InprocPipe pipe = peers.pipe(i);
            if (pipe.belowHwm(options) && pipe.out.hasCapacity(room))
            {
                return true;
            }
        }
        return peers.agentTakesATurn() && agentBelowHwm() && outRing.hasCapacity(room);
    }

    @Override
    public FrameRing requestRing(final SocketCore core, final long requestsSent)
    {
        if (null != lastRequestPipe)
        {
            return lastRequestPipe.in;
        }
        // The agent counts the requests it routed: those sent before the socket went inproc and those since.
        return core.routedRequests() < requestsSent - pipeRequests ? null : core.lastRequestRing();
    }
}
