package io.ringmq.internal;

import org.agrona.DirectBuffer;

/**
 * PUSH, PAIR, DEALER and REQ: each message goes to one peer, taking peers in turn and skipping those at their high-water
 * mark. With every peer full, or none connected, the message waits in the socket's ring, so the sender blocks
 * or times out as ZeroMQ documents.
 */
final class RoundRobinRouting implements OutboundRouting
{
    private int next;
    private Connection target;

    @Override
    public boolean begin(
        final StreamPeers peers, final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        final Connection[] active = peers.active();
        final int count = peers.activeCount();
        final int hwm = peers.options().sndHwm;
        for (int i = 0; i < count; i++)
        {
            final int index = (next + i) % count;
            final Connection peer = active[index];
            if (hwm <= 0 || peer.out.queuedMessages() < hwm)
            {
                next = index + 1;
                target = peer;
                peers.onRoutedTo(peer);
                return true;
            }
        }
        return false;
    }

    @Override
    public void frame(
        final StreamPeers peers, final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        if (!target.isClosed())
        {
            target.out.appendFrame(buffer, offset, length, flags);
            peers.markForFlush();
        }
    }
}
