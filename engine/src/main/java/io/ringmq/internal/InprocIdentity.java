package io.ringmq.internal;

import io.ringmq.Counter;
import io.ringmq.codec.FrameDescriptor;
import org.agrona.DirectBuffer;

/**
 * ROUTER and REP with inproc peers: the first frame of a message, staged, names the peer by routing id and is
 * consumed here; the rest of the message is written in place in that peer's ring. An id no inproc peer has goes
 * to the I/O agent when the socket also has tcp or ipc peers, else the message is dropped, as is one for a peer
 * at its high-water mark (counted) and, for a ROUTER without ROUTER_MANDATORY, one for the agent when it is SNDHWM
 * messages behind.
 */
final class InprocIdentity extends InprocRouting
{
    private static final int DROP = 0;
    private static final int PIPE = 1;
    private static final int AGENT = 2;

    private final RoutingKey lookup = new RoutingKey();
    private final boolean router;
    private int mode;
    private InprocPipe target;

    /**
     * @param router true for a ROUTER, which drops the agent's share when the agent is behind; false for a REP.
     */
    InprocIdentity(
        final InprocPeers peers, final SocketOptions options, final FrameRing outRing, final SendingSocket socket,
        final boolean router)
    {
        super(peers, options, outRing, socket);
        this.router = router;
    }

    @Override
    FrameRing ringFor(final boolean firstFrame, final int length, final boolean subscription)
    {
        if (firstFrame)
        {
            return staging();
        }
        switch (mode)
        {
            case PIPE:
                return target.isDetached() ? staging() : target.out;
            case AGENT:
                return outRing;
            default:
                return staging();
        }
    }

    @Override
    boolean onCommit(
        final FrameRing ring, final DirectBuffer body, final int offset, final int length, final boolean firstFrame,
        final boolean more)
    {
        if (ring == outRing)
        {
            outRing.publish();
            return true;
        }
        if (ring != staging())
        {
            if (!more)
            {
                ring.publish();
            }
            return false;
        }
        final boolean toAgent = firstFrame && route(body, offset, length, more);
        consumeStaging();
        return toAgent;
    }

    /**
     * @return true when the message goes to the I/O agent, its routing id frame already in the outbound ring.
     */
    private boolean route(final DirectBuffer body, final int offset, final int length, final boolean more)
    {
        peers.poll();
        final InprocPipe pipe = peers.byId(lookup.set(body, offset, length));
        target = null;
        if (null != pipe)
        {
            if (pipe.belowHwm(options))
            {
                mode = PIPE;
                target = pipe;
            }
            else
            {
                mode = DROP;
                pipe.counters.increment(Counter.MESSAGES_DROPPED);
            }
            return false;
        }
        // Room for the routing id's record twice over: a record that wraps the ring's end takes up to that much.
        if (peers.viaAgent() && router && !options.routerMandatory &&
            isAgentBehind(2 * (FrameDescriptor.headerLength(length) + length), 0))
        {
            mode = DROP;
            peers.countDroppedForAgent();
            return false;
        }
        if (peers.viaAgent())
        {
            mode = AGENT;
            copyFrame(outRing, body, offset, length, more ? FrameDescriptor.FLAG_MORE : 0);
            outRing.publish();
            return true;
        }
        mode = DROP;
        return false;
    }
}
