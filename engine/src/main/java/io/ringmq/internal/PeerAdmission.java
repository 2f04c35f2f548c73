package io.ringmq.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.ringmq.SocketType;

/**
 * Which peers a socket lets in, one set for every transport: the I/O agent admits tcp and ipc peers at the end of
 * their handshake, the socket's own thread admits inproc peers, and both ask here. A PAIR has one peer, whatever
 * its transport; a ROUTER's (and REP's) routing ids are unique across transports, a second peer with an id in use
 * being refused or, with ROUTER_HANDOVER, taking the id over. Generated ids come from one counter.
 */
public final class PeerAdmission
{
    /**
     * A peer that can hold a routing id, on any transport.
     */
    abstract static class Peer
    {
        /** PUB, XPUB: what the peer subscribed to, as a set; the thread that serves the peer only. */
        final SubscriptionSet peerSubscriptions = new SubscriptionSet();
        private RoutingKey routingKey;
        /** The routing id the peer asks for, made once: a peer that waits for it asks again at every look. */
        private RoutingKey wantedKey;

        /**
         * @return the routing id the peer was given, or null.
         */
        final RoutingKey routingKey()
        {
            return routingKey;
        }

        /**
         * The peer was let in under this routing id: remember it and name the peer's inbound messages with it.
         */
        final void assignRoutingId(final RoutingKey key)
        {
            routingKey = key;
            inboundRing().routingId(key.toBytes());
        }

        /**
         * @return the ring the peer's messages arrive in for the application.
         */
        abstract FrameRing inboundRing();

        /**
         * Another peer took this one's routing id (ROUTER_HANDOVER): disconnect it; safe from any thread.
         *
         * @param byAgent true when the caller runs the I/O agent's work (a tcp or ipc peer's handshake).
         */
        abstract void evict(boolean byAgent);
    }

    private final boolean onePeer;
    private final boolean routesById;
    private final ConcurrentHashMap<RoutingKey, Peer> byId = new ConcurrentHashMap<>();
    private final AtomicInteger nextGeneratedId = new AtomicInteger(ThreadLocalRandom.current().nextInt());
    private final AtomicInteger pairPeers = new AtomicInteger();
    /** tcp and ipc peers that completed their handshake; written by the I/O agent on connect and disconnect only. */
    private volatile int agentPeers;

    /**
     * @return tcp and ipc peers that completed their handshake; readable from any thread.
     */
    public int agentPeers()
    {
        return agentPeers;
    }

    /**
     * The I/O agent's count of active tcp and ipc peers changed.
     */
    void agentPeers(final int count)
    {
        agentPeers = count;
    }

    /**
     * @param type the socket's type: PAIR takes one peer, ROUTER and REP give each a routing id.
     */
    public PeerAdmission(final SocketType type)
    {
        this.onePeer = type == SocketType.PAIR;
        this.routesById = type == SocketType.ROUTER || type == SocketType.REP;
    }

    /**
     * Let a peer in, or not: PAIR's one place, a ROUTER's or REP's routing id (the CONNECT_ROUTING_ID its connect
     * was given, else the Identity it sent, else a generated one).
     *
     * @param handover ROUTER_HANDOVER: a peer holding the id loses it and is evicted.
     * @param byAgent  true when the caller runs the I/O agent's work, false on the application's thread.
     * @return false when the peer is refused: the PAIR has a peer, or the id is taken and {@code handover} is off.
     */
    boolean admit(
        final Peer peer, final byte[] assignedId, final byte[] identity, final boolean handover, final boolean byAgent)
    {
        if (onePeer)
        {
            return pairPeers.compareAndSet(0, 1);
        }
        if (routesById)
        {
            if (null == peer.wantedKey)
            {
                peer.wantedKey = routingKeyFor(assignedId, identity);
            }
            final RoutingKey key = peer.wantedKey;
            if (!claimRoutingId(key, peer, handover, byAgent))
            {
                return false;
            }
            peer.assignRoutingId(key);
        }
        return true;
    }

    /**
     * A peer that was let in left: its place or its routing id is free again, unless another peer took it over.
     *
     * @return true when a place or an id was freed, which a waiting inproc peer may need.
     */
    boolean release(final Peer peer)
    {
        if (onePeer)
        {
            pairPeers.set(0);
            return true;
        }
        return routesById && null != peer.routingKey() && byId.remove(peer.routingKey(), peer);
    }

    /**
     * The routing id for a new peer: the CONNECT_ROUTING_ID its connect was given, else the Identity it sent,
     * else a generated 5-byte id (0x00 and a counter from a random start, as libzmq).
     */
    private RoutingKey routingKeyFor(final byte[] assigned, final byte[] identity)
    {
        byte[] id = null == assigned || assigned.length == 0 ? identity : assigned;
        if (null == id || id.length == 0)
        {
            final int n = nextGeneratedId.getAndIncrement();
            id = new byte[]{ 0, (byte)(n >>> 24), (byte)(n >>> 16), (byte)(n >>> 8), (byte)n };
        }
        return RoutingKey.copyOf(id);
    }

    /**
     * Give {@code peer} the routing id {@code key}.
     *
     * @param handover ROUTER_HANDOVER: a peer holding the id loses it and is evicted.
     * @return false when another peer holds the id and {@code handover} is off: the new peer is refused.
     */
    private boolean claimRoutingId(
        final RoutingKey key, final Peer peer, final boolean handover, final boolean byAgent)
    {
        if (!handover)
        {
            final Peer holder = byId.putIfAbsent(key, peer);
            return null == holder || holder == peer;
        }
        final Peer previous = byId.put(key, peer);
        if (null != previous && previous != peer)
        {
            previous.evict(byAgent);
        }
        return true;
    }

    /**
     * @param key a routing id.
     * @return the peer holding it, on whatever transport, or null.
     */
    Peer peerById(final RoutingKey key)
    {
        return byId.get(key);
    }

    /**
     * @return true when some peer holds the routing id; safe from any thread.
     */
    public boolean hasPeer(final RoutingKey key)
    {
        return byId.containsKey(key);
    }
}
