package io.ringmq;

import io.ringmq.codec.ZmtpSocketType;

/**
 * The ZeroMQ socket types, in JeroMQ's names.
 */
public enum SocketType
{
    /** Exclusive pair: one peer, both directions. */
    PAIR(ZmtpSocketType.PAIR),
    /** Publisher: fan-out to matching subscribers, drops for a subscriber at its high-water mark. */
    PUB(ZmtpSocketType.PUB),
    /** Subscriber: receives messages whose first frame starts with a subscribed prefix. */
    SUB(ZmtpSocketType.SUB),
    /** Publisher that also receives subscription messages. */
    XPUB(ZmtpSocketType.XPUB),
    /** Subscriber that sends subscriptions as messages. */
    XSUB(ZmtpSocketType.XSUB),
    /** Requester: strict send/receive lockstep. */
    REQ(ZmtpSocketType.REQ),
    /** Replier: strict receive/send lockstep. */
    REP(ZmtpSocketType.REP),
    /** Asynchronous request/reply client. */
    DEALER(ZmtpSocketType.DEALER),
    /** Routes by peer identity. */
    ROUTER(ZmtpSocketType.ROUTER),
    /** Pipeline consumer: fair-queues from its peers. */
    PULL(ZmtpSocketType.PULL),
    /** Pipeline producer: round-robin over its peers. */
    PUSH(ZmtpSocketType.PUSH);

    private final ZmtpSocketType wireType;

    SocketType(final ZmtpSocketType wireType)
    {
        this.wireType = wireType;
    }

    /**
     * @return the type as the wire names it.
     */
    public ZmtpSocketType wireType()
    {
        return wireType;
    }
}
