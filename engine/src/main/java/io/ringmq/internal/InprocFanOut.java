package io.ringmq.internal;

import io.ringmq.Counter;
import io.ringmq.codec.FrameDescriptor;
import org.agrona.DirectBuffer;

/**
 * PUB and XPUB with inproc peers: a message is staged whole, then copied to every peer whose subscriptions match
 * its first frame (filtering at the publisher), and to the I/O agent when the socket also has tcp or ipc peers.
 * A peer at its high-water mark, or whose ring cannot take the whole message now, misses it and the drop is
 * counted: it never holds the others back; so does the I/O agent's share when the agent is SNDHWM messages
 * behind. With no high-water mark (0) nothing is dropped, and the publisher waits for room in a full ring. A
 * message larger than the staging ring goes out in parts as it is written; only then can a slow peer make the
 * publisher wait.
 */
final class InprocFanOut extends InprocRouting implements FrameVisitor
{
    private DirectBuffer firstBody;
    private int firstOffset;
    private int firstLength;
    private int messageBytes;
    private int largestRecord;
    private int largeFrames;
    private boolean started;
    private boolean toAgent;

    InprocFanOut(
        final InprocPeers peers, final SocketOptions options, final FrameRing outRing, final SendingSocket socket)
    {
        super(peers, options, outRing, socket);
    }

    @Override
    FrameRing ringFor(final boolean firstFrame, final int length, final boolean subscription)
    {
        return staging();
    }

    @Override
    boolean onCommit(
        final FrameRing ring, final DirectBuffer body, final int offset, final int length, final boolean firstFrame,
        final boolean more)
    {
        if (firstFrame)
        {
            firstBody = body;
            firstOffset = offset;
            firstLength = length;
        }
        final boolean large = length > ring.maxInlineBody();
        final int record = large ? 2 : FrameDescriptor.headerLength(length) + length;
        messageBytes += record;
        largestRecord = Math.max(largestRecord, record);
        largeFrames += large ? 1 : 0;
        if (more)
        {
            return false;
        }
        distribute();
        final boolean agent = toAgent;
        for (int i = 0, count = peers.count(); i < count; i++)
        {
            final InprocPipe pipe = peers.pipe(i);
            if (pipe.selected)
            {
                pipe.out.publish();
            }
        }
        started = false;
        toAgent = false;
        return agent;
    }

    @Override
    public void onClaimFailed(final FrameRing ring)
    {
        if (isMidMessage() && ring == staging())
        {
            distribute();
        }
    }

    /**
     * Copy what is staged to the peers picked at the message's first part.
     */
    private void distribute()
    {
        if (!started)
        {
            started = true;
            select();
        }
        messageBytes = 0;
        largestRecord = 0;
        largeFrames = 0;
        final FrameRing staging = staging();
        staging.publish();
        staging.read(this, Integer.MAX_VALUE);
        if (toAgent)
        {
            outRing.publish();
        }
    }

    private void select()
    {
        peers.poll();
        final int needed = messageBytes + largestRecord;
        toAgent = peers.viaAgent();
        if (toAgent && isAgentBehind(needed, largeFrames))
        {
            toAgent = false;
            peers.countDroppedForAgent();
        }
        for (int i = 0, count = peers.count(); i < count; i++)
        {
            final InprocPipe pipe = peers.pipe(i);
            boolean selected = pipe.peerSubscriptions.matches(firstBody, firstOffset, firstLength);
            // With no high-water mark the publisher asked never to drop: it waits for room in a full ring instead.
            if (selected && !(pipe.belowHwm(options) &&
                (pipe.isUnlimited(options) || pipe.out.hasCapacity(needed, largeFrames))))
            {
                selected = false;
                pipe.counters.increment(Counter.MESSAGES_DROPPED);
            }
            pipe.selected = selected;
        }
    }

    @Override
    public boolean onFrame(final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        for (int i = 0, count = peers.count(); i < count; i++)
        {
            final InprocPipe pipe = peers.pipe(i);
            if (pipe.selected)
            {
                copyFrame(pipe.out, buffer, offset, length, flags);
            }
        }
        if (toAgent)
        {
            copyFrame(outRing, buffer, offset, length, flags);
        }
        return true;
    }
}
