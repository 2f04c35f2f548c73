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
        final SocketCore core, final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        final Connection[] peers = core.activePeers();
        final int count = core.activePeerCount();
        final int hwm = core.options().sndHwm;
        for (int i = 0; i < count; i++)
        {
            final int index = (next + i) % count;
            final Connection peer = peers[index];
            if (hwm <= 0 || peer.out.queuedMessages() < hwm)
            {
                next = index + 1;
                target = peer;
                core.onRoutedTo(peer);
                return true;
            }
        }
        return false;
    }

    @Override
    public void frame(
        final SocketCore core, final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        if (!target.isClosed())
        {
            target.out.appendFrame(buffer, offset, length, flags);
            core.markForFlush(target);
        }
    }
}
