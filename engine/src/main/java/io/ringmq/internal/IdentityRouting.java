package io.ringmq.internal;

import io.ringmq.Counter;
import org.agrona.DirectBuffer;

/**
 * ROUTER and REP: the first frame of each outbound message names the peer by routing id; it is consumed here and
 * the rest of the message goes to that peer. An unknown peer, or one at its high-water mark, loses the message
 * (counted as a drop); ROUTER_MANDATORY turns the unknown-peer case into an error at send time, on the
 * application thread.
 */
final class IdentityRouting implements OutboundRouting
{
    private final RoutingKey lookup = new RoutingKey();
    private Connection target;
    private boolean routingFrame;

    @Override
    public boolean begin(
        final StreamPeers peers, final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        routingFrame = true;
        Connection peer = peers.peerById(lookup.set(buffer, offset, length));
        final int hwm = peers.options().sndHwm;
        if (null != peer && hwm > 0 && peer.out.queuedMessages() >= hwm)
        {
            peer.counters.increment(Counter.MESSAGES_DROPPED);
            peer = null;
        }
        target = peer;
        return true;
    }

    @Override
    public void frame(
        final StreamPeers peers, final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        if (routingFrame)
        {
            routingFrame = false;
            return;
        }
        if (null != target && !target.isClosed())
        {
            target.out.appendFrame(buffer, offset, length, flags);
            peers.markForFlush();
        }
    }
}
