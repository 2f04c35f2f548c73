package io.ringmq.internal;

import java.util.List;

import io.ringmq.ContextConfig;
import io.ringmq.CounterReader;
import io.ringmq.SocketType;
import io.ringmq.codec.FrameDescriptor;
import org.agrona.DirectBuffer;

/**
 * The I/O agent's side of a socket: its duty cycle, the routing of its outbound ring to its tcp and ipc peers
 * ({@link StreamPeers}), its listeners and connectors ({@link StreamEndpoints}), closing within the linger, and its
 * monitor. Every method runs on the socket's I/O agent thread (or, in invoker mode, under the invoker's lock).
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
    private final IoAgent agent;
    private final ThreadWaker waker;
    private final OutboundRouting routing;
    private final boolean receivesSubscriptions;
    private final boolean filtersInbound;
    private final StreamPeers peers;
    private final CounterSet counters;
    private final StreamEndpoints endpoints = new StreamEndpoints(this);
    /** PAIR's one peer and ROUTER's routing ids, shared with the socket's inproc peers. */
    private final PeerAdmission admission;

    private SocketEvents events = SocketEvents.NONE;
    private boolean inMessage;
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
        this.peers = new StreamPeers(type, options, inbound, waker, admission, peerSubscriptions);
        this.type = type;
        this.options = options;
        this.config = config;
        this.outRing = outRing;
        this.counters = new CounterSet(type + " socket", null);
        this.agent = agent;
        this.waker = waker;
        this.routing = routingFor(type);
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

    /**
     * @return the socket's tcp and ipc peers.
     */
    StreamPeers peers()
    {
        return peers;
    }

    boolean receivesData()
    {
        return peers.receivesData();
    }

    boolean receivesSubscriptions()
    {
        return receivesSubscriptions;
    }

    boolean filtersInbound()
    {
        return filtersInbound;
    }

    /**
     * @return tcp and ipc peers that completed their handshake; readable from any thread.
     */
    public int connectedPeers()
    {
        return admission.agentPeers();
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
        return peers.counters();
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
        return closing || peers.needsTicks();
    }

    /**
     * @return true when messages the application committed wait in the socket's ring or a connection's backlog.
     */
    boolean hasUnwrittenOutbound()
    {
        return !outRing.isEmpty() || peers.hasQueuedOutbound();
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
        final int peersBefore = peers.size();
        outRing.read(this, OUTBOUND_FRAMES_PER_CYCLE);
        peers.flushIfNeeded();
        return !outRing.isEmpty() || peers.size() != peersBefore || peers.hasQueuedOutbound();
    }

    int doWork()
    {
        int work = peers.processInbound();
        if (null != routing)
        {
            work += outRing.read(this, OUTBOUND_FRAMES_PER_CYCLE);
        }

        work += peers.flushIfNeeded();

        final long now = agent.nowNs();
        if (now - lastTimerCheckNs >= TIMER_RESOLUTION_NS)
        {
            lastTimerCheckNs = now;
            work += peers.runTimers(now);
        }

        if (closing)
        {
            work += continueClosing();
        }
        return work;
    }

    @Override
    public boolean onFrame(final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        if (!inMessage)
        {
            if (!routing.begin(peers, buffer, offset, length, flags))
            {
                return false;
            }
            inMessage = true;
        }
        routing.frame(peers, buffer, offset, length, flags);
        if (!FrameDescriptor.isMore(flags))
        {
            inMessage = false;
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------ connections

    void addConnection(final Connection connection)
    {
        peers.add(connection);
    }

    /**
     * @return false when the peer is refused: a closing socket takes a new peer only to deliver what it still holds
     * within its linger; the peers may refuse it too (see {@link StreamPeers#admit}).
     */
    boolean onHandshakeComplete(final Connection connection)
    {
        return !(closing && outRing.isEmpty()) && peers.admit(connection);
    }

    /**
     * @return for REQ, the inbound ring of the peer the latest request went to: replies from any other are stale.
     */
    public FrameRing lastRequestRing()
    {
        return peers.lastRequestRing();
    }

    /**
     * @return for REQ, how many requests the agent has routed to a peer so far.
     */
    public long routedRequests()
    {
        return peers.routedRequests();
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
        final boolean queued = !outRing.isEmpty() && (peers.activeCount() > 0 || endpoints.connectsAnywhere());
        if ((queued || peers.hasActiveBacklog()) && (lingerForever || agent.nowNs() - lingerDeadlineNs < 0))
        {
            peers.markForFlush();
            return 0;
        }

        peers.closeAll();
        endpoints.closeAll();
        closing = false;
        closed = true;
        agent.removeSocket(this);
        waker.wake();
        return 1;
    }
}
