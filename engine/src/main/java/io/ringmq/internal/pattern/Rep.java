package io.ringmq.internal.pattern;

import io.ringmq.RingmqException;
import io.ringmq.SocketType;
import io.ringmq.internal.FrameRing;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A REP (RFC 28, libzmq rep.cpp) strips every frame up to and including the empty delimiter from a request, keeps
 * them, and puts them back in front of its reply, which goes to the peer the request came from. A request without a
 * delimiter is dropped. It alternates receive and send.
 */
final class Rep extends Pattern
{
    private static final int MAX_ENVELOPE_FRAMES = 64;

    private final PatternHost host;
    private final ExpandableArrayBuffer envelope = new ExpandableArrayBuffer(256);
    private final UnsafeBuffer replyToView = new UnsafeBuffer(0, 0);
    private final int[] envelopeLengths = new int[MAX_ENVELOPE_FRAMES];
    private boolean replyPending;
    private byte[] replyTo;
    private boolean envelopeDone;
    private int envelopeFrames;
    private int envelopeBytes;

    Rep(final PatternHost host)
    {
        super(SocketType.REP);
        this.host = host;
    }

    @Override
    public boolean mayReceive()
    {
        return !replyPending;
    }

    @Override
    public void checkLockstepForReceive()
    {
        if (replyPending)
        {
            throw new RingmqException("REP socket must send its reply before it receives the next request");
        }
    }

    @Override
    public int beginMessage(final FrameRing ring)
    {
        if (replyPending)
        {
            return NOT_YET;
        }
        envelopeDone = false;
        envelopeFrames = 0;
        envelopeBytes = 0;
        replyTo = ring.routingId();
        return ACCEPT;
    }

    @Override
    public int onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        if (envelopeDone)
        {
            return DELIVER;
        }
        if (!more || envelopeFrames == MAX_ENVELOPE_FRAMES)
        {
            return DROP;
        }
        envelope.putBytes(envelopeBytes, buffer, offset, length);
        envelopeBytes += length;
        envelopeLengths[envelopeFrames++] = length;
        envelopeDone = length == 0;
        return SKIP;
    }

    @Override
    public void onMessageDelivered()
    {
        replyPending = true;
    }

    @Override
    public boolean maySend()
    {
        return replyPending;
    }

    @Override
    public boolean beginSend()
    {
        if (!replyPending)
        {
            throw new RingmqException("REP socket cannot send before it receives a request");
        }
        replyToView.wrap(replyTo);
        if (!host.sendEnvelopeFrame(replyToView, 0, replyTo.length))
        {
            return false;
        }
        int position = 0;
        for (int i = 0; i < envelopeFrames; i++)
        {
            host.sendEnvelopeFrame(envelope, position, envelopeLengths[i]);
            position += envelopeLengths[i];
        }
        return true;
    }

    @Override
    public void onMessageSent()
    {
        replyPending = false;
    }
}
