package io.ringmq.internal.socket;

import io.ringmq.RingmqException;
import io.ringmq.codec.CommandEncoder;
import io.ringmq.codec.FrameDescriptor;
import io.ringmq.internal.DiscardRing;
import io.ringmq.internal.FrameRing;
import io.ringmq.internal.InprocRouting;
import io.ringmq.internal.RoutingKey;
import io.ringmq.internal.SocketOptions;
import io.ringmq.internal.pattern.Pattern;
import io.ringmq.internal.pattern.PatternHost;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A socket's send path on the application thread: the socket's pattern decides what may be sent, this class finds
 * the ring a frame goes into (the agent's shared ring for tcp and ipc peers, an inproc peer's pipe through the
 * inproc routing, or the discard ring of a PUB or ROUTER that is behind), waits for room within SNDTIMEO, and
 * hands what it published for the agent to {@link AgentHandOver}.
 */
public final class Sender implements PatternHost, InprocRouting.SendingSocket
{
    private final SocketBase base;
    private final SocketOptions options;
    private final FrameRing outRing;
    private final DiscardRing discard;
    /** What this socket's type does on this thread: its envelopes, lockstep, and what it may send and receive. */
    private final Pattern pattern;
    /** How a message for the tcp and ipc peers reaches the I/O. */
    private final AgentHandOver handOver;
    private final UnsafeBuffer sendView = new UnsafeBuffer(0, 0);
    private final RoutingKey routingLookup = new RoutingKey();
    /** Routing on this thread for inproc peers; null until the socket has any (SUB, XSUB: from the start). */
    private InprocRouting routing;
    /** The ring the frame being sent was claimed in. */
    private FrameRing sendRing;
    private boolean sendingMore;

    public Sender(final SocketBase base, final long invokerBatchNanos)
    {
        this.base = base;
        this.options = base.options;
        this.outRing = base.outRing;
        this.discard = base.discard;
        this.handOver = new AgentHandOver(base, invokerBatchNanos);
        this.sendRing = outRing;
        this.pattern = Pattern.forType(base.type, options, this);
        if (pattern.keepsSubscriptions())
        {
            // Their subscriptions are kept on this side from the first, for inproc peers that come later.
            routing = InprocRouting.forType(base.type, base.inproc, options, outRing, this);
        }
    }

    Pattern pattern()
    {
        return pattern;
    }

    /**
     * The socket has an inproc peer or endpoint now: route on this thread from here on.
     */
    public void useInproc()
    {
        if (null == routing)
        {
            routing = InprocRouting.forType(base.type, base.inproc, options, outRing, this);
        }
        // Take the new pipes in now: a SUB's subscriptions then reach its publisher before either sends.
        base.inproc.poll();
    }

    public void checkCanSend()
    {
        base.checkOpen();
        pattern.checkCanSend();
    }

