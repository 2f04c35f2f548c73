package io.ringmq.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ringmq.Counter;
import io.ringmq.CounterReader;
import io.ringmq.SocketType;
import io.ringmq.codec.CommandEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A socket's tcp and ipc peers on its I/O agent, the counterpart of {@link InprocPeers}: every connection it has,
 * the active ones (handshake done, let in) that routing picks from, and what the socket's type does as peers come
 * and go: a SUB's subscriptions replayed to a new peer, a PUB's or XPUB's peers' subscriptions applied and, for an
 * XPUB, cancelled when a peer leaves. It also runs the per-connection parts of the agent's duty cycle (decode what
 * waits, write backlogs, handshake and heartbeat deadlines). The agent's thread only, but for REQ's record of its
 * routed requests, which the application thread reads.
 */
final class StreamPeers
{
    private final SocketType type;
    private final SocketOptions options;
    private final InboundQueue inbound;
    private final ThreadWaker waker;
    /** False for PUB and PUSH, whose peers send no messages for the application. */
    private final boolean receivesData;
    /** PAIR's one peer and ROUTER's routing ids, shared with the socket's inproc peers. */
    private final PeerAdmission admission;
    /** PUB, XPUB: what each peer subscribed to and an XPUB's union, shared with the socket's inproc peers. */
    private final PeerSubscriptions peerSubscriptions;
    /** SUB, XSUB: the socket's own subscriptions, in the order the agent forwards them, to replay to new peers. */
    private final SubscriptionSet subscriptions = new SubscriptionSet();
    private final ArrayList<Connection> connections = new ArrayList<>();
    private Connection[] active = new Connection[8];
    private int activeCount;
    private boolean flushNeeded;
    private volatile FrameRing lastRequestRing;
    private volatile long routedRequests;

    StreamPeers(
        final SocketType type, final SocketOptions options, final InboundQueue inbound, final ThreadWaker waker,
        final PeerAdmission admission, final PeerSubscriptions peerSubscriptions)
    {
        this.type = type;
        this.options = options;
        this.inbound = inbound;
        this.waker = waker;
        this.receivesData = type != SocketType.PUB && type != SocketType.PUSH;
        this.admission = admission;
        this.peerSubscriptions = peerSubscriptions;
    }

    /**
     * @return false for PUB and PUSH, whose peers send only subscriptions and heartbeats.
     */
    boolean receivesData()
    {
        return receivesData;
    }

    SocketOptions options()
    {
        return options;
    }

    SubscriptionSet subscriptions()
    {
        return subscriptions;
    }

    /**
     * @return the active peers, the first {@link #activeCount()} of them.
     */
    Connection[] active()
    {
        return active;
    }

    int activeCount()
    {
        return activeCount;
    }

    /**
     * @return every connection, connecting, handshaking or active.
     */
    int size()
    {
        return connections.size();
    }

    /**
     * @return the tcp or ipc peer with that routing id, or null (none, or an inproc peer holds it).
     */
    Connection peerById(final RoutingKey key)
    {
        final PeerAdmission.Peer peer = admission.peerById(key);
        return peer instanceof Connection ? (Connection)peer : null;
    }

    /**
     * Something was appended to a connection's backlog (a routed frame, a PING or PONG, a subscription) or a
     * lingering socket wants its backlogs written: write them at the end of the cycle.
     */
    void markForFlush()
    {
        flushNeeded = true;
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
    FrameRing lastRequestRing()
    {
        return lastRequestRing;
    }

    /**
     * @return for REQ, how many requests the agent has routed to a peer so far.
     */
    long routedRequests()
    {
        return routedRequests;
    }

    void add(final Connection connection)
    {
        connections.add(connection);
    }

    /**
     * A connection's handshake completed: let it in, or not (PAIR's one place, a routing id in use, no room in the
     * inbound queue), and make it active.
     *
     * @return false when the peer is refused.
     */
    boolean admit(final Connection connection)
    {
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
        if (activeCount == active.length)
        {
            active = Arrays.copyOf(active, activeCount * 2);
        }
        active[activeCount++] = connection;
        admission.agentPeers(activeCount);
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
     * A connection closed: forget it and, when it was active, free its place or routing id and drop its
     * subscriptions.
     */
    void onClosed(final Connection connection, final boolean wasActive)
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
        for (int i = 0; i < activeCount; i++)
        {
            if (active[i] == connection)
            {
                activeCount--;
                active[i] = active[activeCount];
                active[activeCount] = null;
                admission.agentPeers(activeCount);
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

    // ------------------------------------------------------------------------------------------- duty cycle

    /**
     * Decode what connections read earlier but could not deliver then (their inbound ring was full).
     *
     * @return bytes decoded.
     */
    int processInbound()
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
        return work;
    }

    /**
     * Write the backlogs routing appended to since the last flush.
     *
     * @return bytes written.
     */
    int flushIfNeeded()
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

    /**
     * @return true when some connection holds messages not yet written (the kernel refused them, or the handshake
     * is still going on).
     */
    boolean hasQueuedOutbound()
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

    /**
     * @return true when an active connection still has a backlog to deliver (a closing socket lingers for it).
     */
    boolean hasActiveBacklog()
    {
        for (int i = 0; i < connections.size(); i++)
        {
            if (connections.get(i).isActive() && connections.get(i).hasOutboundBacklog())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return true while some connection has a handshake or heartbeat deadline.
     */
    boolean needsTicks()
    {
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
     * HANDSHAKE_IVL: a peer that has not completed its handshake in time is disconnected, so a stalled peer
     * cannot hold a connection (and its resources) forever, and a connecting peer redials. Heartbeats: PINGs go out
     * every HEARTBEAT_IVL and a peer silent for HEARTBEAT_TIMEOUT after one (or beyond its own PING's TTL) is
     * disconnected likewise.
     */
    int runTimers(final long nowNs)
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

    /**
     * The socket closed: close every connection, which the monitor does not report.
     */
    void closeAll()
    {
        while (!connections.isEmpty())
        {
            connections.get(connections.size() - 1).closeOnRequest();
        }
    }

    /**
     * @return the counters of each connection the socket has now.
     */
    List<CounterReader> counters()
    {
        final List<CounterReader> list = new ArrayList<>(connections.size());
        for (int i = 0; i < connections.size(); i++)
        {
            list.add(connections.get(i).counters);
        }
        return list;
    }
}
