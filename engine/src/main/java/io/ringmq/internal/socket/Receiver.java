package io.ringmq.internal.socket;

import io.ringmq.MessageHandler;
import io.ringmq.RingmqException;
import io.ringmq.codec.FrameDescriptor;
import io.ringmq.internal.FrameRing;
import io.ringmq.internal.FrameVisitor;
import io.ringmq.internal.InboundQueue;
import io.ringmq.internal.SocketOptions;
import io.ringmq.internal.pattern.Pattern;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A socket's receive path on the application thread: it takes whole messages from the inbound rings in turn (fair
 * queueing over every peer, on every transport), lets the socket's pattern accept, drop or hold each (envelopes,
 * lockstep, ROUTER's id frame), and hands frames to the application copied ({@link #recv()}) or in place
 * ({@link #receive(MessageHandler, int)}), waiting within RCVTIMEO.
 */
public final class Receiver
{
    private final SocketBase base;
    private final SocketOptions options;
    private final InboundQueue inbound;
    private final Pattern pattern;
    private final Sender sender;
    private final FrameCopier copier = new FrameCopier();
    private final HandlerAdapter handlerAdapter = new HandlerAdapter();
    private final UnsafeBuffer receiveView = new UnsafeBuffer(0, 0);
    private final RestOfMessageSkipper skipper = new RestOfMessageSkipper();
    private boolean receiveMore;
    private boolean midMessage;

    public Receiver(final SocketBase base, final Sender sender)
    {
        this.base = base;
        this.options = base.options;
        this.inbound = base.inbound;
        this.sender = sender;
        this.pattern = sender.pattern();
    }

    public void checkCanReceive()
    {
        base.checkOpen();
        pattern.checkCanReceive();
    }

    /**
     * @return true when the frame last received has more frames of its message following.
     */
    public boolean hasReceiveMore()
    {
        return receiveMore;
    }

    /**
     * @return true when a whole message may be received now: POLLIN.
     */
    public boolean canReceiveNow()
    {
        return pattern.canReceive() && (midMessage || pattern.mayReceive()) && inbound.hasMessage();
    }

    /**
     * Receive the next frame, waiting up to the receive timeout.
     *
     * @return the frame's bytes, or null when the timeout expired.
     */
    public byte[] recv()
    {
        checkCanReceive();
        sender.writeWaitingBatch();
        if (!midMessage)
        {
            pattern.checkLockstepForReceive();
        }
        base.beginWait(options.receiveTimeoutMs);
        try
        {
            while (true)
            {
                base.pollInproc();
                final byte[] frame = pollFrame();
                if (null != frame)
                {
                    base.sentSinceReceive = false;
                    return frame;
                }
                if (!base.awaitRound(true))
                {
                    // A thread that looks without waiting relies on the agent's thread to read the network.
                    base.agent.attend();
                    return null;
                }
            }
        }
        finally
        {
            base.waker.disarm();
        }
    }

    /**
     * @return the next frame for the application, or null when no whole message is waiting.
     */
    private byte[] pollFrame()
    {
        while (true)
        {
            final FrameRing ring = nextRing();
            if (null == ring)
            {
                return null;
            }
            if (!midMessage)
            {
                final int verdict = pattern.beginMessage(ring);
                if (verdict == Pattern.NOT_YET)
                {
                    return null;
                }
                if (verdict == Pattern.DROP)
                {
                    skipRestOfMessage(ring);
                    continue;
                }
                midMessage = true;
                inbound.stayOn(ring);
                if (pattern.prefixesRoutingId())
                {
                    receiveMore = true;
                    return ring.routingId().clone();
                }
            }

            copier.frame = null;
            if (ring.read(copier, 1) == 0)
            {
                return null;
            }
            final byte[] frame = copier.frame;
            final boolean more = copier.more;
            receiveView.wrap(frame);
            final int action = pattern.onFrame(receiveView, 0, frame.length, more);
            if (!more)
            {
                endOfMessage();
            }
            if (action == Pattern.DELIVER)
            {
                receiveMore = more;
                if (!more)
                {
                    pattern.onMessageDelivered();
                }
                return frame;
            }
            if (action == Pattern.DROP && more)
            {
                skipRestOfMessage(ring);
            }
        }
    }

    private void skipRestOfMessage(final FrameRing ring)
    {
        skipper.reset();
        ring.read(skipper, Integer.MAX_VALUE);
        endOfMessage();
    }

    private void endOfMessage()
    {
        midMessage = false;
        inbound.stayOn(null);
    }

    /**
     * Hand whole messages that have arrived to a handler, in place, without waiting and without allocating.
     *
     * @return messages delivered.
     */
    public int receive(final MessageHandler handler, final int messageLimit)
    {
        final int delivered = receiveNow(handler, messageLimit);
        if (0 == delivered)
        {
            // A thread that looks without waiting relies on the agent's thread to read the network.
            base.agent.attend();
        }
        return delivered;
    }

    /**
     * As {@link #receive(MessageHandler, int)}, but waits up to {@code timeoutMs} for the first whole message.
     *
     * @return messages delivered; 0 when the timeout expired.
     */
    public int receive(final MessageHandler handler, final int messageLimit, final int timeoutMs)
    {
        if (timeoutMs < -1)
        {
            throw new RingmqException("receive timeout must be >= -1: " + timeoutMs);
        }
        // Not base.awaitRound: each look here runs the I/O already in invoker mode (receiveNow).
        final long deadline = SocketBase.deadline(timeoutMs);
        base.wait.reset();
        try
        {
            while (true)
            {
                final int delivered = receiveNow(handler, messageLimit);
                if (delivered > 0)
                {
                    base.sentSinceReceive = false;
                    return delivered;
                }
                if (SocketBase.expired(timeoutMs, deadline))
                {
                    // A thread that looks without waiting relies on the agent's thread to read the network.
                    base.agent.attend();
                    return 0;
                }
                base.pause(deadline, true);
            }
        }
        finally
        {
            base.waker.disarm();
        }
    }

    private int receiveNow(final MessageHandler handler, final int messageLimit)
    {
        checkCanReceive();
        sender.writeWaitingBatch();
        if (!midMessage)
        {
            pattern.checkLockstepForReceive();
        }
        base.pollInproc();
        final boolean runsIo = base.io.isInvokerMode() && !base.inproc.inprocOnly();
        final boolean ranIo = runsIo && !inbound.hasMessage();
        if (ranIo)
        {
            base.io.invoke();
        }
        final int delivered = deliver(handler, messageLimit);
        if (delivered > 0 || !runsIo || ranIo)
        {
            return delivered;
        }
        // What waits may not be deliverable yet (a REQ's reply before the agent routed its request): run the I/O.
        base.io.invoke();
        return deliver(handler, messageLimit);
    }

    private int deliver(final MessageHandler handler, final int messageLimit)
    {
        final HandlerAdapter adapter = handlerAdapter;
        adapter.begin(handler, messageLimit);
        while (adapter.messages < messageLimit && !adapter.blocked)
        {
            final FrameRing ring = nextRing();
            if (null == ring)
            {
                break;
            }
            adapter.ring = ring;
            final int frames = ring.read(adapter, Integer.MAX_VALUE);
            inbound.stayOn(midMessage ? ring : null);
            if (frames == 0)
            {
                break;
            }
        }
        adapter.handler = null;
        adapter.ring = null;
        return adapter.messages;
    }

    private FrameRing nextRing()
    {
        final FrameRing ring = inbound.nextReadable();
        if (null != ring && options.conflate && !receiveMore)
        {
            while (ring.availableMessages() > 1)
            {
                ring.read(FrameVisitor.SKIP, 1);
            }
        }
        return ring;
    }

    /**
     * Copies one frame out of a ring for {@link #recv()}.
     */
    private static final class FrameCopier implements FrameVisitor
    {
        private byte[] frame;
        private boolean more;

        @Override
        public boolean onFrame(final DirectBuffer buffer, final int offset, final int length, final int flags)
        {
            frame = new byte[length];
            buffer.getBytes(offset, frame);
            more = FrameDescriptor.isMore(flags);
            return true;
        }
    }

    /**
     * Consumes frames up to and including the end of the current message.
     */
    private static final class RestOfMessageSkipper implements FrameVisitor
    {
        private boolean done;

        void reset()
        {
            done = false;
        }

        @Override
        public boolean onFrame(final DirectBuffer buffer, final int offset, final int length, final int flags)
        {
            if (done)
            {
                return false;
            }
            done = !FrameDescriptor.isMore(flags);
            return true;
        }
    }

    /**
     * Passes frames to a {@link MessageHandler} in place, applying the socket type's message rules (ROUTER's id
     * frame, REQ/REP envelopes), stopping at a message limit.
     */
    private final class HandlerAdapter implements FrameVisitor
    {
        private MessageHandler handler;
        private FrameRing ring;
        private int limit;
        private int messages;
        private boolean dropping;
        private boolean blocked;

        void begin(final MessageHandler handler, final int limit)
        {
            this.handler = handler;
            this.limit = limit;
            this.messages = 0;
            this.blocked = false;
        }

        @Override
        public boolean onFrame(final DirectBuffer buffer, final int offset, final int length, final int flags)
        {
            final boolean more = FrameDescriptor.isMore(flags);
            if (!midMessage)
            {
                if (messages >= limit)
                {
                    return false;
                }
                final int verdict = pattern.beginMessage(ring);
                if (verdict == Pattern.NOT_YET)
                {
                    blocked = true;
                    return false;
                }
                midMessage = true;
                dropping = verdict == Pattern.DROP;
                if (!dropping && pattern.prefixesRoutingId())
                {
                    final DirectBuffer id = ring.routingIdBuffer();
                    handler.onFrame(id, 0, id.capacity(), true);
                }
            }

            if (!dropping)
            {
                final int action = pattern.onFrame(buffer, offset, length, more);
                if (action == Pattern.DELIVER)
                {
                    handler.onFrame(buffer, offset, length, more);
                    if (!more)
                    {
                        messages++;
                        pattern.onMessageDelivered();
                    }
                }
                else if (action == Pattern.DROP)
                {
                    dropping = true;
                }
            }
            if (!more)
            {
                midMessage = false;
                dropping = false;
            }
            return true;
        }
    }
}
