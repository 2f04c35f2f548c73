package io.ringmq;

import org.agrona.DirectBuffer;

/**
 * Receives frames in place, from the ring they arrived in: no copy, no allocation. The view is valid only during
 * the call; copy what must outlive it.
 */
@FunctionalInterface
public interface MessageHandler
{
    /**
     * @param buffer holding the frame body.
     * @param offset of the body.
     * @param length of the body.
     * @param more   true when more frames of this message follow.
     */
    void onFrame(DirectBuffer buffer, int offset, int length, boolean more);
}
