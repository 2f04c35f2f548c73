package io.ringmq.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ringmq.ContextConfig;
import io.ringmq.Counter;
import io.ringmq.CounterReader;
import io.ringmq.SocketType;
import io.ringmq.codec.CommandEncoder;
import io.ringmq.codec.FrameDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The I/O agent's side of a socket: its listeners, connectors and connections, the routing of its outbound
 * ring to peers, and what its type does with inbound messages and subscriptions. Every method runs on the
 * socket's I/O agent thread (or, in invoker mode, under the invoker's lock).
 */
public final class SocketCore implements FrameVisitor
{
    private static final int OUTBOUND_FRAMES_PER_CYCLE = 4096;
    /** Handshake and heartbeat deadlines are checked at most this often: millisecond options need no finer. */
    private static final long TIMER_RESOLUTION_NS = 1_000_000L;

    private final SocketType type;
    private final SocketOptions options;
    private final ContextConfig config;
    private final FrameRing outRing;
    private final InboundQueue inbound;
    private final IoAgent agent;
    private final ThreadWaker waker;
    private final OutboundRouting routing;
    private final boolean receivesData;
    private final boolean receivesSubscriptions;
    private final boolean filtersInbound;
    /** SUB, XSUB: the socket's own subscriptions, in the order the agent forwards them, to replay to new peers. */
    private final SubscriptionSet subscriptions = new SubscriptionSet();
    /** PUB, XPUB: what each peer subscribed to and an XPUB's union, shared with the socket's inproc peers. */
    private final PeerSubscriptions peerSubscriptions;
    private final ArrayList<Connection> connections = new ArrayList<>();
    private final CounterSet counters;
    private final StreamEndpoints endpoints = new StreamEndpoints(this);
    /** PAIR's one peer and ROUTER's routing ids, shared with the socket's inproc peers. */
    private final PeerAdmission admission;
    private volatile FrameRing lastRequestRing;
    private volatile long routedRequests;

    private Connection[] activePeers = new Connection[8];
    private int activePeerCount;
    private SocketEvents events = SocketEvents.NONE;
    private boolean inMessage;
    private boolean flushNeeded;
    private long lastTimerCheckNs;
    private boolean closing;
    private long lingerDeadlineNs;
    private boolean lingerForever;
    private volatile boolean closed;

    /**
     * @param type    the socket's type.
     * @param options shared with the application side.
     * @param config  the context's sizes.
     * @param outRing the socket's outbound ring; this core is its consumer.
     * @param inbound where connection rings are handed to the application side.
     * @param agent   the I/O agent that owns this socket.
     * @param waker   wakes the application thread waiting on this socket.
     * @param admission which peers the socket lets in, shared with its inproc side.
     * @param peerSubscriptions what a PUB's or XPUB's peers subscribed to, shared with its inproc side.
     */
    public SocketCore(
        final SocketType type,
        final SocketOptions options,
        final ContextConfig config,
        final FrameRing outRing,
        final InboundQueue inbound,
        final IoAgent agent,
        final ThreadWaker waker,
        final PeerAdmission admission,
        final PeerSubscriptions peerSubscriptions)
    {
        this.admission = admission;
        this.peerSubscriptions = peerSubscriptions;
        this.type = type;
        this.options = options;
        this.config = config;
        this.outRing = outRing;
        this.inbound = inbound;
        this.counters = new CounterSet(type + " socket", null);
        this.agent = agent;
        this.waker = waker;
        this.routing = routingFor(type);
        this.receivesData = type != SocketType.PUB && type != SocketType.PUSH;
        this.receivesSubscriptions = type == SocketType.PUB || type == SocketType.XPUB;
        this.filtersInbound = type == SocketType.SUB || type == SocketType.XSUB;
    }

    private static OutboundRouting routingFor(final SocketType type)
    {
        switch (type)
        {
            case PUB:
            case XPUB:
                return new FanOutRouting();
            case PUSH:
            case PAIR:
            case DEALER:
            case REQ:
                return new RoundRobinRouting();
            case ROUTER:
            case REP:
                return new IdentityRouting();
            case SUB:
            case XSUB:
                return new UpstreamRouting();
            default:
                return null;
        }
    }

    SocketType type()
    {
        return type;
    }

    SocketOptions options()
    {
        return options;
    }

    ContextConfig config()
    {
        return config;
    }

