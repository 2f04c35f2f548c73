package io.ringmq.codec;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;

/**
 * The socket types as they are named in a READY command's {@code Socket-Type} property, with the table of which
 * types may talk to which (RFC 23, as libzmq's {@code mechanism_t::check_socket_type} enforces it).
 */
public enum ZmtpSocketType
{
    /** Exclusive pair. */
    PAIR,
    /** Publisher. */
    PUB,
    /** Subscriber. */
    SUB,
    /** Requester. */
    REQ,
    /** Replier. */
    REP,
    /** Asynchronous requester/replier. */
    DEALER,
    /** Routing by peer identity. */
    ROUTER,
    /** Pipeline consumer. */
    PULL,
    /** Pipeline producer. */
    PUSH,
    /** Publisher that sees subscriptions. */
    XPUB,
    /** Subscriber that sends subscriptions as messages. */
    XSUB;

    private static final ZmtpSocketType[] VALUES = values();

    private final byte[] wireName = name().getBytes(StandardCharsets.US_ASCII);
    private ZmtpSocketType[] peers;

    static
    {
        PAIR.peers = new ZmtpSocketType[]{ PAIR };
        PUB.peers = new ZmtpSocketType[]{ SUB, XSUB };
        SUB.peers = new ZmtpSocketType[]{ PUB, XPUB };
        REQ.peers = new ZmtpSocketType[]{ REP, ROUTER };
        REP.peers = new ZmtpSocketType[]{ REQ, DEALER };
        DEALER.peers = new ZmtpSocketType[]{ REP, DEALER, ROUTER };
        ROUTER.peers = new ZmtpSocketType[]{ REQ, DEALER, ROUTER };
        PULL.peers = new ZmtpSocketType[]{ PUSH };
        PUSH.peers = new ZmtpSocketType[]{ PULL };
        XPUB.peers = new ZmtpSocketType[]{ SUB, XSUB };
        XSUB.peers = new ZmtpSocketType[]{ PUB, XPUB };
    }

    /**
     * @return the ASCII name sent in the Socket-Type property. Do not modify.
     */
    public byte[] wireName()
    {
        return wireName;
    }

    /**
     * @param peer the peer's socket type.
     * @return true when a socket of this type may talk to one of the peer's type.
     */
    public boolean isCompatibleWith(final ZmtpSocketType peer)
    {
        for (final ZmtpSocketType candidate : peers)
        {
            if (candidate == peer)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return true when libzmq sends an Identity property for this type (REQ, DEALER, ROUTER).
     */
    public boolean sendsIdentity()
    {
        return this == REQ || this == DEALER || this == ROUTER;
    }

    /**
     * Find a type by its wire name, exactly as libzmq spells it, without allocating.
     *
     * @param buffer holding the name.
     * @param offset of the name.
     * @param length of the name.
     * @return the type, or null when the name is unknown.
     */
    public static ZmtpSocketType fromWireName(final DirectBuffer buffer, final int offset, final int length)
    {
        for (final ZmtpSocketType type : VALUES)
        {
            if (AsciiBytes.equals(type.wireName, buffer, offset, length, false))
            {
                return type;
            }
        }
        return null;
    }
}
