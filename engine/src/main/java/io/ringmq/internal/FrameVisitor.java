package io.ringmq.internal;

import org.agrona.DirectBuffer;

/**
 * Takes frames from a {@link FrameRing}.
 */
@FunctionalInterface
public interface FrameVisitor
{
    /** Takes every frame and does nothing with it: what a ring's consumer uses to forget what it holds. */
    FrameVisitor SKIP = (buffer, offset, length, flags) -> true;

    /**
     * @param buffer holding the body; valid only during the call.
     * @param offset of the body.
     * @param length of the body.
     * @param flags  {@link io.ringmq.codec.FrameDescriptor#FLAG_MORE} or 0.
     * @return true when the frame is taken; false leaves it (and everything after it) in the ring.
     */
    boolean onFrame(DirectBuffer buffer, int offset, int length, int flags);
}
