package io.ringmq.internal;

import io.ringmq.Counter;
import org.agrona.DirectBuffer;

/**
 * PUB and XPUB: every peer whose subscriptions match the first frame gets the message, encoded once in the
 * socket's ring and appended to each peer's backlog. A peer at its high-water mark misses the message and the
 * drop is counted; it never holds the others back.
 */
final class FanOutRouting implements OutboundRouting
{
    @Override
    public boolean begin(
        final StreamPeers peers, final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        final Connection[] active = peers.active();
        final int count = peers.activeCount();
        final int hwm = peers.options().sndHwm;
        for (int i = 0; i < count; i++)
        {
            final Connection peer = active[i];
            boolean selected = peer.peerSubscriptions.matches(buffer, offset, length);
            if (selected && hwm > 0 && peer.out.queuedMessages() >= hwm)
            {
                selected = false;
                peer.counters.increment(Counter.MESSAGES_DROPPED);
            }
            peer.selected = selected;
        }
        return true;
    }

    @Override
    public void frame(
        final StreamPeers peers, final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        final Connection[] active = peers.active();
        final int count = peers.activeCount();
        for (int i = 0; i < count; i++)
        {
            final Connection peer = active[i];
            if (peer.selected)
            {
                peer.out.appendFrame(buffer, offset, length, flags);
                peers.markForFlush();
            }
        }
    }
}
