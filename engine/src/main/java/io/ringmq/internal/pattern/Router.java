package io.ringmq.internal.pattern;

import io.ringmq.RingmqException;
import io.ringmq.SocketType;
import io.ringmq.internal.SocketOptions;
import org.agrona.DirectBuffer;

/**
 * A ROUTER receives each message behind a frame naming the peer it came from, and sends each message to the peer its
 * first frame names. An id no peer has drops the message, or with ROUTER_MANDATORY is an error at send time; so does
 * a peer at its high-water mark, and the I/O behind (ROUTER_MANDATORY: the send waits).
 */
final class Router extends Pattern
{
    private final SocketOptions options;
    private final PatternHost host;

    Router(final SocketOptions options, final PatternHost host)
    {
        super(SocketType.ROUTER);
        this.options = options;
        this.host = host;
    }

    /**
     * As libzmq's ROUTER, a send never waits unless ROUTER_MANDATORY is set: a message the I/O cannot take now is
     * dropped and counted, as at a peer's high-water mark.
     */
    @Override
    public boolean dropsWhenBehind()
    {
        return !options.routerMandatory;
    }

    @Override
    public boolean prefixesRoutingId()
    {
        return true;
    }

    @Override
    public RingmqException refuseFirstFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!options.routerMandatory || host.isRoutable(buffer, offset, length))
        {
            return null;
        }
        final StringBuilder id = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            id.append(String.format("%02x", buffer.getByte(offset + i)));
        }
        return new RingmqException(
            "ROUTER_MANDATORY: no connected peer has routing id 0x" + id + " (" + length + " bytes); message not sent");
    }
}
