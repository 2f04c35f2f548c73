package io.ringmq.internal;

import io.ringmq.SocketType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The application thread's half of a socket's routing once it has inproc peers. For each frame it names the ring
 * the socket claims space in:
 * <ul>
 *     <li>an inproc peer's ring, when the destination is known before the body is written (PUSH, PAIR, DEALER,
 *     REQ, and the frames after a ROUTER's routing id): the body is written in place, one hop from the peer;</li>
 *     <li>a staging ring, when the destination depends on the content (a PUB message's topic, a ROUTER's routing
 *     id): {@link #commit} then copies the frame to the peers it picked, as the I/O agent does for tcp;</li>
 *     <li>the socket's outbound ring, for the share of the I/O agent when the socket also has tcp or ipc peers.</li>
 * </ul>
 * A message goes to an inproc peer's ring unpublished until its last frame, so the peer sees it whole.
 */
public abstract class InprocRouting
{
    /**
     * What an inproc routing asks of the socket that sends through it.
     */
    public interface SendingSocket
    {
        /**
         * Wait a little for room, on the socket's idle strategy (running the I/O in invoker mode).
         */
        void pauseForRoom();

        /**
         * Invoker mode: write the messages the socket's send batch holds for the I/O agent, which are what fills the
         * socket's ring during a burst.
         *
         * @return true when a pending batch was handed to the I/O: the ring may have room now.
         */
        boolean writeAgentBatch();
    }

    final InprocPeers peers;
    final SocketOptions options;
    final FrameRing outRing;
    private final SendingSocket socket;
    private FrameRing staging;
    private boolean midMessage;

    InprocRouting(
        final InprocPeers peers, final SocketOptions options, final FrameRing outRing, final SendingSocket socket)
    {
        this.peers = peers;
        this.options = options;
        this.outRing = outRing;
        this.socket = socket;
    }

    /**
     * @param type    the socket's type.
     * @param peers   the socket's inproc pipes.
     * @param options the socket's options.
     * @param outRing the socket's outbound ring, read by the I/O agent.
     * @param socket  the socket that sends.
     * @return the routing for that type, or null for a type that sends nothing.
     */
    public static InprocRouting forType(
        final SocketType type, final InprocPeers peers, final SocketOptions options, final FrameRing outRing,
        final SendingSocket socket)
    {
        switch (type)
        {
            case PUB:
            case XPUB:
                return new InprocFanOut(peers, options, outRing, socket);
            case PUSH:
            case PAIR:
            case DEALER:
            case REQ:
                return new InprocRoundRobin(peers, options, outRing, socket);
            case ROUTER:
            case REP:
                return new InprocIdentity(peers, options, outRing, socket, type == SocketType.ROUTER);
            case SUB:
            case XSUB:
                return new InprocUpstream(peers, options, outRing, socket);
            default:
                return null;
        }
    }

    /**
     * @param length       of the frame's body.
     * @param subscription true for a SUB's own subscribe or unsubscribe.
     * @return the ring to claim the next frame in, or null when no destination can take a message now.
     */
    public final FrameRing ringFor(final int length, final boolean subscription)
    {
        return ringFor(!midMessage, length, subscription);
    }

    /**
     * The frame claimed in {@code ring} is written: publish it, or copy it to its destinations.
     *
     * @param body   holding the frame's body: the ring's buffer, or a large body queued beside the ring.
     * @param more   true when more frames of the message follow.
     * @return true when (part of) the frame went to the I/O agent's ring.
     */
    public final boolean commit(
        final FrameRing ring, final DirectBuffer body, final int offset, final int length, final boolean more)
    {
        final boolean toAgent = onCommit(ring, body, offset, length, !midMessage, more);
        midMessage = more;
        return toAgent;
    }

    /**
     * The frame claimed last in {@code ring} was discarded (given back unsent).
     */
    public void onDiscarded(final FrameRing ring)
    {
        if (ring == outRing)
        {
            outRing.publish();
        }
    }

    /**
     * A claim in {@code ring} found no space.
     */
    public void onClaimFailed(final FrameRing ring)
    {
        if (midMessage)
        {
            publishPartial(ring);
        }
    }

    /**
     * @return true when a send would not block now (POLLOUT).
     */
    public boolean canSend()
    {
        return true;
    }

    /**
     * REQ: the ring a reply must come from, or null while the I/O agent has not yet routed the latest request.
     */
    public FrameRing requestRing(final SocketCore core, final long requestsSent)
    {
        return core.routedRequests() < requestsSent ? null : core.lastRequestRing();
    }

    abstract FrameRing ringFor(boolean firstFrame, int length, boolean subscription);

    abstract boolean onCommit(
        FrameRing ring, DirectBuffer body, int offset, int length, boolean firstFrame, boolean more);

    boolean isMidMessage()
    {
        return midMessage;
    }

    /**
     * @return the socket's private staging ring, made on first use.
     */
    final FrameRing staging()
    {
        FrameRing ring = staging;
        if (null == ring)
        {
            ring = new FrameRing(outRing.capacity());
            staging = ring;
        }
        return ring;
    }

    /**
     * Forget what the staging ring holds (it was seen in place, or is dropped).
     */
    final void consumeStaging()
    {
        staging.publish();
        staging.read(FrameVisitor.SKIP, Integer.MAX_VALUE);
    }

    /**
     * For a socket that drops rather than waits: true when the I/O agent's share of a message is dropped: the agent
     * has not yet taken SNDHWM messages from the socket's ring, or the ring cannot take {@code needed} bytes in
     * {@code largeFrames} large frames now, even after the socket wrote its own send batch (invoker mode). With no
     * high-water mark (0) the sender waits instead.
     */
    final boolean isAgentBehind(final int needed, final int largeFrames)
    {
        return options.sndHwm > 0 && isOutRingFull(needed, largeFrames) &&
            !(socket.writeAgentBatch() && !isOutRingFull(needed, largeFrames));
    }

    private boolean isOutRingFull(final int needed, final int largeFrames)
    {
        return outRing.queuedMessages() >= options.sndHwm || !outRing.hasCapacity(needed, largeFrames);
    }

    /**
     * Copy a frame into a ring, waiting while it is full; a large body is shared, not copied, as no one writes
     * to it. A detached peer's ring is given up on.
     *
     * @return false when the ring's peer detached.
     */
    final boolean copyFrame(
        final FrameRing dest, final DirectBuffer body, final int offset, final int length, final int flags)
    {
        if (length > dest.maxInlineBody())
        {
            final UnsafeBuffer large = isWholeBuffer(body, offset, length) ?
                (UnsafeBuffer)body : copyOf(body, offset, length);
            while (!dest.offerLarge(large, flags))
            {
                if (!waitForSpace(dest))
                {
                    return false;
                }
            }
            return true;
        }
        int at;
        while ((at = dest.claim(length, flags)) == FrameRing.INSUFFICIENT_CAPACITY)
        {
            if (!waitForSpace(dest))
            {
                return false;
            }
        }
        dest.buffer().putBytes(at, body, offset, length);
        return true;
    }

    private boolean waitForSpace(final FrameRing dest)
    {
        if (dest.isClosed())
        {
            return false;
        }
        publishPartial(dest);
        socket.pauseForRoom();
        return true;
    }

    /**
     * A message that outgrows an inproc ring's free space once the peer has read every whole message before it
     * is published in part, so the peer can start on it rather than both sides wait forever.
     */
    final void publishPartial(final FrameRing ring)
    {
        if (ring != outRing && ring.queuedMessages() == 0)
        {
            ring.publish();
        }
    }

    private static boolean isWholeBuffer(final DirectBuffer body, final int offset, final int length)
    {
        return body instanceof UnsafeBuffer && offset == 0 && length == body.capacity();
    }

    private static UnsafeBuffer copyOf(final DirectBuffer body, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        body.getBytes(offset, copy);
        return new UnsafeBuffer(copy);
    }
}
