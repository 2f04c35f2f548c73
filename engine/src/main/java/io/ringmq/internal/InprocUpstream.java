package io.ringmq.internal;

import io.ringmq.codec.CommandEncoder;
import io.ringmq.codec.FrameDescriptor;
import org.agrona.DirectBuffer;

/**
 * SUB and XSUB with inproc peers: subscriptions travel as ZMTP 3.0 subscription messages (0x01 or 0x00, then the
 * prefix) in each peer's ring, where the publisher applies them. Every subscribe is forwarded and a cancel only
 * when the last subscription to its prefix goes, as on tcp; the subscriptions are kept for peers that attach
 * later. They also always go to the I/O agent, which keeps them for tcp and ipc peers, an XSUB's as well as a SUB's.
 * Any other message (XSUB) goes to every peer.
 */
final class InprocUpstream extends InprocRouting
{
    InprocUpstream(
        final InprocPeers peers, final SocketOptions options, final FrameRing outRing, final SendingSocket socket)
    {
        super(peers, options, outRing, socket);
    }

    @Override
    FrameRing ringFor(final boolean firstFrame, final int length, final boolean subscription)
    {
        if (subscription || peers.viaAgent())
        {
            final int hwm = options.sndHwm;
            final boolean full = firstFrame && !subscription && hwm > 0 && outRing.queuedMessages() >= hwm;
            return full ? null : outRing;
        }
        return staging();
    }

    @Override
    boolean onCommit(
        final FrameRing ring, final DirectBuffer body, final int offset, final int length, final boolean firstFrame,
        final boolean more)
    {
        if (firstFrame)
        {
            peers.poll();
        }
        boolean toAgent = ring == outRing;
        if (firstFrame && !more && length >= 1 && (body.getByte(offset) & 0xFE) == 0)
        {
            if (!toAgent)
            {
                // An XSUB's subscription sent while it has inproc peers only: the I/O agent keeps it all the same,
                // for the tcp and ipc peers the socket may connect to later.
                copyFrame(outRing, body, offset, length, 0);
                outRing.publish();
                toAgent = true;
            }
            final SubscriptionSet subscriptions = peers.subscriptions();
            final boolean subscribe = body.getByte(offset) == CommandEncoder.SUBSCRIBE_MESSAGE_PREFIX;
            if (subscribe)
            {
                subscriptions.add(body, offset + 1, length - 1);
            }
            if (subscribe || subscriptions.remove(body, offset + 1, length - 1))
            {
                toEveryPeer(body, offset, length, 0);
            }
        }
        else
        {
            toEveryPeer(body, offset, length, more ? FrameDescriptor.FLAG_MORE : 0);
        }

        if (ring == outRing)
        {
            outRing.publish();
        }
        else
        {
            consumeStaging();
        }
        return toAgent;
    }

    private void toEveryPeer(final DirectBuffer body, final int offset, final int length, final int flags)
    {
        for (int i = 0, count = peers.count(); i < count; i++)
        {
            final InprocPipe pipe = peers.pipe(i);
            copyFrame(pipe.out, body, offset, length, flags);
            if (!FrameDescriptor.isMore(flags))
            {
                pipe.out.publish();
            }
        }
    }
}
