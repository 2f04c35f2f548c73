package io.ringmq.internal;

import io.ringmq.codec.CommandEncoder;
import io.ringmq.codec.FrameDescriptor;
import org.agrona.DirectBuffer;

/**
 * SUB and XSUB: a single-frame message starting with 0x01 (subscribe) or 0x00 (cancel) is a subscription,
 * recorded for peers that connect later and sent to every peer in the form it speaks (a SUBSCRIBE/CANCEL command
 * for ZMTP 3.1, the message itself for 3.0). As in libzmq, every subscribe is forwarded and a cancel only when
 * the last subscription to its prefix goes. Any other message (XSUB only) goes to every peer.
 */
final class UpstreamRouting implements OutboundRouting
{
    private boolean subscription;

    @Override
    public boolean begin(
        final StreamPeers peers, final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        subscription = !FrameDescriptor.isMore(flags) && length >= 1 && (buffer.getByte(offset) & 0xFE) == 0;
        return true;
    }

    @Override
    public void frame(
        final StreamPeers peers, final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        if (!subscription)
        {
            sendToAll(peers, buffer, offset, length, flags);
            return;
        }

        final boolean subscribe = buffer.getByte(offset) == CommandEncoder.SUBSCRIBE_MESSAGE_PREFIX;
        final SubscriptionSet subscriptions = peers.subscriptions();
        final boolean forward;
        if (subscribe)
        {
            subscriptions.add(buffer, offset + 1, length - 1);
            forward = true;
        }
        else
        {
            forward = subscriptions.remove(buffer, offset + 1, length - 1);
        }
        if (forward)
        {
            final Connection[] active = peers.active();
            final int count = peers.activeCount();
            for (int i = 0; i < count; i++)
            {
                sendSubscription(peers, active[i], subscribe, buffer, offset + 1, length - 1);
            }
        }
    }

    /**
     * Send one subscription to one peer in the form it speaks.
     */
    static void sendSubscription(
        final StreamPeers peers, final Connection peer, final boolean subscribe, final DirectBuffer prefix,
        final int prefixOffset, final int prefixLength)
    {
        peer.out.appendSubscription(peer.isZmtp31(), subscribe, prefix, prefixOffset, prefixLength);
        peers.markForFlush();
    }

    private static void sendToAll(
        final StreamPeers peers, final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        final Connection[] active = peers.active();
        final int count = peers.activeCount();
        for (int i = 0; i < count; i++)
        {
            active[i].out.appendFrame(buffer, offset, length, flags);
            peers.markForFlush();
        }
    }
}
