package io.ringmq.internal;

/**
 * A socket's options, written by the application thread and read by the socket's I/O agent. Plain volatile
 * fields: options change on the control plane and are read once per message or connection.
 */
public final class SocketOptions
{
    /** libzmq's default high-water mark, in messages. */
    public static final int DEFAULT_HWM = 1000;

    /** Outbound high-water mark per peer, in messages. */
    public volatile int sndHwm = DEFAULT_HWM;
    /** Inbound high-water mark per peer, in messages. */
    public volatile int rcvHwm = DEFAULT_HWM;
    /** Milliseconds send() waits; -1 forever, 0 not at all. */
    public volatile int sendTimeoutMs = -1;
    /** Milliseconds recv() waits; -1 forever, 0 not at all. */
    public volatile int receiveTimeoutMs = -1;
    /** Milliseconds close() keeps flushing queued messages; -1 until done. */
    public volatile int lingerMs = -1;
    /** Largest inbound frame accepted, -1 for no limit. */
    public volatile long maxMsgSize = -1;
    /** First reconnect pause in milliseconds. */
    public volatile int reconnectIvlMs = 100;
    /** Longest reconnect pause in milliseconds; 0 keeps the first pause. */
    public volatile int reconnectIvlMaxMs;
    /** Milliseconds a new connection has to complete its ZMTP handshake before it is closed; 0 = no limit. */
    public volatile int handshakeIvlMs = 30_000;
    /** Milliseconds between PINGs on every completed connection; 0 = no heartbeats. */
    public volatile int heartbeatIvlMs;
    /** Milliseconds without inbound traffic after a PING before the connection is closed; -1 = the interval. */
    public volatile int heartbeatTimeoutMs = -1;
    /** Milliseconds the peer may stay silent before it closes the connection, sent in each PING; 0 = none. */
    public volatile int heartbeatTtlMs;
    /** Keep only the newest inbound message. */
    public volatile boolean conflate;
    /** XPUB: pass every subscription to the application, not only new ones. */
    public volatile boolean xpubVerbose;
    /** Queue messages only for completed connections. */
    public volatile boolean immediate;
    /** Routing id sent in READY, or null. */
    public volatile byte[] identity;
    /** ROUTER: the routing id to give the peer of the next connect(), or null. */
    public volatile byte[] connectRoutingId;
    /** ROUTER: sending to an unknown routing id is an error, not a silent drop. */
    public volatile boolean routerMandatory;
    /** ROUTER: a new peer with a routing id in use takes it over; the old peer is disconnected. */
    public volatile boolean routerHandover;
    /** REQ: a new request may be sent before the reply to the last one arrived. */
    public volatile boolean reqRelaxed;
    /** REQ: requests carry an id and only the reply with the latest id is accepted. */
    public volatile boolean reqCorrelate;
}
