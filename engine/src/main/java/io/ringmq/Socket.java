package io.ringmq;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.ringmq.codec.ReadyEncoder;
import io.ringmq.internal.FrameRing;
import io.ringmq.internal.InprocPeers;
import io.ringmq.internal.IoAgent;
import io.ringmq.internal.RoutingKey;
import io.ringmq.internal.SocketCore;
import io.ringmq.internal.SocketEvents;
import io.ringmq.internal.SocketOptions;
import io.ringmq.internal.ThreadWaker;
import io.ringmq.internal.socket.Receiver;
import io.ringmq.internal.socket.Sender;
import io.ringmq.internal.socket.SocketBase;
import io.ringmq.transport.Endpoint;
import io.ringmq.transport.Scheme;
import io.ringmq.transport.TransportException;
import org.agrona.DirectBuffer;

/**
 * A ZeroMQ socket, in JeroMQ's names. Like a ZeroMQ socket it is used by one thread at a time.
 *
 * <p>Two ways to send: {@link #send(byte[])}/{@link #sendMore(byte[])} copy the bytes once into the socket's
 * off-heap ring; {@link #claim(int)} hands out ring space to write the body in place. Two ways to receive:
 * {@link #recv()} copies a frame into a new array; {@link #receive(MessageHandler, int)} shows frames in place
 * and allocates nothing.
 *
 * <p>This class is the API only: what the socket shares on the application thread is in {@link SocketBase}, the
 * send path in {@link Sender}, the receive path in {@link Receiver}, and what its type does in its pattern class
 * ({@code io.ringmq.internal.pattern}); the I/O agent's half is {@link SocketCore}.
 */
public final class Socket implements AutoCloseable
{
    /** The largest HEARTBEAT_TTL: the PING's 16-bit field counts deciseconds. */
    private static final int MAX_HEARTBEAT_TTL_MS = 6_553_599;

    private final Context context;
    private final SocketType type;
    private final SocketBase base;
    private final SocketOptions options;
    private final SocketCore core;
    private final InprocPeers inproc;
    private final Sender sender;
    private final Receiver receiver;
    private final SendClaim claim = new SendClaim(this);
    private String lastEndpoint;

    Socket(final Context context, final IoAgent agent, final SocketType type)
    {
        final ContextConfig config = context.config();
        this.context = context;
        this.type = type;
        this.base = new SocketBase(
            type, config, agent, context.invokerAgent(), context.ioDriver(), context.inproc(), context.newIdleWait());
        this.options = base.options();
        this.core = base.core();
        this.inproc = base.inproc();
        this.sender = new Sender(base, config.invokerBatchNanos());
        this.receiver = new Receiver(base, sender);
        base.call(() ->
        {
            agent.addSocket(core);
            return null;
        });
    }

    /**
     * @return the context that made this socket.
     */
    public Context getContext()
    {
        return context;
    }

    /**
     * @return the socket's type.
     */
    public SocketType getSocketType()
    {
        return type;
    }

    // ------------------------------------------------------------------------------------------- endpoints

    /**
     * Listen on an endpoint, e.g. {@code tcp://127.0.0.1:5556}, {@code tcp://*:5556}, {@code tcp://127.0.0.1:*}
     * (a free port, see {@link #getLastEndpoint()}), {@code ipc:///tmp/feed.sock} or {@code ipc://*} (a fresh
     * socket file in the temporary directory). An ipc socket file nobody listens on any more is taken over; one with
     * a live listener is not.
     *
     * @return true; a failure throws {@link RingmqException} naming the endpoint.
     */
    public boolean bind(final String endpoint)
    {
        checkOpen();
        if (isInproc(endpoint))
        {
            context.inproc().bind(endpoint, inproc);
            sender.useInproc();
            lastEndpoint = endpoint;
            return true;
        }
        lastEndpoint = base.call(() -> core.bind(endpoint));
        inproc.onAgentEndpoint(1, false);
        return true;
    }