    /**
     * @return what wakes the application thread waiting on this socket: for a new peer, a message, a close.
     */
    ThreadWaker waker()
    {
        return waker;
    }

    IoAgent agent()
    {
        return agent;
    }

    SubscriptionSet subscriptions()
    {
        return subscriptions;
    }

    boolean receivesData()
    {
        return receivesData;
    }

    boolean receivesSubscriptions()
    {
        return receivesSubscriptions;
    }

    boolean filtersInbound()
    {
        return filtersInbound;
    }

    Connection[] activePeers()
    {
        return activePeers;
    }

    int activePeerCount()
    {
        return activePeerCount;
    }

    /**
     * @return tcp and ipc peers that completed their handshake; readable from any thread.
     */
    public int connectedPeers()
    {
        return admission.agentPeers();
    }

    void markForFlush(final Connection connection)
    {
        flushNeeded = true;
    }

    /**
     * @return the socket's counters, totals over all its connections; read from any thread.
     */
    public CounterSet counters()
    {
        return counters;
    }

    /**
     * @return the counters of each connection the socket has now; the agent's thread only.
     */
    public List<CounterReader> connectionCounters()
    {
        final List<CounterReader> list = new ArrayList<>(connections.size());
        for (int i = 0; i < connections.size(); i++)
        {
            list.add(connections.get(i).counters);
        }
        return list;
    }

    /**
     * @return true once the socket has finished closing.
     */
    public boolean isClosed()
    {
        return closed;
    }

    // ------------------------------------------------------------------------------------------- duty cycle

