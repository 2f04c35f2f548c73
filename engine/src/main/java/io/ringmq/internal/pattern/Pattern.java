package io.ringmq.internal.pattern;

import io.ringmq.RingmqException;
import io.ringmq.SocketType;
import io.ringmq.internal.FrameRing;
import io.ringmq.internal.SocketOptions;
import org.agrona.DirectBuffer;

/**
 * The rules of one socket type on the socket's application thread, as libzmq's one class per type over
 * {@code socket_base_t}: whether it sends and receives, what it does without a peer or with the I/O behind, and the
 * envelope and lockstep of each message it sends and receives. The defaults pass every message through; each type's
 * class overrides what makes it that type. Routing between peers (load-balance, fair-queue, distribution) is not
 * here: it runs where the peers are.
 */
public abstract class Pattern
{
    /** Take the message. */
    public static final int ACCEPT = 0;
    /** Consume and drop the whole message (or the rest of it). */
    public static final int DROP = 1;
    /** Leave the message where it is for now. */
    public static final int NOT_YET = 2;
    /** Hand the frame to the application. */
    public static final int DELIVER = 3;
    /** Consume the frame without handing it over: it is envelope. */
    public static final int SKIP = 4;

    private final SocketType type;

    Pattern(final SocketType type)
    {
        this.type = type;
    }

    /**
     * @param type    the socket's type.
     * @param options the socket's options.
     * @param host    the socket the pattern runs in.
     * @return the pattern of that type.
     */
    public static Pattern forType(final SocketType type, final SocketOptions options, final PatternHost host)
    {
        return switch (type)
        {
            case PUB -> new Pub();
            case XPUB -> new XPub(SocketType.XPUB);
            case SUB -> new Sub();
            case XSUB -> new XSub(SocketType.XSUB);
            case PUSH -> new Push();
            case PULL -> new Pull();
            case PAIR -> new Pair();
            case DEALER -> new Dealer();
            case ROUTER -> new Router(options, host);
            case REQ -> new Req(options, host);
            case REP -> new Rep(host);
        };
    }

    /**
     * @return the socket type this pattern is.
     */
    public final SocketType type()
    {
        return type;
    }

    /**
     * @return false for a type that never sends (SUB, PULL).
     */
    public boolean canSend()
    {
        return true;
    }

    /**
     * @return false for a type that never receives (PUB, PUSH).
     */
    public boolean canReceive()
    {
        return true;
    }

    /**
     * @return true when a send waits while no peer is connected and IMMEDIATE is set (PUSH, PAIR, DEALER, REQ); PUB
     * drops and ROUTER routes by id instead.
     */
    public boolean blocksWithoutPeers()
    {
        return false;
    }

    /**
     * @return true when a message the I/O cannot take now is dropped and counted rather than waited for (PUB, XPUB,
     * ROUTER without ROUTER_MANDATORY).
     */
    public boolean dropsWhenBehind()
    {
        return false;
    }

    /**
     * @return true when the application subscribes through subscribe/unsubscribe calls (SUB).
     */
    public boolean subscribes()
    {
        return false;
    }

    /**
     * @return true when the socket keeps its subscriptions on the application thread from the start, for inproc
     * publishers that come later (SUB, XSUB).
     */
    public boolean keepsSubscriptions()
    {
        return false;
    }

    /**
     * @return true when each message is received behind a frame naming its peer (ROUTER).
     */
    public boolean prefixesRoutingId()
    {
        return false;
    }

    /**
     * @throws RingmqException when the type cannot send.
     */
    public final void checkCanSend()
    {
        if (!canSend())
        {
            throw new RingmqException("a " + type + " socket cannot send");
        }
    }

    /**
     * @throws RingmqException when the type cannot receive.
     */
    public final void checkCanReceive()
    {
        if (!canReceive())
        {
            throw new RingmqException("a " + type + " socket cannot receive");
        }
    }

    // ------------------------------------------------------------------------------------------------- send

    /**
     * @return false while the lockstep forbids sending (a REQ awaiting its reply unless relaxed, a REP with no
     * request to answer).
     */
    public boolean maySend()
    {
        return true;
    }

    /**
     * The first frame of a message is about to be committed.
     *
     * @return the error that refuses it (ROUTER_MANDATORY and an id no peer has), or null.
     */
    public RingmqException refuseFirstFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        return null;
    }

    /**
     * A message is about to be sent: check the lockstep and write the envelope in front of it.
     *
     * @return false when the send timeout expired writing the envelope.
     */
    public boolean beginSend()
    {
        return true;
    }

    /**
     * The last frame of a message was sent.
     */
    public void onMessageSent()
    {
    }

    // ---------------------------------------------------------------------------------------------- receive

    /**
     * @return false while the lockstep forbids receiving (a REQ with no request out, a REP owing a reply).
     */
    public boolean mayReceive()
    {
        return true;
    }

    /**
     * @throws RingmqException when the lockstep forbids receiving now.
     */
    public void checkLockstepForReceive()
    {
    }

    /**
     * A message from {@code ring} is next.
     *
     * @return {@link #ACCEPT}, {@link #DROP} or {@link #NOT_YET}.
     */
    public int beginMessage(final FrameRing ring)
    {
        return ACCEPT;
    }

    /**
     * @return {@link #DELIVER}, {@link #SKIP} (envelope) or {@link #DROP} (a malformed envelope: drop the rest).
     */
    public int onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        return DELIVER;
    }

    /**
     * The application took the last frame of a message.
     */
    public void onMessageDelivered()
    {
    }
}
