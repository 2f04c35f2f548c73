package io.ringmq.internal.pattern;

import java.nio.ByteOrder;

import io.ringmq.RingmqException;
import io.ringmq.SocketType;
import io.ringmq.internal.FrameRing;
import io.ringmq.internal.SocketOptions;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A REQ (RFC 28, libzmq req.cpp) sends {@code [request id if REQ_CORRELATE][empty delimiter]} before each request,
 * load-balanced over its peers, then accepts only a reply from the peer the request went to, with that envelope;
 * others are dropped. It alternates send and receive unless REQ_RELAXED lets it send again.
 */
final class Req extends Pattern
{
    private static final UnsafeBuffer DELIMITER = new UnsafeBuffer(new byte[0]);

    private final SocketOptions options;
    private final PatternHost host;
    private final UnsafeBuffer requestIdFrame = new UnsafeBuffer(new byte[4]);
    private boolean expectingReply;
    private long requestsSent;
    private int requestId;
    private int envelopeStage;

    Req(final SocketOptions options, final PatternHost host)
    {
        super(SocketType.REQ);
        this.options = options;
        this.host = host;
    }

    @Override
    public boolean blocksWithoutPeers()
    {
        return true;
    }

    @Override
    public boolean maySend()
    {
        return !expectingReply || options.reqRelaxed;
    }

    @Override
    public boolean beginSend()
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
            if (!host.sendEnvelopeFrame(requestIdFrame, 0, 4))
            {
                return false;
            }
        }
        return host.sendEnvelopeFrame(DELIMITER, 0, 0);
    }

    @Override
    public void onMessageSent()
    {
        expectingReply = true;
        requestsSent++;
    }

    @Override
    public boolean mayReceive()
    {
        return expectingReply;
    }

    @Override
    public void checkLockstepForReceive()
    {
        if (!expectingReply)
        {
            throw new RingmqException("REQ socket cannot receive before it sends a request");
        }
    }

    @Override
    public int beginMessage(final FrameRing ring)
    {
        envelopeStage = 0;
        final FrameRing expected = expectingReply ? host.requestRing(requestsSent) : null;
        if (null == expected)
        {
            return NOT_YET;
        }
        return ring == expected ? ACCEPT : DROP;
    }

    @Override
    public int onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
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

    @Override
    public void onMessageDelivered()
    {
        expectingReply = false;
    }
}