    /**
     * @return true while the agent must not sleep past {@link IoAgent#TICK_NS}: a handshake or heartbeat of one of
     * its connections, or a linger, has a deadline.
     */
    boolean needsTicks()
    {
        if (closing)
        {
            return true;
        }
        final long heartbeatIvlNs = options.heartbeatIvlMs * 1_000_000L;
        for (int i = 0; i < connections.size(); i++)
        {
            if (connections.get(i).needsTicks(heartbeatIvlNs))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return true when messages the application committed wait in the socket's ring or a connection's backlog.
     */
    boolean hasUnwrittenOutbound()
    {
        return !outRing.isEmpty() || hasQueuedOutbound();
    }

    /**
     * An application thread's send while the agent sleeps ({@link IoAgent#tryWrite(SocketCore)}): route what
     * the application committed and write it, as the duty cycle would.
     *
     * @return true when that left work for the agent: frames the peers' HWMs held back, a backlog the kernel
     * refused or that waits for a handshake, a connection that closed; false when everything was written.
     */
    boolean writeCommitted()
    {
        if (null == routing || closing)
        {
            return true;
        }
        final int peersBefore = connections.size();
        outRing.read(this, OUTBOUND_FRAMES_PER_CYCLE);
        flushIfNeeded();
        return !outRing.isEmpty() || connections.size() != peersBefore || hasQueuedOutbound();
    }

    private boolean hasQueuedOutbound()
    {
        final ArrayList<Connection> all = connections;
        for (int i = 0; i < all.size(); i++)
        {
            if (all.get(i).hasQueuedOutbound())
            {
                return true;
            }
        }
        return false;
    }

    private int flushIfNeeded()
    {
        if (!flushNeeded)
        {
            return 0;
        }
        flushNeeded = false;
        int work = 0;
        final ArrayList<Connection> all = connections;
        for (int i = 0; i < all.size(); i++)
        {
            final Connection connection = all.get(i);
            if (connection.wantsFlush())
            {
                work += connection.flush();
            }
        }
        return work;
    }

    int doWork()
    {
        int work = 0;
        final ArrayList<Connection> all = connections;
        for (int i = 0; i < all.size(); i++)
        {
            final Connection connection = all.get(i);
            if (connection.hasInboundBacklog())
            {
                work += connection.processInbound();
            }
        }

        if (null != routing)
        {
            work += outRing.read(this, OUTBOUND_FRAMES_PER_CYCLE);
        }

        work += flushIfNeeded();

        final long now = agent.nowNs();
        if (now - lastTimerCheckNs >= TIMER_RESOLUTION_NS)
        {
            lastTimerCheckNs = now;
            work += runConnectionTimers(now);
        }

        if (closing)
        {
            work += continueClosing();
        }
        return work;
    }

    /**
     * HANDSHAKE_IVL: a peer that has not completed its handshake in time is disconnected, so a stalled peer
     * cannot hold a connection (and its resources) forever, and a connecting peer redials. Heartbeats: PINGs go out
     * every HEARTBEAT_IVL and a peer silent for HEARTBEAT_TIMEOUT after one (or beyond its own PING's TTL) is
     * disconnected likewise.
     */
    private int runConnectionTimers(final long nowNs)
    {
        final long handshakeTimeoutNs = options.handshakeIvlMs * 1_000_000L;
        final int heartbeatIvlMs = options.heartbeatIvlMs;
        final int heartbeatTimeoutMs = options.heartbeatTimeoutMs;
        final long heartbeatIvlNs = heartbeatIvlMs * 1_000_000L;
        final long heartbeatTimeoutNs = (heartbeatTimeoutMs < 0 ? heartbeatIvlMs : heartbeatTimeoutMs) * 1_000_000L;
        final int ttlDeciseconds = options.heartbeatTtlMs / 100;
        int work = 0;
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final Connection connection = connections.get(i);
            if (handshakeTimeoutNs > 0 && connection.isHandshakeOverdue(nowNs, handshakeTimeoutNs))
            {
                connection.counters.increment(Counter.TIMEOUTS);
                connection.close();
                work++;
            }
            else
            {
                work += connection.sendGreetingIfDue(nowNs);
                work += connection.runHeartbeat(nowNs, heartbeatIvlNs, heartbeatTimeoutNs, ttlDeciseconds);
            }
        }
        return work;
    }

    @Override
    public boolean onFrame(final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        if (!inMessage)
        {
            if (!routing.begin(this, buffer, offset, length, flags))
            {
                return false;
            }
            inMessage = true;
        }
        routing.frame(this, buffer, offset, length, flags);
        if (!FrameDescriptor.isMore(flags))
        {
            inMessage = false;
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------ connections

    void addConnection(final Connection connection)
    {
        connections.add(connection);
    }

    boolean onHandshakeComplete(final Connection connection)
    {
        // A closing socket takes a new peer only to deliver what it still holds within its linger.
        if (closing && outRing.isEmpty())
        {
            return false;
        }
        if (!admission.admit(
            connection, connection.assignedRoutingId(), connection.peerIdentity(), options.routerHandover, true))
        {
            return false;
        }
        if (receivesData && !inbound.offer(connection.inRing))
        {
            admission.release(connection);
            return false;
        }
        if (activePeerCount == activePeers.length)
        {
            activePeers = Arrays.copyOf(activePeers, activePeerCount * 2);
        }
        activePeers[activePeerCount++] = connection;
        admission.agentPeers(activePeerCount);
        // A thread held back by IMMEDIATE, or polling for its first message, looks again.
        waker.wake();

        if (type == SocketType.SUB || type == SocketType.XSUB)
        {
            for (int i = 0; i < subscriptions.size(); i++)
            {
                final byte[] prefix = subscriptions.prefix(i);
                UpstreamRouting.sendSubscription(
                    this, connection, true, new UnsafeBuffer(prefix), 0, prefix.length);
            }
        }
        flushNeeded = true;
        return true;
    }

    /**
     * @return the tcp or ipc peer with that routing id, or null (none, or an inproc peer holds it).
     */
    Connection peerById(final RoutingKey key)
    {
        final PeerAdmission.Peer peer = admission.peerById(key);
        return peer instanceof Connection ? (Connection)peer : null;
    }

    void onRoutedTo(final Connection connection)
    {
        if (type == SocketType.REQ)
        {
            lastRequestRing = connection.inRing;
            routedRequests = routedRequests + 1;
        }
    }

    /**
     * @return for REQ, the inbound ring of the peer the latest request went to: replies from any other are stale.
     */
    public FrameRing lastRequestRing()
    {
        return lastRequestRing;
    }

    /**
     * @return for REQ, how many requests the agent has routed to a peer so far.
     */
    public long routedRequests()
    {
        return routedRequests;
    }

    void onConnectionClosed(final Connection connection, final boolean wasActive)
    {
        connections.remove(connection);
        if (!wasActive)
        {
            return;
        }
        if (admission.release(connection))
        {
            // An inproc peer may wait for the place or the id: the application's thread admits it at its next look.
            waker.wake();
        }
        for (int i = 0; i < activePeerCount; i++)
        {
            if (activePeers[i] == connection)
            {
                activePeerCount--;
                activePeers[i] = activePeers[activePeerCount];
                activePeers[activePeerCount] = null;
                admission.agentPeers(activePeerCount);
                break;
            }
        }

        if (type == SocketType.XPUB)
        {
            peerSubscriptions.peerLeft(connection, connection::deliverNotice);
        }
    }

    /**
     * A single-frame message from a peer of a PUB or XPUB socket: a ZMTP 3.0 subscription, or (XPUB) data.
     */
    void onPeerMessage(final Connection connection, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte first = buffer.getByte(offset);
        if (first == CommandEncoder.SUBSCRIBE_MESSAGE_PREFIX || first == CommandEncoder.CANCEL_MESSAGE_PREFIX)
        {
            onPeerSubscription(
                connection, first == CommandEncoder.SUBSCRIBE_MESSAGE_PREFIX, buffer, offset + 1, length - 1);
        }
        else if (type == SocketType.XPUB)
        {
            connection.deliverData(buffer, offset, length);
        }
    }

    void onPeerSubscription(
        final Connection connection, final boolean subscribe, final DirectBuffer prefix, final int offset,
        final int length)
    {
        if (peerSubscriptions.apply(connection, options.xpubVerbose, subscribe, prefix, offset, length))
        {
            connection.deliverNotice(
                subscribe ? CommandEncoder.SUBSCRIBE_MESSAGE_PREFIX : CommandEncoder.CANCEL_MESSAGE_PREFIX,
                prefix, offset, length);
        }
    }

    // --------------------------------------------------------------------------------------------- monitor

    /**
     * Report events to {@code sink} from now on, stopping the previous monitor; runs on the agent.
     */
    public void monitor(final SocketEvents sink)
    {
        final SocketEvents previous = events;
        events = SocketEvents.NONE;
        previous.stop();
        events = sink;
    }

    void emit(final int event, final int value, final String endpoint)
    {
        events.onEvent(event, value, endpoint);
    }

    // -------------------------------------------------------------------------------------------- commands

    /**
     * Bind a listener; runs on the agent.
     *
     * @return the resolved endpoint.
     */
    public String bind(final String uri)
    {
        return endpoints.bind(uri);
    }

    /**
     * Start connecting, reconnecting for as long as the socket lives; runs on the agent.
     */
    public void connect(final String uri)
    {
        endpoints.connect(uri);
    }

    /**
     * Close a listener and the connections it accepted; runs on the agent.
     */
    public void unbind(final String uri)
    {
        endpoints.unbind(uri);
    }

    /**
     * Stop connecting to an endpoint and close its connection; runs on the agent.
     */
    public void disconnect(final String uri)
    {
        endpoints.disconnect(uri);
    }

    /**
     * Begin closing: stop listening, then deliver what is queued for up to the linger period. While messages wait,
     * connect() endpoints keep (re)connecting, as libzmq's sessions do, so a peer that appears within the linger
     * still gets them.
     */
    public void close()
    {
        if (closing)
        {
            return;
        }
        closing = true;
        monitor(SocketEvents.NONE);
        final int linger = options.lingerMs;
        lingerForever = linger < 0;
        lingerDeadlineNs = agent.nowNs() + Math.max(0, linger) * 1_000_000L;
        endpoints.stopListening();
        if (linger == 0 || outRing.isEmpty())
        {
            endpoints.stopReconnecting();
        }
        continueClosing();
    }

    /**
     * End a linger now: what is still queued is dropped at the next duty cycle.
     */
    public void stopLingering()
    {
        lingerForever = false;
        lingerDeadlineNs = agent.nowNs();
    }

    private int continueClosing()
    {
        final boolean queued = !outRing.isEmpty() && (activePeerCount > 0 || endpoints.connectsAnywhere());
        boolean backlog = false;
        for (int i = 0; i < connections.size(); i++)
        {
            backlog |= connections.get(i).isActive() && connections.get(i).hasOutboundBacklog();
        }
        if ((queued || backlog) && (lingerForever || agent.nowNs() - lingerDeadlineNs < 0))
        {
            flushNeeded = true;
            return 0;
        }

        while (!connections.isEmpty())
        {
            connections.get(connections.size() - 1).closeOnRequest();
        }
        endpoints.closeAll();
        closing = false;
        closed = true;
        agent.removeSocket(this);
        waker.wake();
        return 1;
    }
}
