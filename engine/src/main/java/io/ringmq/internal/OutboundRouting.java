package io.ringmq.internal;

import org.agrona.DirectBuffer;

/**
 * Where a socket's outbound messages go: the part of a socket pattern that picks peers. Called by the I/O agent
 * for each frame taken from the socket's outbound ring.
 */
interface OutboundRouting
{
    /**
     * A message starts: pick its destinations.
     *
     * @param peers  the socket's tcp and ipc peers.
     * @param buffer holding the first frame.
     * @param offset of the first frame's body.
     * @param length of the first frame's body.
     * @param flags  of the first frame.
     * @return false to leave the message in the ring for now (no peer can take it: back-pressure).
     */
    boolean begin(StreamPeers peers, DirectBuffer buffer, int offset, int length, int flags);

    /**
     * A frame of the current message, the first included, goes to the destinations picked by
     * {@link #begin}.
     */
    void frame(StreamPeers peers, DirectBuffer buffer, int offset, int length, int flags);
}
