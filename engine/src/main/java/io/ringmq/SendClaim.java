package io.ringmq;

import io.ringmq.internal.FrameRing;
import org.agrona.MutableDirectBuffer;

/**
 * A frame's worth of space claimed in a socket's outbound ring: write the body straight into {@link #buffer()}
 * between {@link #offset()} and {@code offset() + length()}, then {@link #commit()} or {@link #commitMore()}.
 * The socket owns one instance and reuses it, so claiming allocates nothing; at most one claim is open at a time.
 */
public final class SendClaim
{
    private final Socket socket;
    private FrameRing ring;
    private int offset;
    private int length;
    private boolean open;

    SendClaim(final Socket socket)
    {
        this.socket = socket;
    }

    SendClaim wrap(final FrameRing ring, final int offset, final int length)
    {
        this.ring = ring;
        this.offset = offset;
        this.length = length;
        this.open = true;
        return this;
    }

    boolean isOpen()
    {
        return open;
    }

    /**
     * @return the ring memory to write the body into.
     */
    public MutableDirectBuffer buffer()
    {
        return ring.buffer();
    }

    /**
     * @return where the body starts in {@link #buffer()}.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return the body length claimed.
     */
    public int length()
    {
        return length;
    }

    /**
     * Send the frame as the last (or only) frame of its message.
     */
    public void commit()
    {
        checkOpen();
        open = false;
        socket.onClaimCommitted(offset, length, false);
    }

    /**
     * Send the frame with MORE: further frames of the same message follow.
     */
    public void commitMore()
    {
        checkOpen();
        open = false;
        ring.markLastFrameMore();
        socket.onClaimCommitted(offset, length, true);
    }

    /**
     * Give the space back unsent.
     */
    public void abort()
    {
        checkOpen();
        open = false;
        ring.discardLastFrame();
        socket.onClaimAborted();
    }

    private void checkOpen()
    {
        if (!open)
        {
            throw new RingmqException("no open claim on this socket");
        }
    }
}