    /**
     * Send one frame of the application's, copied from any buffer (through a heap copy past the ring's inline
     * limit).
     *
     * @return false when the send timeout expired.
     */
    public boolean send(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        checkCanSend();
        if (!sendingMore)
        {
            final RingmqException refused = pattern.refuseFirstFrame(buffer, offset, length);
            if (null != refused)
            {
                throw refused;
            }
            if (!pattern.beginSend())
            {
                return false;
            }
        }
        final int flags = more ? FrameDescriptor.FLAG_MORE : 0;
        if (length > outRing.maxInlineBody())
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            return sendLarge(new UnsafeBuffer(copy), flags);
        }
        final int at = claimSpace(length, flags, true);
        if (at == FrameRing.INSUFFICIENT_CAPACITY)
        {
            return false;
        }
        final UnsafeBuffer ring = sendRing.buffer();
        ring.putBytes(at, buffer, offset, length);
        afterFrame(ring, at, length, more);
        return true;
    }

    /**
     * {@link #send(DirectBuffer, int, int, boolean)} of a whole array.
     */
    public boolean send(final byte[] data, final boolean more)
    {
        sendView.wrap(data);
        return send(sendView, 0, data.length, more);
    }

    private boolean sendLarge(final UnsafeBuffer body, final int flags)
    {
        base.beginWait(options.sendTimeoutMs);
        try
        {
            while (true)
            {
                final FrameRing ring = null == routing ? ringForLarge() : routing.ringFor(body.capacity(), false);
                if (null != ring && ring.offerLarge(body, flags))
                {
                    sendRing = ring;
                    break;
                }
                if (null != ring && null != routing)
                {
                    routing.onClaimFailed(ring);
                }
                wakeAgentForOpenMessage();
                if (!base.awaitRound(false))
                {
                    return false;
                }
            }
        }
        finally
        {
            base.waker.disarm();
        }
        afterFrame(body, 0, body.capacity(), FrameDescriptor.isMore(flags));
        return true;
    }

    /**
     * Claim ring space for a frame the application writes in place, waiting as a send does.
     *
     * @return the claim's offset in {@link #claimedRing()}, or {@link FrameRing#INSUFFICIENT_CAPACITY} when the send
     * timeout expired.
     */
    public int claim(final int length)
    {
        if (length < 0 || length > outRing.maxInlineBody())
        {
            throw new RingmqException(
                "claim length must be 0.." + outRing.maxInlineBody() + " (a quarter of the socket ring): " + length);
        }
        if (!sendingMore && !pattern.beginSend())
        {
            return FrameRing.INSUFFICIENT_CAPACITY;
        }
        return claimSpace(length, 0, true);
    }

    /**
     * @return the ring the last claim was made in.
     */
    public FrameRing claimedRing()
    {
        return sendRing;
    }

    /**
     * The application committed its claim: the frame is sent, unless it is a first frame the pattern refuses.
     */
    public void onClaimCommitted(final int offset, final int length, final boolean more)
    {
        final UnsafeBuffer ring = sendRing.buffer();
        final RingmqException refused = sendingMore ? null : pattern.refuseFirstFrame(ring, offset, length);
        if (null != refused)
        {
            sendRing.discardLastFrame();
            onClaimAborted();
            throw refused;
        }
        afterFrame(ring, offset, length, more);
    }

    /**
     * The application aborted its claim (the ring already dropped the frame).
     */
    public void onClaimAborted()
    {
        if (discard.holds(sendRing))
        {
            discard.abort(!sendingMore);
        }
        else if (null == routing)
        {
            outRing.publish();
        }
        else
        {
            routing.onDiscarded(sendRing);
        }
    }

    /**
     * SUB: send a subscription or its cancel, as the one-frame message ZMTP 3.0 peers and XPUBs read.
     *
     * @return false when the send timeout expired.
     */
    public boolean sendSubscription(final boolean subscribe, final byte[] prefix)
    {
        base.checkOpen();
        if (!pattern.subscribes())
        {
            throw new RingmqException(
                "subscribe/unsubscribe are for SUB sockets (XSUB sends subscription messages): " + base.type);
        }
        final int at = claimSpace(1 + prefix.length, 0, false);
        if (at == FrameRing.INSUFFICIENT_CAPACITY)
        {
            return false;
        }
        final UnsafeBuffer ring = sendRing.buffer();
        ring.putByte(at, subscribe ? CommandEncoder.SUBSCRIBE_MESSAGE_PREFIX : CommandEncoder.CANCEL_MESSAGE_PREFIX);
        ring.putBytes(at + 1, prefix);
        afterFrame(ring, at, 1 + prefix.length, false);
        return true;
    }

    /**
     * @return true when a send would not block now: POLLOUT.
     */
    public boolean canSendNow()
    {
        return pattern.canSend() && (sendingMore || pattern.maySend()) && sendWouldNotBlock();
    }

    private boolean sendWouldNotBlock()
    {
        if (pattern.dropsWhenBehind())
        {
            return true;
        }
        if (!sendingMore && awaitsAPeer())
        {
            return false;
        }
        if (null != routing)
        {
            return routing.canSend();
        }
        final int hwm = options.sndHwm;
        return (sendingMore || hwm <= 0 || outRing.queuedMessages() < hwm) &&
            outRing.hasCapacity(FrameDescriptor.SHORT_HEADER_LENGTH + 1);
    }

    // ---------------------------------------------------------------------------------------------- PatternHost

    @Override
    public boolean sendEnvelopeFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        final int at = claimSpace(length, FrameDescriptor.FLAG_MORE, true);
        if (at == FrameRing.INSUFFICIENT_CAPACITY)
        {
            return false;
        }
        final UnsafeBuffer ring = sendRing.buffer();
        ring.putBytes(at, buffer, offset, length);
        afterFrame(ring, at, length, true);
        return true;
    }

    @Override
    public FrameRing requestRing(final long requestsSent)
    {
        if (null != routing)
        {
            return routing.requestRing(base.core, requestsSent);
        }
        return base.core.routedRequests() < requestsSent ? null : base.core.lastRequestRing();
    }

    @Override
    public boolean isRoutable(final DirectBuffer buffer, final int offset, final int length)
    {
        routingLookup.set(buffer, offset, length);
        base.pollInproc();
        return base.admission.hasPeer(routingLookup);
    }

    // ---------------------------------------------------------------------------------------------------- rings

    private int claimSpace(final int length, final int flags, final boolean checkHwm)
    {
        base.beginWait(options.sendTimeoutMs);
        try
        {
            while (true)
            {
                final FrameRing ring = ringFor(length, checkHwm);
                if (null != ring)
                {
                    final int at = ring.claim(length, flags);
                    if (at != FrameRing.INSUFFICIENT_CAPACITY)
                    {
                        sendRing = ring;
                        return at;
                    }
                    if (null != routing)
                    {
                        routing.onClaimFailed(ring);
                    }
                    else if (dropsAtThisFrame())
                    {
                        if (writeAgentBatch())
                        {
                            continue;
                        }
                        sendRing = discard.ringFor(length);
                        return sendRing.claim(length, flags);
                    }
                }
                wakeAgentForOpenMessage();
                if (!base.awaitRound(false))
                {
                    return FrameRing.INSUFFICIENT_CAPACITY;
                }
            }
        }
        finally
        {
            base.waker.disarm();
        }
    }

    /**
     * @return the ring to claim the next frame in, or null when the socket would block.
     */
    private FrameRing ringFor(final int length, final boolean checkHwm)
    {
        if (checkHwm && !sendingMore && awaitsAPeer())
        {
            return null;
        }
        if (null != routing)
        {
            return routing.ringFor(length, !checkHwm);
        }
        if (discard.isDropping())
        {
            return discard.ringFor(length);
        }
        final int hwm = options.sndHwm;
        if (!checkHwm || sendingMore || hwm <= 0 || outRing.queuedMessages() < hwm)
        {
            return outRing;
        }
        if (!pattern.dropsWhenBehind())
        {
            return null;
        }
        return writeAgentBatch() && outRing.queuedMessages() < hwm ? outRing : discard.ringFor(length);
    }

    /**
     * @return the ring for a frame too large to write in place, held beside the socket's ring or dropped.
     */
    private FrameRing ringForLarge()
    {
        if (discard.isDropping() || (dropsAtThisFrame() && isOutRingFullForLarge() &&
            !(writeAgentBatch() && !isOutRingFullForLarge())))
        {
            return discard.ringFor(0);
        }
        return outRing;
    }

    private boolean isOutRingFullForLarge()
    {
        return outRing.queuedMessages() >= options.sndHwm || !outRing.canOfferLarge();
    }

    /**
     * @return true when a PUB, XPUB or ROUTER drops the message it starts now rather than wait for room in its ring:
     * with no high-water mark (0) it waits, as it promised never to drop.
     */
    private boolean dropsAtThisFrame()
    {
        return pattern.dropsWhenBehind() && !sendingMore && options.sndHwm > 0;
    }

    /**
     * @return true when IMMEDIATE holds a new message back: no peer has completed its connection yet.
     */
    private boolean awaitsAPeer()
    {
        return options.immediate && pattern.blocksWithoutPeers() && base.core.connectedPeers() == 0 &&
            !base.inproc.hasPeers();
    }

    // -------------------------------------------------------------------------------------------- handing over

    private void afterFrame(final DirectBuffer body, final int offset, final int length, final boolean more)
    {
        sendingMore = more;
        if (discard.holds(sendRing))
        {
            discard.discard(more);
            return;
        }
        final boolean toAgent;
        if (null == routing)
        {
            outRing.publish();
            toAgent = true;
        }
        else
        {
            toAgent = routing.commit(sendRing, body, offset, length, more);
        }
        final boolean firstSinceReceive = !base.sentSinceReceive;
        if (!more)
        {
            pattern.onMessageSent();
            base.sentSinceReceive = true;
        }
        if (toAgent)
        {
            handOver.framePublished(length, more, firstSinceReceive);
        }
    }

    /**
     * With I/O threads, a sender that waits for ring space in the middle of a message wakes the agent, so that it
     * takes the frames committed so far.
     */
    private void wakeAgentForOpenMessage()
    {
        if (sendingMore)
        {
            handOver.wakeForOpenMessage();
        }
    }

    // ------------------------------------------------------------------------------------------- SendingSocket

    @Override
    public void pauseForRoom()
    {
        base.pause(0, false);
    }

    @Override
    public boolean writeAgentBatch()
    {
        return handOver.writeBatchBeforeDropping();
    }

    /**
     * Invoker mode: a socket that turns to receiving writes its batch first, so a request never waits behind it.
     */
    void writeWaitingBatch()
    {
        handOver.writeWaitingBatch();
    }
}
