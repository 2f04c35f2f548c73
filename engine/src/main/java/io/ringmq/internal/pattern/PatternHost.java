package io.ringmq.internal.pattern;

import io.ringmq.internal.FrameRing;
import org.agrona.DirectBuffer;

/**
 * What a pattern asks of the socket it runs in; called on the socket's application thread.
 */
public interface PatternHost
{
    /**
     * Send one envelope frame (with MORE) ahead of the application's frames: REQ's delimiter, REP's return path.
     *
     * @return false when the send timeout expired.
     */
    boolean sendEnvelopeFrame(DirectBuffer buffer, int offset, int length);

    /**
     * REQ: the inbound ring the reply to the latest request must come from.
     *
     * @param requestsSent requests sent so far.
     * @return the ring, or null while the latest request has not been routed to a peer yet.
     */
    FrameRing requestRing(long requestsSent);

    /**
     * ROUTER: whether some connected peer, on any transport, has this routing id.
     */
    boolean isRoutable(DirectBuffer buffer, int offset, int length);
}
