package io.ringmq.internal;

import io.ringmq.Counter;
import io.ringmq.CounterReader;
import io.ringmq.codec.FrameDescriptor;

/**
 * Where a PUB, an XPUB or a ROUTER (without ROUTER_MANDATORY) writes a message it drops before the I/O agent sees
 * it: the agent is SNDHWM messages behind on the socket's ring, or the ring is full. ZeroMQ's PUB and ROUTER never
 * block; they drop and count. The application writes
 * the dropped message as it would any other (a send, a claim), so the send path keeps one shape, and nothing ever
 * reads it. The decision is taken at a message's first frame and holds for the rest of it, as a libzmq pipe's HWM
 * check does. The ring is made at the first drop, sized to the frames seen, on the socket's thread.
 */
public final class DiscardRing
{
    private static final int MIN_BYTES = 4096;

    private final CounterSet counters;
    private FrameRing ring;
    private boolean dropping;

    /**
     * @param label names the socket in its counters.
     */
    public DiscardRing(final String label)
    {
        this.counters = new CounterSet(label + ", dropped before the I/O agent", null);
    }

    /**
     * @return the drops counted here; read from any thread.
     */
    public CounterReader counters()
    {
        return counters;
    }

    /**
     * @return true while the message being sent is being dropped.
     */
    public boolean isDropping()
    {
        return dropping;
    }

    /**
     * Drop the message being sent from this frame on.
     *
     * @param length of the frame's body.
     * @return the ring to claim it in.
     */
    public FrameRing ringFor(final int length)
    {
        dropping = true;
        if (null == ring || ring.maxInlineBody() < length)
        {
            ring = new FrameRing(Math.max(MIN_BYTES, 4 * (length + FrameDescriptor.MAX_HEADER_LENGTH)));
        }
        return ring;
    }

    /**
     * @return true when {@code candidate} is this ring: the frame claimed there is dropped.
     */
    public boolean holds(final FrameRing candidate)
    {
        return null != candidate && candidate == ring;
    }

    /**
     * The frame claimed here was written: forget it, and count the message once its last frame is in.
     *
     * @param more true when more frames of the message follow.
     */
    public void discard(final boolean more)
    {
        ring.publish();
        ring.read(FrameVisitor.SKIP, Integer.MAX_VALUE);
        if (!more)
        {
            dropping = false;
            counters.increment(Counter.MESSAGES_DROPPED);
        }
    }

    /**
     * The frame claimed here was aborted: forget it without counting.
     *
     * @param firstFrame true when it was the message's first frame: the next frame starts a new message.
     */
    public void abort(final boolean firstFrame)
    {
        ring.publish();
        ring.read(FrameVisitor.SKIP, Integer.MAX_VALUE);
        dropping = !firstFrame;
    }
}