    /**
     * Connect to an endpoint; the peer need not exist yet: the socket keeps reconnecting with backoff.
     *
     * @return true; a malformed endpoint throws {@link RingmqException} naming it.
     */
    public boolean connect(final String endpoint)
    {
        checkOpen();
        if (isInproc(endpoint))
        {
            context.inproc().connect(endpoint, inproc);
            sender.useInproc();
        }
        else
        {
            base.call(() ->
            {
                core.connect(endpoint);
                return null;
            });
            inproc.onAgentEndpoint(1, true);
        }
        lastEndpoint = endpoint;
        return true;
    }

    /**
     * Stop listening on an endpoint given to (or resolved by) {@link #bind(String)}, closing its connections.
     *
     * @return true; an endpoint that is not bound throws {@link RingmqException}.
     */
    public boolean unbind(final String endpoint)
    {
        checkOpen();
        if (isInproc(endpoint))
        {
            context.inproc().unbind(endpoint, inproc);
            return true;
        }
        base.call(() ->
        {
            core.unbind(endpoint);
            return null;
        });
        inproc.onAgentEndpoint(-1, false);
        return true;
    }

    /**
     * Stop connecting to an endpoint given to {@link #connect(String)} and close its connection.
     *
     * @return true; an endpoint that is not connected throws {@link RingmqException}.
     */
    public boolean disconnect(final String endpoint)
    {
        checkOpen();
        if (isInproc(endpoint))
        {
            context.inproc().disconnect(endpoint, inproc);
            return true;
        }
        base.call(() ->
        {
            core.disconnect(endpoint);
            return null;
        });
        inproc.onAgentEndpoint(-1, true);
        return true;
    }

    private static boolean isInproc(final String endpoint)
    {
        if (null == endpoint || !endpoint.startsWith(Scheme.INPROC.prefix()))
        {
            return false;
        }
        try
        {
            Endpoint.parse(endpoint);
        }
        catch (final TransportException ex)
        {
            throw new RingmqException(ex.getMessage(), ex);
        }
        return true;
    }

    /**
     * @return the endpoint last bound (with a wildcard port or ipc path resolved) or connected, or null.
     */
    public String getLastEndpoint()
    {
        return lastEndpoint;
    }
    // ------------------------------------------------------------------------------------------------ send

    /**
     * Send a frame that ends its message.
     *
     * @return false when the send timeout expired (or with timeout 0, when it would block).
     */
    public boolean send(final byte[] data)
    {
        return sender.send(data, false);
    }

    /**
     * Send a frame with more to follow in the same message.
     *
     * @return false when the send timeout expired (or with timeout 0, when it would block).
     */
    public boolean sendMore(final byte[] data)
    {
        return sender.send(data, true);
    }

