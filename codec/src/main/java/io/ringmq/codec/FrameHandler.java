package io.ringmq.codec;

import org.agrona.DirectBuffer;

/**
 * Receives what a {@link FrameDecoder} finds. A data frame arrives as a start, zero or more body pieces (a
 * body split across reads arrives in several pieces; a body inside one read arrives as one piece, in place),
 * and an end. A command arrives whole. Views are valid only for the duration of the call.
 */
public interface FrameHandler
{
    /**
     * A data frame begins.
     *
     * @param flags  the frame's flags byte: {@link FrameDescriptor#FLAG_MORE} tells whether more frames follow.
     * @param length of the body, already checked against the maximum message size.
     * @return true to go on; false to stop before the body, in which case the decoder returns and calls this
     * method again for the same frame on the next {@code decode} (back-pressure).
     */
    boolean onFrameStart(int flags, long length);

    /**
     * A piece of the current data frame's body, in order.
     *
     * @param buffer holding the piece.
     * @param offset of the piece.
     * @param length of the piece, at least 1.
     */
    void onFrameBody(DirectBuffer buffer, int offset, int length);

    /**
     * The current data frame is complete.
     *
     * @param flags the frame's flags byte, as given to {@link #onFrameStart(int, long)}.
     */
    void onFrameEnd(int flags);

    /**
     * A complete command: the body from the name-length byte on, already checked to hold a well-formed name.
     * Read it with {@link CommandFlyweight}.
     *
     * @param buffer holding the command body.
     * @param offset of the body.
     * @param length of the body.
     * @return true to go on; false to make the decoder return right after this command.
     */
    boolean onCommand(DirectBuffer buffer, int offset, int length);
}
