package io.ringmq.internal;

import java.util.Arrays;

import io.ringmq.codec.FrameDescriptor;
import io.ringmq.codec.FrameHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Where a connection's decoded frames go, on its I/O agent: a data frame straight into the connection's inbound
 * ring (one copy from the read buffer, published a whole message at a time), a frame too large for the ring into a
 * heap copy beside it, a SUB's unmatched message nowhere, and a one-frame message an XPUB or PUB may read as a
 * subscription into a scratch buffer the socket inspects. The RCVHWM and a full ring pause the decoder, which
 * retries the same frame once the application made room. Commands go to the connection's session.
 */
final class InboundFrames implements FrameHandler
{
    private static final int MODE_RING = 0;
    private static final int MODE_LARGE = 1;
    private static final int MODE_SCRATCH = 2;
    private static final int MODE_SKIP = 3;
    private static final int LARGE_INITIAL_BYTES = 64 * 1024;

    private final SocketCore core;
    private final Connection connection;
    private final FrameRing inRing;
    private final UnsafeBuffer scratch;

    private int mode;
    /** The decoder holds a frame whose header it consumed but which the inbound ring cannot take yet. */
    private boolean paused;
    private boolean firstFrame = true;
    private boolean discardMessage;
    private boolean oversized;
    private int bodyOffset;
    private int bodyWritten;
    /** Whole messages decoded since {@link #takeMessagesDecoded()} last ran. */
    private int messagesDecoded;
    private byte[] largeBody;
    private long largeLength;

    InboundFrames(final SocketCore core, final Connection connection, final FrameRing inRing, final int scratchBytes)
    {
        this.core = core;
        this.connection = connection;
        this.inRing = inRing;
        this.scratch = new UnsafeBuffer(new byte[scratchBytes]);
    }

    /**
     * @return true while a frame waits for room in the ring (it may have no bytes left behind it: an empty body).
     */
    boolean isPaused()
    {
        return paused;
    }

    /**
     * @return true once a frame too large for any buffer arrived: a protocol error.
     */
    boolean isOversized()
    {
        return oversized;
    }

    /**
     * @return whole messages decoded since the last call; counted once per batch, as two stores per message cost
     * the decoder a measurable share of its time.
     */
    int takeMessagesDecoded()
    {
        final int decoded = messagesDecoded;
        messagesDecoded = 0;
        return decoded;
    }

    @Override
    public boolean onFrameStart(final int flags, final long length)
    {
        paused = false;
        final boolean more = FrameDescriptor.isMore(flags);
        if (discardMessage)
        {
            mode = MODE_SKIP;
            return true;
        }
        if (firstFrame && core.receivesSubscriptions() && !more && length >= 1 && length <= scratch.capacity())
        {
            mode = MODE_SCRATCH;
            bodyWritten = 0;
            return true;
        }
        if (!core.receivesData())
        {
            mode = MODE_SKIP;
            discardMessage = more;
            return true;
        }
        if (length > Integer.MAX_VALUE - FrameDescriptor.MAX_HEADER_LENGTH)
        {
            oversized = true;
            return false;
        }
        final int rcvHwm = core.options().rcvHwm;
        if (firstFrame && rcvHwm > 0 && inRing.queuedMessages() >= rcvHwm)
        {
            paused = true;
            return false;
        }

        bodyWritten = 0;
        if (length > inRing.maxInlineBody())
        {
            if (!inRing.canOfferLarge())
            {
                return pauseMidMessage();
            }
            mode = MODE_LARGE;
            largeLength = length;
            largeBody = new byte[(int)Math.min(length, LARGE_INITIAL_BYTES)];
            return true;
        }

        final int offset = inRing.claim((int)length, flags);
        if (offset == FrameRing.INSUFFICIENT_CAPACITY)
        {
            return pauseMidMessage();
        }
        mode = MODE_RING;
        bodyOffset = offset;
        return true;
    }

    private boolean pauseMidMessage()
    {
        paused = true;
        if (!firstFrame && inRing.queuedMessages() == 0)
        {
            // The reader has taken every whole message and the ring is still full: this message is larger than
            // the ring, so let the reader start on it rather than wait forever. Otherwise the reader frees space
            // by draining whole messages, and this one stays invisible until complete (delivery is atomic).
            inRing.publish();
        }
        return false;
    }

    @Override
    public void onFrameBody(final DirectBuffer buffer, final int offset, final int length)
    {
        switch (mode)
        {
            case MODE_RING:
                inRing.buffer().putBytes(bodyOffset + bodyWritten, buffer, offset, length);
                break;
            case MODE_SCRATCH:
                scratch.putBytes(bodyWritten, buffer, offset, length);
                break;
            case MODE_LARGE:
                if (bodyWritten + length > largeBody.length)
                {
                    largeBody = Arrays.copyOf(
                        largeBody, (int)Math.min(largeLength, Math.max(largeBody.length * 2L, bodyWritten + length)));
                }
                buffer.getBytes(offset, largeBody, bodyWritten, length);
                break;
            default:
                return;
        }
        bodyWritten += length;
    }

    @Override
    public void onFrameEnd(final int flags)
    {
        final boolean more = FrameDescriptor.isMore(flags);
        switch (mode)
        {
            case MODE_SCRATCH:
                core.peers().onPeerMessage(connection, scratch, 0, bodyWritten);
                break;
            case MODE_RING:
                if (firstFrame && core.filtersInbound() &&
                    !core.peers().subscriptions().matches(inRing.buffer(), bodyOffset, bodyWritten))
                {
                    inRing.discardLastFrame();
                    discardMessage = more;
                }
                break;
            case MODE_LARGE:
                final UnsafeBuffer body = new UnsafeBuffer(largeBody, 0, bodyWritten);
                largeBody = null;
                if (firstFrame && core.filtersInbound() && !core.peers().subscriptions().matches(body, 0, bodyWritten))
                {
                    discardMessage = more;
                }
                else
                {
                    inRing.offerLarge(body, flags);
                }
                break;
            default:
                break;
        }

        if (more)
        {
            firstFrame = false;
        }
        else
        {
            inRing.publish();
            messagesDecoded++;
            firstFrame = true;
            discardMessage = false;
        }
    }

    @Override
    public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        connection.onCommand(buffer, offset, length);
        return true;
    }

    /**
     * Deliver a message the agent itself produced (an XPUB subscription notice) to the application.
     */
    void deliverNotice(final byte first, final DirectBuffer rest, final int offset, final int length)
    {
        final int at = inRing.claim(1 + length, 0);
        if (at != FrameRing.INSUFFICIENT_CAPACITY)
        {
            inRing.buffer().putByte(at, first);
            inRing.buffer().putBytes(at + 1, rest, offset, length);
            inRing.publish();
        }
    }

    /**
     * Deliver a whole single-frame data message that arrived in the scratch buffer.
     */
    void deliverData(final DirectBuffer body, final int offset, final int length)
    {
        final int at = inRing.claim(length, 0);
        if (at != FrameRing.INSUFFICIENT_CAPACITY)
        {
            inRing.buffer().putBytes(at, body, offset, length);
            inRing.publish();
        }
    }
}