    /**
     * Send a UTF-8 string as a frame that ends its message.
     *
     * @return false when the send timeout expired.
     */
    public boolean send(final String data)
    {
        return send(data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Send a UTF-8 string as a frame with more to follow.
     *
     * @return false when the send timeout expired.
     */
    public boolean sendMore(final String data)
    {
        return sendMore(data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Send a frame copied from any buffer, without allocating (for bodies up to a quarter of the socket ring).
     *
     * @param more true when more frames of this message follow.
     * @return false when the send timeout expired.
     */
    public boolean send(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        return sender.send(buffer, offset, length, more);
    }

    /**
     * Claim ring space for a frame of {@code length} bytes, waiting as {@link #send(byte[])} does. Write the body
     * into the claim's buffer, then commit it.
     *
     * @param length of the body, at most a quarter of the socket ring.
     * @return the socket's claim, or null when the send timeout expired.
     */
    public SendClaim claim(final int length)
    {
        sender.checkCanSend();
        if (claim.isOpen())
        {
            throw new RingmqException("a claim is already open on this socket");
        }
        final int at = sender.claim(length);
        return at == FrameRing.INSUFFICIENT_CAPACITY ? null : claim.wrap(sender.claimedRing(), at, length);
    }

    void onClaimCommitted(final int offset, final int length, final boolean more)
    {
        sender.onClaimCommitted(offset, length, more);
    }

    void onClaimAborted()
    {
        sender.onClaimAborted();
    }

    /**
     * @return what wakes the thread waiting on this socket; a {@link Poller} or proxy arms it for its own thread.
     */
    ThreadWaker waker()
    {
        return base.waker();
    }

    // --------------------------------------------------------------------------------------------- receive

    /**
     * Receive the next frame, waiting up to the receive timeout.
     *
     * @return the frame's bytes, or null when the timeout expired.
     */
    public byte[] recv()
    {
        return receiver.recv();
    }

    /**
     * Receive the next frame as a UTF-8 string.
     *
     * @return the string, or null when the timeout expired.
     */
    public String recvStr()
    {
        final byte[] frame = recv();
        return null == frame ? null : new String(frame, StandardCharsets.UTF_8);
    }

    /**
     * @return true when the frame last received has more frames of its message following.
     */
    public boolean hasReceiveMore()
    {
        return receiver.hasReceiveMore();
    }

    /**
     * Hand whole messages that have arrived to a handler, in place, without waiting and without allocating. In
     * invoker mode this also runs one I/O duty cycle, unless messages were waiting and some were delivered: a thread
     * serving several sockets then reads the network once for all of them, not once per socket, and a receiver
     * behind a burst drains what it has before reading more.
     *
     * @param handler      sees each frame; it must not keep the buffer.
     * @param messageLimit the most messages to deliver.
     * @return messages delivered.
     */
    public int receive(final MessageHandler handler, final int messageLimit)
    {
        return receiver.receive(handler, messageLimit);
    }

    /**
     * As {@link #receive(MessageHandler, int)}, but waits up to {@code timeoutMs} for the first whole message, as
     * {@link #recv()} waits: spinning and yielding briefly, then blocked until the message arrives. Allocates
     * nothing, waiting included.
     *
     * @param handler      sees each frame; it must not keep the buffer.
     * @param messageLimit the most messages to deliver.
     * @param timeoutMs    -1 to wait for ever, 0 not to wait, else the longest wait in milliseconds.
     * @return messages delivered; 0 when the timeout expired.
     */
    public int receive(final MessageHandler handler, final int messageLimit, final int timeoutMs)
    {
        return receiver.receive(handler, messageLimit, timeoutMs);
    }

    // ----------------------------------------------------------------------------------------- subscriptions

    /**
     * SUB: receive messages whose first frame starts with this prefix (empty: everything). Counted: subscribing
     * twice needs two unsubscribes.
     *
     * @return true.
     */
    public boolean subscribe(final byte[] prefix)
    {
        return sender.sendSubscription(true, prefix);
    }

    /**
     * SUB: subscribe to a UTF-8 prefix.
     *
     * @return true.
     */
    public boolean subscribe(final String prefix)
    {
        return subscribe(prefix.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * SUB: remove one subscription to this prefix.
     *
     * @return true.
     */
    public boolean unsubscribe(final byte[] prefix)
    {
        return sender.sendSubscription(false, prefix);
    }

    /**
     * SUB: remove one subscription to a UTF-8 prefix.
     *
     * @return true.
     */
    public boolean unsubscribe(final String prefix)
    {
        return unsubscribe(prefix.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return messages dropped for peers at their high-water mark, or because the I/O thread was SNDHWM messages
     * behind (PUB, XPUB, ROUTER), over the socket's life.
     */
    public long getDroppedMessages()
    {
        return base.counters().get(Counter.MESSAGES_DROPPED);
    }

    /**
     * @param counter which one.
     * @return the socket's total for it over its life, all connections included; allocation-free, any thread.
     */
    public long getCounter(final Counter counter)
    {
        return base.counters().get(counter);
    }

    /**
     * @return a live view of the socket's totals: read it as often as you like, from any thread.
     */
    public CounterReader counters()
    {
        return base.counters();
    }

    /**
     * @return the live counters of each connection the socket has now, labelled with the peer's endpoint. A
     * control-plane call: it asks the I/O agent and allocates the list.
     */
    public List<CounterReader> connectionCounters()
    {
        checkOpen();
        final List<CounterReader> list = new ArrayList<>(base.call(core::connectionCounters));
        list.addAll(inproc.pipeCounters());
        return list;
    }
    // ---------------------------------------------------------------------------------------------- options

    /**
     * @param hwm outbound messages queued per peer (and on the socket's way to its I/O thread) before PUB, XPUB and
     *            ROUTER drop or PUSH, PAIR and DEALER block; 0 = no limit.
     * @return true.
     */
    public boolean setSndHWM(final int hwm)
    {
        checkOpen();
        options.sndHwm = nonNegative("SNDHWM", hwm);
        return true;
    }

    /**
     * @return the send high-water mark.
     */
    public int getSndHWM()
    {
        return options.sndHwm;
    }

    /**
     * @param hwm inbound messages queued per peer before the socket stops reading from it; 0 = no limit.
     * @return true.
     */
    public boolean setRcvHWM(final int hwm)
    {
        checkOpen();
        options.rcvHwm = nonNegative("RCVHWM", hwm);
        return true;
    }

    /**
     * @return the receive high-water mark.
     */
    public int getRcvHWM()
    {
        return options.rcvHwm;
    }

    /**
     * @param timeoutMs how long {@link #recv()} waits: -1 forever, 0 not at all.
     * @return true.
     */
    public boolean setReceiveTimeOut(final int timeoutMs)
    {
        checkOpen();
        options.receiveTimeoutMs = atLeastMinusOne("RCVTIMEO", timeoutMs);
        return true;
    }

    /**
     * @return the receive timeout in milliseconds.
     */
    public int getReceiveTimeOut()
    {
        return options.receiveTimeoutMs;
    }

    /**
     * @param timeoutMs how long a send waits: -1 forever, 0 not at all.
     * @return true.
     */
    public boolean setSendTimeOut(final int timeoutMs)
    {
        checkOpen();
        options.sendTimeoutMs = atLeastMinusOne("SNDTIMEO", timeoutMs);
        return true;
    }

    /**
     * @return the send timeout in milliseconds.
     */
    public int getSendTimeOut()
    {
        return options.sendTimeoutMs;
    }

    /**
     * @param lingerMs how long closing keeps delivering queued messages: -1 until delivered, 0 drop them.
     * @return true.
     */
    public boolean setLinger(final int lingerMs)
    {
        checkOpen();
        options.lingerMs = atLeastMinusOne("LINGER", lingerMs);
        return true;
    }

    // ---------------------------------------------------------------------------------------------- monitor

    /**
     * Report what happens to this socket's endpoints and connections, as libzmq's zmq_socket_monitor: the events
     * in {@code events} ({@link SocketEvent} numbers, or {@link SocketEvent#ALL}) go out as two-frame messages
     * on a PAIR socket bound at {@code endpoint}, which must be {@code inproc://}; connect a PAIR socket of the
     * same context to read them, before the events you want. A second call replaces the monitor; a null endpoint
     * stops it. Stopping, and closing this socket, send {@link SocketEvent#MONITOR_STOPPED} last. Events find
     * their reader only once it has connected, and are dropped while it is not reading, as in libzmq.
     *
     * @return true.
     * @throws RingmqException naming the endpoint when it is not inproc or is in use, or naming unknown events.
     */
    public boolean monitor(final String endpoint, final int events)
    {
        checkOpen();
        if (null == endpoint)
        {
            base.call(() ->
            {
                core.monitor(SocketEvents.NONE);
                return null;
            });
            return true;
        }
        if (!endpoint.startsWith("inproc://"))
        {
            throw new RingmqException("a socket monitor sends on an inproc:// endpoint, not " + endpoint);
        }
        if ((events & ~SocketEvent.ALL) != 0)
        {
            throw new RingmqException("unknown socket monitor events: 0x" + Integer.toHexString(events));
        }
        final Socket pair = context.monitorSocket(base.agent());
        pair.setSendTimeOut(0);
        pair.setImmediate(true);
        pair.setLinger(0);
        try
        {
            pair.bind(endpoint);
        }
        catch (final RingmqException ex)
        {
            pair.close();
            throw ex;
        }
        pair.base.driveFromAgent();
        base.call(() ->
        {
            core.monitor(new SocketMonitor(pair, events));
            return null;
        });
        return true;
    }

    /**
     * IMMEDIATE, as libzmq: when true, a PUSH, DEALER, REQ or PAIR socket queues a message only once some peer has
     * completed its connection; until then a send blocks (and times out) as at the high-water mark, and POLLOUT is
     * not reported. Off by default. Either way ringmq hands each message to a connected peer only, never to one
     * still connecting, so round-robin does not strand messages on a peer that is not there.
     *
     * @return true.
     */
    public boolean setImmediate(final boolean immediate)
    {
        options.immediate = immediate;
        return true;
    }

    /**
     * @return whether IMMEDIATE is on.
     */
    public boolean getImmediate()
    {
        return options.immediate;
    }

    /**
     * @return the linger period in milliseconds.
     */
    public int getLinger()
    {
        return options.lingerMs;
    }

    /**
     * @param identity the routing id sent to peers, 1 to 255 bytes, not starting with a zero byte.
     * @return true.
     */
    public boolean setIdentity(final byte[] identity)
    {
        checkOpen();
        if (null == identity || identity.length == 0 || identity.length > ReadyEncoder.MAX_IDENTITY_LENGTH ||
            identity[0] == 0)
        {
            throw new RingmqException("IDENTITY must be 1..255 bytes not starting with 0");
        }
        options.identity = identity.clone();
        return true;
    }

    /**
     * @return the routing id, or null.
     */
    public byte[] getIdentity()
    {
        final byte[] identity = options.identity;
        return null == identity ? null : identity.clone();
    }

    /**
     * @param size largest inbound frame accepted, -1 for no limit; a peer that sends more is disconnected.
     *             Applies to connections made after the call.
     * @return true.
     */
    public boolean setMaxMsgSize(final long size)
    {
        checkOpen();
        if (size < -1)
        {
            throw new RingmqException("MAXMSGSIZE must be >= -1: " + size);
        }
        options.maxMsgSize = size;
        return true;
    }

    /**
     * @return the largest inbound frame accepted, -1 for no limit.
     */
    public long getMaxMsgSize()
    {
        return options.maxMsgSize;
    }

    /**
     * @param ivlMs first pause before reconnecting, -1 for no reconnect.
     * @return true.
     */
    public boolean setReconnectIVL(final int ivlMs)
    {
        checkOpen();
        options.reconnectIvlMs = atLeastMinusOne("RECONNECT_IVL", ivlMs);
        return true;
    }

    /**
     * @param ivlMs longest pause between reconnects when backing off; 0 keeps RECONNECT_IVL.
     * @return true.
     */
    public boolean setReconnectIVLMax(final int ivlMs)
    {
        checkOpen();
        options.reconnectIvlMaxMs = nonNegative("RECONNECT_IVL_MAX", ivlMs);
        return true;
    }

    /**
     * @param ivlMs how long a new connection may take to complete its ZMTP handshake before it is closed
     *              (libzmq's ZMQ_HANDSHAKE_IVL, default 30,000 ms); 0 for no limit.
     * @return true.
     */
    public boolean setHandshakeIvl(final int ivlMs)
    {
        checkOpen();
        options.handshakeIvlMs = nonNegative("HANDSHAKE_IVL", ivlMs);
        return true;
    }

    /**
     * @return the handshake interval in milliseconds, 0 for no limit.
     */
    public int getHandshakeIvl()
    {
        return options.handshakeIvlMs;
    }

    /**
     * @param ivlMs send a ZMTP PING on every connection this often (libzmq's ZMQ_HEARTBEAT_IVL); 0, the default,
     *              for no heartbeats.
     * @return true.
     */
    public boolean setHeartbeatIvl(final int ivlMs)
    {
        checkOpen();
        options.heartbeatIvlMs = nonNegative("HEARTBEAT_IVL", ivlMs);
        return true;
    }

    /**
     * @return the heartbeat interval in milliseconds, 0 for none.
     */
    public int getHeartbeatIvl()
    {
        return options.heartbeatIvlMs;
    }

    /**
     * @param timeoutMs close a connection that has sent nothing for this long after a PING (libzmq's
     *                  ZMQ_HEARTBEAT_TIMEOUT); -1, the default, for the heartbeat interval. Any inbound traffic
     *                  counts, not only a PONG.
     * @return true.
     */
    public boolean setHeartbeatTimeout(final int timeoutMs)
    {
        checkOpen();
        options.heartbeatTimeoutMs = atLeastMinusOne("HEARTBEAT_TIMEOUT", timeoutMs);
        return true;
    }

    /**
     * @return the heartbeat timeout in milliseconds, -1 for the heartbeat interval.
     */
    public int getHeartbeatTimeout()
    {
        return options.heartbeatTimeoutMs;
    }

    /**
     * @param ttlMs how long the peer may hear nothing from this socket before it closes the connection, sent in
     *              each PING in deciseconds (libzmq's ZMQ_HEARTBEAT_TTL): 0 to 6,553,599 ms; 0, the default, for
     *              none.
     * @return true.
     */
    public boolean setHeartbeatTtl(final int ttlMs)
    {
        checkOpen();
        if (ttlMs < 0 || ttlMs > MAX_HEARTBEAT_TTL_MS)
        {
            throw new RingmqException("HEARTBEAT_TTL must be 0 to " + MAX_HEARTBEAT_TTL_MS + " ms, was " + ttlMs);
        }
        options.heartbeatTtlMs = ttlMs;
        return true;
    }

    /**
     * @return the heartbeat time-to-live in milliseconds, 0 for none.
     */
    public int getHeartbeatTtl()
    {
        return options.heartbeatTtlMs;
    }

    /**
     * @param conflate keep only the newest inbound message (single-part messages only, as in libzmq).
     * @return true.
     */
    public boolean setConflate(final boolean conflate)
    {
        checkOpen();
        options.conflate = conflate;
        return true;
    }

    /**
     * @return true when only the newest inbound message is kept.
     */
    public boolean isConflate()
    {
        return options.conflate;
    }

    /**
     * @param verbose XPUB: pass every subscription to the application, not only new ones.
     * @return true.
     */
    public boolean setXpubVerbose(final boolean verbose)
    {
        requireType("XPUB_VERBOSE", SocketType.XPUB);
        options.xpubVerbose = verbose;
        return true;
    }

    /**
     * @param mandatory ROUTER: sending to a routing id no peer has throws {@link RingmqException} instead of
     *                  dropping the message silently, and a send waits (within SNDTIMEO) while the I/O thread is
     *                  SNDHWM messages behind instead of dropping.
     * @return true.
     */
    public boolean setRouterMandatory(final boolean mandatory)
    {
        requireType("ROUTER_MANDATORY", SocketType.ROUTER);
        options.routerMandatory = mandatory;
        return true;
    }

    /**
     * @param handover ROUTER: a new peer presenting a routing id already in use takes it over and the old peer is
     *                 disconnected; without it the new peer is refused.
     * @return true.
     */
    public boolean setRouterHandover(final boolean handover)
    {
        requireType("ROUTER_HANDOVER", SocketType.ROUTER);
        options.routerHandover = handover;
        return true;
    }

    /**
     * @param routingId ROUTER: the routing id to give the peer of the next {@link #connect(String)} (libzmq's
     *                  ZMQ_CONNECT_ROUTING_ID), 1 to 255 bytes.
     * @return true.
     */
    public boolean setConnectRid(final byte[] routingId)
    {
        requireType("CONNECT_ROUTING_ID", SocketType.ROUTER);
        if (null == routingId || routingId.length == 0 || routingId.length > RoutingKey.MAX_LENGTH)
        {
            throw new RingmqException("CONNECT_ROUTING_ID must be 1..255 bytes");
        }
        options.connectRoutingId = routingId.clone();
        return true;
    }

    /**
     * @param correlate REQ: prefix each request with an id and accept only the reply carrying the latest one.
     * @return true.
     */
    public boolean setReqCorrelate(final boolean correlate)
    {
        requireType("REQ_CORRELATE", SocketType.REQ);
        options.reqCorrelate = correlate;
        return true;
    }

    /**
     * @param relaxed REQ: allow a new request before the reply to the previous one; a late reply to an earlier
     *                request is then dropped when REQ_CORRELATE is on.
     * @return true.
     */
    public boolean setReqRelaxed(final boolean relaxed)
    {
        requireType("REQ_RELAXED", SocketType.REQ);
        options.reqRelaxed = relaxed;
        return true;
    }

    private void requireType(final String option, final SocketType required)
    {
        checkOpen();
        if (type != required)
        {
            throw new RingmqException(option + " is for " + required + " sockets, not " + type);
        }
    }

    private static int nonNegative(final String option, final int value)
    {
        if (value < 0)
        {
            throw new RingmqException(option + " must be >= 0: " + value);
        }
        return value;
    }

    private static int atLeastMinusOne(final String option, final int value)
    {
        if (value < -1)
        {
            throw new RingmqException(option + " must be >= -1: " + value);
        }
        return value;
    }
    // ------------------------------------------------------------------------------------------------ events

    /**
     * What the socket could do now without waiting, as JeroMQ's {@code getEvents()}: {@link Poller#POLLIN} when a
     * whole message is waiting to be received, {@link Poller#POLLOUT} when a send would not block (room in the
     * ring and below the send high-water mark; PUB, XPUB and ROUTER without ROUTER_MANDATORY drop rather than
     * block, so they always report it). A type that cannot receive or send never reports that event, nor does a REQ
     * or REP whose lockstep forbids it (a REQ awaiting its reply is never POLLOUT unless REQ_RELAXED; a REP owing a
     * reply is never POLLIN). Reads the application side only and allocates nothing; in invoker mode nothing new
     * arrives unless something runs the I/O, as {@link Poller#poll(long)} does.
     *
     * @return {@link Poller#POLLIN} and {@link Poller#POLLOUT} bits; 0 once the socket is closed.
     */
    public int getEvents()
    {
        if (base.isClosed())
        {
            return 0;
        }
        if (inproc.isActive())
        {
            inproc.poll();
        }
        int events = 0;
        if (receiver.canReceiveNow())
        {
            events |= Poller.POLLIN;
        }
        if (sender.canSendNow())
        {
            events |= Poller.POLLOUT;
        }
        return events;
    }

    /**
     * @return true once {@link #close()} was called, on any thread (closing the context closes the socket).
     */
    public boolean isClosed()
    {
        return base.isClosed();
    }

    // -------------------------------------------------------------------------------------------- lifecycle

    /**
     * Close the socket. Queued messages are delivered for up to the linger period in the background; the
     * context's close waits for that.
     */
    @Override
    public void close()
    {
        if (!base.markClosed())
        {
            return;
        }
        // A poller or proxy blocked on this socket looks again.
        base.waker().wake();
        context.inproc().close(inproc);
        base.submit(core::close);
        if (!base.isAgentDriven())
        {
            // A monitor's socket is closed by the agent, which must not wait on the context's lock.
            context.onSocketClosed(this);
        }
    }

    boolean hasFinishedClosing()
    {
        return core.isClosed();
    }

    /**
     * Wait until the socket has finished closing, its linger included; an interrupt of the waiting thread ends the
     * linger at once (what is still queued is dropped) and is left set for the caller.
     */
    void awaitClosed()
    {
        base.awaitClosed();
    }

    private void checkOpen()
    {
        base.checkOpen();
    }
}
