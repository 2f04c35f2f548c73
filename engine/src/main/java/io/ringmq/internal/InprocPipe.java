package io.ringmq.internal;

/**
 * One socket's end of an inproc pipe: two frame rings between two sockets of a context, one each way. A socket
 * writes its end's {@link #out} on its own application thread and the peer's application thread reads the same
 * ring as its {@link #in}: no codec, no I/O agent, one hop. Detaching, from either side, closes both rings; each
 * side drops the pipe from its routing when it notices, and still reads what the peer wrote before.
 */
public final class InprocPipe extends PeerAdmission.Peer
{
    final FrameRing out;
    final FrameRing in;
    final InprocPipe peer;
    final boolean bindSide;
    /** The endpoint the pipe joins, null while parked; under the registry's lock. */
    String endpoint;

    /** The socket at the other end's Identity when known, else empty; the routing id a ROUTER or REP starts from. */
    volatile byte[] peerIdentity = new byte[0];
    /** The other end's options, for its receive high-water mark; null until it attaches. */
    volatile SocketOptions peerOptions;
    /** ROUTER: the CONNECT_ROUTING_ID the connecting socket gave this peer, or null. */
    byte[] assignedRoutingId;

    /** The socket this end is attached to; under the registry's lock. */
    private InprocPeers owner;

    // owner's thread
    boolean selected;
    boolean midMessage;
    /** This end's traffic, added to its socket's inproc totals; set when the owner admits the end. */
    CounterSet counters;

    private InprocPipe(final String endpoint, final int ringBytes)
    {
        this.endpoint = endpoint;
        this.bindSide = false;
        this.out = new FrameRing(ringBytes);
        this.in = new FrameRing(ringBytes);
        this.peer = new InprocPipe(this);
    }

    private InprocPipe(final InprocPipe connectSide)
    {
        this.endpoint = connectSide.endpoint;
        this.bindSide = true;
        this.out = connectSide.in;
        this.in = connectSide.out;
        this.peer = connectSide;
    }

    /**
     * @param endpoint  the inproc endpoint the pipe is made for, or null for a parked pipe.
     * @param ringBytes capacity of each direction's ring.
     * @return the connecting socket's end; {@link #peer()} is the binding socket's.
     */
    static InprocPipe open(final String endpoint, final int ringBytes)
    {
        return new InprocPipe(endpoint, ringBytes);
    }

    /**
     * @return the other socket's end of this pipe.
     */
    InprocPipe peer()
    {
        return peer;
    }

    InprocPeers owner()
    {
        return owner;
    }

    void owner(final InprocPeers owner)
    {
        this.owner = owner;
    }

    /**
     * Attach this end to its socket: the peer's writes wake it, its reads wake the peer, and the peer learns its
     * options and Identity.
     */
    void attachTo(final InprocPeers owner, final byte[] identity)
    {
        in.wakeConsumerWith(owner.waker());
        out.wakeProducerWith(owner.waker());
        peer.peerOptions = owner.options();
        peer.peerIdentity = null == identity ? new byte[0] : identity.clone();
    }

    /**
     * Close both directions; safe from any thread, more than once.
     */
    void detach()
    {
        out.close();
        in.close();
    }

    @Override
    FrameRing inboundRing()
    {
        return in;
    }

    @Override
    void evict(final boolean byAgent)
    {
        detach();
    }

    /**
     * @return true once either side detached the pipe.
     */
    boolean isDetached()
    {
        return out.isClosed();
    }

    /**
     * @param own the options of the socket owning this end.
     * @return true when this end may queue another message: below the sum of its send and the peer's receive
     * high-water marks, as libzmq sizes an inproc pipe (0 on either side: no limit).
     */
    boolean belowHwm(final SocketOptions own)
    {
        if (isUnlimited(own))
        {
            return true;
        }
        final SocketOptions peerOwn = peerOptions;
        final int rcvHwm = null == peerOwn ? 0 : peerOwn.rcvHwm;
        return out.queuedMessages() < (long)own.sndHwm + rcvHwm;
    }

    /**
     * @param own the options of the socket owning this end.
     * @return true when either side set its high-water mark to 0: no limit.
     */
    boolean isUnlimited(final SocketOptions own)
    {
        final SocketOptions peerOwn = peerOptions;
        return own.sndHwm <= 0 || (null != peerOwn && peerOwn.rcvHwm <= 0);
    }
}
