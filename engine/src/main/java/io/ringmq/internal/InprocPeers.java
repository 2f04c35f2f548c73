package io.ringmq.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ringmq.Counter;
import io.ringmq.CounterReader;
import io.ringmq.SocketType;
import io.ringmq.codec.CommandEncoder;
import io.ringmq.codec.FrameDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A socket's inproc pipes, on the socket's application thread: it admits pipes the registry hands over (PAIR
 * takes one peer, ROUTER and REP give each a routing id), drops detached ones, hands inbound rings to the socket's
 * inbound queue, replays a SUB's subscriptions to a new peer, and, for PUB and XPUB, applies the subscriptions
 * peers send (XPUB passes them on to its application, as on tcp). {@link #poll()} does it all and allocates
 * nothing unless a pipe came or went.
 */
public final class InprocPeers implements FrameVisitor
{
    private static final int MAX_ARRIVALS = 1024;

    private final SocketType type;
    private final SocketOptions options;
    private final InboundQueue inbound;
    private final int ringBytes;
    private final ThreadWaker waker;
    private final ManyToOneConcurrentArrayQueue<InprocPipe> arrivals =
        new ManyToOneConcurrentArrayQueue<>(MAX_ARRIVALS);
    /** Every end attached, for unbind, disconnect and close; under the registry's lock. */
    private final ArrayList<InprocPipe> attached = new ArrayList<>();
    private final InprocRegistry registry;
    /** An end queueing messages for a peer yet to come, or null; under the registry's lock. */
    InprocPipe parked;
    private boolean bound;

    // the socket's thread
    /** PAIR's one peer and ROUTER's routing ids, shared with the socket's tcp and ipc side. */
    private final PeerAdmission admission;
    /** SUB, XSUB: the socket's own subscriptions, to replay to new inproc peers. */
    private final SubscriptionSet subscriptions = new SubscriptionSet();
    /** PUB, XPUB: what each peer subscribed to and an XPUB's union, shared with the socket's tcp and ipc side. */
    private final PeerSubscriptions peerSubscriptions;
    /** Inproc traffic, counted on the socket's thread: the I/O agent's totals have a writer of their own. */
    private final CounterSet counters;
    private final UnsafeBuffer prefixView = new UnsafeBuffer(0, 0);
    private InprocPipe[] pipes = new InprocPipe[4];
    private int count;
    /** Peers not let in yet: a second PAIR peer, a ROUTER or REP peer whose routing id is in use. */
    private final ArrayList<InprocPipe> waiting = new ArrayList<>();
    private int inprocEndpoints;
    private boolean usedInproc;
    private int agentEndpoints;
    private int agentConnects;
    private FrameRing notices;
    private InprocPipe reading;

    /**
     * @param type      the socket's type.
     * @param options   the socket's options.
     * @param inbound   the socket's inbound queue.
     * @param ringBytes capacity of rings this side makes (XPUB's notices).
     * @param registry  the context's inproc names.
     * @param waker     wakes the thread waiting on the socket.
     * @param admission which peers the socket lets in, shared with its tcp and ipc side.
     * @param peerSubscriptions what a PUB's or XPUB's peers subscribed to, shared with its tcp and ipc side.
     */
    public InprocPeers(
        final SocketType type, final SocketOptions options, final InboundQueue inbound, final int ringBytes,
        final InprocRegistry registry, final ThreadWaker waker, final PeerAdmission admission,
        final PeerSubscriptions peerSubscriptions)
    {
        this.admission = admission;
        this.peerSubscriptions = peerSubscriptions;
        this.waker = waker;
        this.registry = registry;
        this.type = type;
        this.options = options;
        this.inbound = inbound;
        this.ringBytes = ringBytes;
        this.counters = new CounterSet(type + " socket inproc", null);
    }

    /**
     * @return the totals of the socket's inproc pipes.
     */
    public CounterReader counters()
    {
        return counters;
    }

    /**
     * @return the live counters of each attached inproc pipe, labelled with its endpoint; the socket's thread only.
     */
    public List<CounterReader> pipeCounters()
    {
        poll();
        final List<CounterReader> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            list.add(pipes[i].counters);
        }
        return list;
    }

    SocketType type()
    {
        return type;
    }

    SocketOptions options()
    {
        return options;
    }

    /**
     * @return what inproc peers unpark when they write to, or read from, this socket.
     */
    public ThreadWaker waker()
    {
        return waker;
    }

    ArrayList<InprocPipe> attached()
    {
        return attached;
    }

    void offer(final InprocPipe end)
    {
        if (!arrivals.offer(end))
        {
            end.detach();
            return;
        }
        // A thread held back by IMMEDIATE, or waiting for a peer's first message, picks the new pipe up.
        waker.wake();
    }

    void onEndpointAdded()
    {
        inprocEndpoints++;
        usedInproc = true;
    }

    void onBound()
    {
        bound = true;
    }

    boolean isBound()
    {
        return bound;
    }

    /**
     * No peer can take a message: queue messages in a parked pipe that the next peer to connect takes over, as a
     * tcp socket queues in its outbound ring until a peer comes.
     */
    void park()
    {
        registry.park(this);
        poll();
    }

    void onEndpointRemoved()
    {
        inprocEndpoints--;
    }

    /**
     * A tcp or ipc endpoint was bound or connected (+1) or released (-1).
     *
     * @param connect true for a connect() endpoint, false for a bound one.
     */
    public void onAgentEndpoint(final int delta, final boolean connect)
    {
        agentEndpoints += delta;
        agentConnects += connect ? delta : 0;
    }

    /**
     * @return true when the socket bound or connected an inproc endpoint, ever.
     */
    public boolean isActive()
    {
        return inprocEndpoints > 0 || count > 0;
    }

    /**
     * @return true when the I/O agent has a share of the outbound traffic: the socket has tcp or ipc endpoints,
     * or never had an inproc one (a SUB's subscriptions before it connects anywhere).
     */
    boolean viaAgent()
    {
        return agentEndpoints > 0 || !usedInproc;
    }

    /**
     * @return true when the I/O agent takes its turn beside the inproc peers of a PUSH, PAIR, DEALER or REQ: it has
     * a tcp or ipc peer, or a connect() endpoint whose peer may come (libzmq makes that pipe at connect, so messages
     * queue for it), or no inproc peer is there to take the message. A bound endpoint with no peer yet takes none,
     * so nothing waits there while an inproc peer could have it.
     */
    boolean agentTakesATurn()
    {
        return viaAgent() && (admission.agentPeers() > 0 || agentConnects > 0 || count == 0);
    }

    /**
     * @return true when the socket has only inproc endpoints: waiting need not run the I/O duty cycle.
     */
    public boolean inprocOnly()
    {
        return agentEndpoints == 0 && inprocEndpoints > 0;
    }

    int count()
    {
        return count;
    }

    /**
     * @return true when some inproc peer is attached, after taking in the ones that arrived.
     */
    public boolean hasPeers()
    {
        poll();
        return count > 0;
    }

    InprocPipe pipe(final int index)
    {
        return pipes[index];
    }

    SubscriptionSet subscriptions()
    {
        return subscriptions;
    }

    /**
     * @param key a routing id.
     * @return the pipe of the inproc peer with that routing id, or null (none, or a tcp or ipc peer holds it).
     */
    InprocPipe byId(final RoutingKey key)
    {
        final PeerAdmission.Peer peer = admission.peerById(key);
        return peer instanceof InprocPipe ? (InprocPipe)peer : null;
    }

    /**
     * A PUB, XPUB or ROUTER dropped the I/O agent's share of a message: the agent is SNDHWM messages behind.
     */
    void countDroppedForAgent()
    {
        counters.increment(Counter.MESSAGES_DROPPED);
    }

    /**
     * Admit new pipes, drop detached ones and apply peers' subscriptions (PUB, XPUB).
     */
    public void poll()
    {
        if (!arrivals.isEmpty())
        {
            InprocPipe end;
            while (null != (end = arrivals.poll()))
            {
                admit(end);
            }
        }
        for (int i = count - 1; i >= 0; i--)
        {
            final InprocPipe pipe = pipes[i];
            if (pipe.isDetached())
            {
                remove(i);
            }
            else if (type == SocketType.PUB || type == SocketType.XPUB)
            {
                reading = pipe;
                pipe.in.read(this, Integer.MAX_VALUE);
            }
        }
        reading = null;
        if (!waiting.isEmpty())
        {
            admitWaiting();
        }
    }

    /**
     * A peer that left, on any transport, may have freed what a waiting one needs. They wait rather than being
     * refused, as a tcp peer refused at handshake would redial until it is let in.
     */
    private void admitWaiting()
    {
        for (int i = 0; i < waiting.size(); i++)
        {
            final InprocPipe end = waiting.get(i);
            if (end.isDetached())
            {
                waiting.remove(i--);
            }
            else if (admission.admit(end, end.assignedRoutingId, end.peerIdentity, options.routerHandover, false))
            {
                waiting.remove(i--);
                attach(end);
            }
        }
    }

    private void admit(final InprocPipe end)
    {
        if (end.isDetached())
        {
            return;
        }
        if (!admission.admit(end, end.assignedRoutingId, end.peerIdentity, options.routerHandover, false))
        {
            waiting.add(end);
            return;
        }
        attach(end);
    }

    private void attach(final InprocPipe end)
    {
        if (count == pipes.length)
        {
            pipes = Arrays.copyOf(pipes, count * 2);
        }
        pipes[count++] = end;
        end.counters = new CounterSet(end.endpoint, counters);
        end.out.countSendsIn(end.counters);
        end.in.countReceivesIn(end.counters);

        if (type == SocketType.XPUB && null == notices)
        {
            notices = new FrameRing(ringBytes);
            inbound.offer(notices);
        }
        else if (type != SocketType.PUB && type != SocketType.XPUB && type != SocketType.PUSH)
        {
            inbound.offer(end.in);
        }
        if (type == SocketType.SUB || type == SocketType.XSUB)
        {
            for (int i = 0; i < subscriptions.size(); i++)
            {
                final byte[] prefix = subscriptions.prefix(i);
                prefixView.wrap(prefix);
                writeSubscription(end, prefixView, prefix.length);
            }
            end.out.publish();
        }
    }

    private static void writeSubscription(final InprocPipe end, final DirectBuffer prefix, final int length)
    {
        final int at = end.out.claim(1 + length, 0);
        if (at != FrameRing.INSUFFICIENT_CAPACITY)
        {
            end.out.buffer().putByte(at, CommandEncoder.SUBSCRIBE_MESSAGE_PREFIX);
            end.out.buffer().putBytes(at + 1, prefix, 0, length);
        }
    }

    private void remove(final int index)
    {
        final InprocPipe pipe = pipes[index];
        count--;
        pipes[index] = pipes[count];
        pipes[count] = null;
        admission.release(pipe);
        if (type == SocketType.XPUB)
        {
            peerSubscriptions.peerLeft(pipe, this::notice);
        }
    }

    /**
     * A frame a peer of a PUB or XPUB sent: a single-frame subscription message, or (XPUB) data for the
     * application.
     */
    @Override
    public boolean onFrame(final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        final InprocPipe pipe = reading;
        final boolean more = FrameDescriptor.isMore(flags);
        final boolean first = !pipe.midMessage;
        pipe.midMessage = more;
        if (first && !more && length >= 1 && (buffer.getByte(offset) & 0xFE) == 0)
        {
            final boolean subscribe = buffer.getByte(offset) == CommandEncoder.SUBSCRIBE_MESSAGE_PREFIX;
            if (peerSubscriptions.apply(pipe, options.xpubVerbose, subscribe, buffer, offset + 1, length - 1))
            {
                notice(buffer.getByte(offset), buffer, offset + 1, length - 1);
            }
        }
        else if (type == SocketType.XPUB)
        {
            final int at = notices.claim(length, flags);
            if (at != FrameRing.INSUFFICIENT_CAPACITY)
            {
                notices.buffer().putBytes(at, buffer, offset, length);
            }
            if (!more)
            {
                notices.publish();
            }
        }
        return true;
    }

    private void notice(final byte first, final DirectBuffer rest, final int offset, final int length)
    {
        final int at = notices.claim(1 + length, 0);
        if (at != FrameRing.INSUFFICIENT_CAPACITY)
        {
            notices.buffer().putByte(at, first);
            notices.buffer().putBytes(at + 1, rest, offset, length);
            notices.publish();
        }
    }
}
