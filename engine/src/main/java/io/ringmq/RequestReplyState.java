package io.ringmq;

import java.nio.ByteOrder;

import io.ringmq.internal.FrameRing;
import io.ringmq.internal.SocketOptions;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The envelope and lockstep rules of REQ and REP, on the application side of a socket (RFC 28, libzmq req.cpp
 * and rep.cpp). Other socket types pass everything through.
 *
 * <ul>
 * <li>REQ sends {@code [request id if REQ_CORRELATE][empty delimiter]} before each request, then accepts only a
 * reply from the peer the request went to, with that envelope; others are dropped. It must alternate send and
 * receive unless REQ_RELAXED lets it send again.</li>
 * <li>REP strips every frame up to and including the empty delimiter from a request, keeps them, and puts them
 * back in front of its reply, which goes to the peer the request came from. A request without a delimiter is
 * dropped. It must alternate receive and send.</li>
 * </ul>
 */
final class RequestReplyState
{
    /** Take the message. */
    static final int ACCEPT = 0;
    /** Consume and drop the whole message (or the rest of it). */
    static final int DROP = 1;
    /** Leave the message where it is for now. */
    static final int NOT_YET = 2;
    /** Hand the frame to the application. */
    static final int DELIVER = 3;
    /** Consume the frame without handing it over: it is envelope. */
    static final int SKIP = 4;

    private static final int MAX_ENVELOPE_FRAMES = 64;

    private final SocketType type;
    private final SocketOptions options;
    private final Socket socket;

    private int envelopeStage;
    private boolean expectingReply;
    private long requestsSent;
    private int requestId;
    private boolean replyPending;
    private byte[] replyTo;
    private final ExpandableArrayBuffer envelope = new ExpandableArrayBuffer(256);
    private final UnsafeBuffer replyToView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer requestIdFrame = new UnsafeBuffer(new byte[4]);
    private final int[] envelopeLengths = new int[MAX_ENVELOPE_FRAMES];
    private int envelopeFrames;
    private int envelopeBytes;

    RequestReplyState(final SocketType type, final SocketOptions options, final Socket socket)
    {
        this.type = type;
        this.options = options;
        this.socket = socket;
    }

    // ------------------------------------------------------------------------------------------------ receive

    /**
     * @return false while the lockstep forbids receiving (a REQ with no request out, a REP owing a reply).
     */
    boolean mayReceive()
    {
        return switch (type)
        {
            case REQ -> expectingReply;
            case REP -> !replyPending;
            default -> true;
        };
    }

    void checkCanReceive()
    {
        if (type == SocketType.REQ && !expectingReply)
        {
            throw new RingmqException("REQ socket cannot receive before it sends a request");
        }
        if (type == SocketType.REP && replyPending)
        {
            throw new RingmqException("REP socket must send its reply before it receives the next request");
        }
    }

    /**
     * A message from {@code ring} is next.
     *
     * @return {@link #ACCEPT}, {@link #DROP} or {@link #NOT_YET}.
     */
    int beginMessage(final FrameRing ring)
    {
        envelopeStage = 0;
        switch (type)
        {
            case REQ:
                final FrameRing expected = expectingReply ? socket.requestRing(requestsSent) : null;
                if (null == expected)
                {
                    return NOT_YET;
                }
                return ring == expected ? ACCEPT : DROP;
            case REP:
                if (replyPending)
                {
                    return NOT_YET;
                }
                envelopeFrames = 0;
                envelopeBytes = 0;
                replyTo = ring.routingId();
                return ACCEPT;
            default:
                return ACCEPT;
        }
    }

    /**
     * @return {@link #DELIVER}, {@link #SKIP} (envelope) or {@link #DROP} (a malformed envelope: drop the rest).
     */
    int onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        switch (type)
        {
            case REQ:
                return onReplyFrame(buffer, offset, length, more);
            case REP:
                return onRequestFrame(buffer, offset, length, more);
            default:
                return DELIVER;
        }
    }

    private int onReplyFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        if (envelopeStage == 0 && options.reqCorrelate)
        {
            envelopeStage = 1;
            final boolean matches = length == 4 && buffer.getInt(offset, ByteOrder.BIG_ENDIAN) == requestId;
            return matches && more ? SKIP : DROP;
        }
        if (envelopeStage <= 1)
        {
            envelopeStage = 2;
            return length == 0 && more ? SKIP : DROP;
        }
        return DELIVER;
    }

    private int onRequestFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        if (envelopeStage != 0)
        {
            return DELIVER;
        }
        if (!more || envelopeFrames == MAX_ENVELOPE_FRAMES)
        {
            return DROP;
        }
        envelope.putBytes(envelopeBytes, buffer, offset, length);
        envelopeBytes += length;
        envelopeLengths[envelopeFrames++] = length;
        if (length == 0)
        {
            envelopeStage = 1;
        }
        return SKIP;
    }

    /**
     * The application took the last frame of a message.
     */
    void onMessageDelivered()
    {
        if (type == SocketType.REQ)
        {
            expectingReply = false;
        }
        else if (type == SocketType.REP)
        {
            replyPending = true;
        }
    }

    // --------------------------------------------------------------------------------------------------- send

    /**
     * @return false while the lockstep forbids sending (a REQ awaiting its reply unless relaxed, a REP with no
     * request to answer).
     */
    boolean maySend()
    {
        return switch (type)
        {
            case REQ -> !expectingReply || options.reqRelaxed;
            case REP -> replyPending;
            default -> true;
        };
    }

    /**
     * A message is about to be sent: check the lockstep and write the envelope in front of it.
     */
    boolean beginSend(final Socket socket)
    {
        if (type == SocketType.REQ)
        {
            if (expectingReply && !options.reqRelaxed)
            {
                throw new RingmqException(
                    "REQ socket cannot send another request before it receives the reply (REQ_RELAXED allows it)");
            }
            if (options.reqCorrelate)
            {
                requestId++;
                requestIdFrame.putInt(0, requestId, ByteOrder.BIG_ENDIAN);
                if (!socket.sendEnvelopeFrame(requestIdFrame, 0, 4))
                {
                    return false;
                }
            }
            return socket.sendEnvelopeFrame(envelope, 0, 0);
        }
        else if (type == SocketType.REP)
        {
            if (!replyPending)
            {
                throw new RingmqException("REP socket cannot send before it receives a request");
            }
            replyToView.wrap(replyTo);
            if (!socket.sendEnvelopeFrame(replyToView, 0, replyTo.length))
            {
                return false;
            }
            int position = 0;
            for (int i = 0; i < envelopeFrames; i++)
            {
                socket.sendEnvelopeFrame(envelope, position, envelopeLengths[i]);
                position += envelopeLengths[i];
            }
        }
        return true;
    }

    /**
     * The last frame of a message was sent.
     */
    void onMessageSent()
    {
        if (type == SocketType.REQ)
        {
            expectingReply = true;
            requestsSent++;
        }
        else if (type == SocketType.REP)
        {
            replyPending = false;
        }
    }
}
