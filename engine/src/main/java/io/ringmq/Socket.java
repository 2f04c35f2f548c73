package io.ringmq;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.ringmq.codec.CommandEncoder;
import io.ringmq.codec.FrameDescriptor;
import io.ringmq.codec.ReadyEncoder;
import io.ringmq.internal.CounterSum;
import io.ringmq.internal.DiscardRing;
import io.ringmq.internal.FrameRing;
import io.ringmq.internal.FrameVisitor;
import io.ringmq.internal.IdleWait;
import io.ringmq.internal.InboundQueue;
import io.ringmq.internal.InprocPeers;
import io.ringmq.internal.InprocRouting;
import io.ringmq.internal.IoAgent;
import io.ringmq.internal.PeerAdmission;
import io.ringmq.internal.RoutingKey;
import io.ringmq.internal.SendBatch;
import io.ringmq.internal.SocketCore;
import io.ringmq.internal.SocketEvents;
import io.ringmq.internal.SocketOptions;
import io.ringmq.internal.ThreadWaker;
import io.ringmq.internal.pattern.Pattern;
import io.ringmq.internal.pattern.PatternHost;
import io.ringmq.transport.Endpoint;
import io.ringmq.transport.Scheme;
import io.ringmq.transport.TransportException;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A ZeroMQ socket, in JeroMQ's names. Like a ZeroMQ socket it is used by one thread at a time.
 *
 * <p>Two ways to send: {@link #send(byte[])}/{@link #sendMore(byte[])} copy the bytes once into the socket's
 * off-heap ring; {@link #claim(int)} hands out ring space to write the body in place. Two ways to receive:
 * {@link #recv()} copies a frame into a new array; {@link #receive(MessageHandler, int)} shows frames in place
 * and allocates nothing.
 */
public final class Socket implements AutoCloseable
{
    /** A send this soon after this socket's last write on its own thread wakes the agent instead. */
    private static final long DIRECT_WRITE_GAP_NS = 20_000L;
    /** A socket with more connected peers than this hands its sends to the agent, as their writes add up. */
    private static final int DIRECT_WRITE_MAX_PEERS = 4;
    /**
     * With I/O threads, a wait that is not for a reply leads the agent's selector only once it lasted this long:
     * a stream's short gaps are left to the agent's thread, which reads on while the application consumes.
     */
    private static final long LEAD_AFTER_NS = 1_000_000L;
    /** The largest HEARTBEAT_TTL: the PING's 16-bit field counts deciseconds. */
    private static final int MAX_HEARTBEAT_TTL_MS = 6_553_599;

    private final Context context;
    private final IoAgent agent;
    private final SocketType type;
    private final SocketOptions options = new SocketOptions();
    private final FrameRing outRing;
    private final InboundQueue inbound = new InboundQueue();
    private final SocketCore core;
    /** Wakes the thread blocked on this socket: in send, recv, a poller or a proxy. */
    private final ThreadWaker waker;
    /** The spin and yield budget of data-plane waits (send, recv) before they block. */
    private final IdleWait wait;
    /** Control-plane waits (a command for the agent, closing): short parks, and unparked when the agent is done. */
    private final IdleStrategy controlIdle = new BackoffIdleStrategy(10, 10, 1_000, 1_000_000);
    private final SendClaim claim = new SendClaim(this);
    /** In invoker mode: whether a send writes now or joins the burst's batch. */
    private final SendBatch batch;
    private final FrameCopier copier = new FrameCopier();
    private final HandlerAdapter handlerAdapter = new HandlerAdapter();
    private final UnsafeBuffer sendView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer receiveView = new UnsafeBuffer(0, 0);
    private final RestOfMessageSkipper skipper = new RestOfMessageSkipper();
    private final RoutingKey routingLookup = new RoutingKey();
    /** What this socket's type does on this thread: its envelopes, lockstep, and what it may send and receive. */
    private final Pattern pattern;
    private final InprocPeers inproc;
    /** PAIR's one peer and ROUTER's routing ids, across the socket's transports. */
    private final PeerAdmission admission;
    /** PUB and XPUB: where a message goes that the I/O agent is too far behind to take. */
    private final DiscardRing discard;
    private final CounterReader totals;
    private final Runnable pause = this::pause;
    /** A monitor's socket, used by an I/O agent inside its duty cycle: it must never run the I/O itself. */
    private boolean agentDriven;
    /** A whole message was sent since a wait for one last ended: the next receive waits for a reply. */
    private boolean sentSinceReceive;
    /** Routing on this thread for inproc peers; null until the socket has any (SUB, XSUB: from the start). */
    private InprocRouting routing;
    /** The ring the frame being sent was claimed in. */
    private FrameRing sendRing;

    private String lastEndpoint;
    private boolean sendingMore;
    private boolean receiveMore;
    private boolean midMessage;
    private volatile boolean closed;
    /** {@link System#nanoTime()} after this socket's last write on its own thread (writeOrWakeAgent). */
    private long lastDirectWriteNs = System.nanoTime() - DIRECT_WRITE_GAP_NS;

    Socket(final Context context, final IoAgent agent, final SocketType type)
    {
        final ContextConfig config = context.config();
        this.context = context;
        this.agent = agent;
        this.type = type;
        this.waker = new ThreadWaker(context.isInvokerMode() ? context.invokerAgent() : agent);
        this.wait = context.newIdleWait();
        this.batch = new SendBatch(config.invokerBatchNanos());
        this.outRing = new FrameRing(config.socketRingBytes());
        // In invoker mode a commit wakes a thread blocked in the agent's selector; with I/O threads the sender
        // writes or wakes the agent once a whole message is committed (afterFrame). The agent taking messages wakes
        // a sender waiting for room.
        if (context.isInvokerMode())
        {
            outRing.wakeConsumerWith(agent);
        }
        outRing.wakeProducerWith(waker);
        this.admission = new PeerAdmission(type);
        this.core = new SocketCore(type, options, config, outRing, inbound, agent, waker, admission);
        this.pattern = Pattern.forType(type, options, new Host());
        this.inproc = new InprocPeers(
            type, options, inbound, config.socketRingBytes(), context.inproc(), waker, admission);
        this.discard = new DiscardRing(type + " socket");
        this.totals = new CounterSum(core.counters(), inproc.counters(), discard.counters());
        this.sendRing = outRing;
        if (type == SocketType.SUB || type == SocketType.XSUB)
        {
            // Their subscriptions are kept on this side from the first, for inproc peers that come later.
            routing = InprocRouting.forType(type, inproc, options, outRing, pause);
        }
        call(() ->
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
            useInproc();
            lastEndpoint = endpoint;
            return true;
        }
        lastEndpoint = call(() -> core.bind(endpoint));
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
            useInproc();
        }
        else
        {
            call(() ->
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
        call(() ->
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
        call(() ->
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

    private void useInproc()
    {
        if (null == routing)
        {
            routing = InprocRouting.forType(type, inproc, options, outRing, pause);
        }
        // Take the new pipes in now: a SUB's subscriptions then reach its publisher before either sends.
        inproc.poll();
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
        return sendFrame(data, 0);
    }

    /**
     * Send a frame with more to follow in the same message.
     *
     * @return false when the send timeout expired (or with timeout 0, when it would block).
     */
    public boolean sendMore(final byte[] data)
    {
        return sendFrame(data, FrameDescriptor.FLAG_MORE);
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
        checkCanSend();
        if (!sendingMore)
        {
            final RingmqException refused = pattern.refuseFirstFrame(buffer, offset, length);
            if (null != refused)
            {
                throw refused;
            }
            if (!pattern.beginSend())
            {
                return false;
            }
        }
        final int flags = more ? FrameDescriptor.FLAG_MORE : 0;
        if (length > outRing.maxInlineBody())
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            return sendLarge(new UnsafeBuffer(copy), flags);
        }
        final int at = claimSpace(length, flags, true);
        if (at == FrameRing.INSUFFICIENT_CAPACITY)
        {
            return false;
        }
        final UnsafeBuffer ring = sendRing.buffer();
        ring.putBytes(at, buffer, offset, length);
        afterFrame(ring, at, length, more);
        return true;
    }

    private boolean sendFrame(final byte[] data, final int flags)
    {
        sendView.wrap(data);
        return send(sendView, 0, data.length, FrameDescriptor.isMore(flags));
    }

    private boolean sendLarge(final UnsafeBuffer body, final int flags)
    {
        final long deadline = deadline(options.sendTimeoutMs);
        wait.reset();
        try
        {
            while (true)
            {
                final FrameRing ring = null == routing ? ringForLarge() : routing.ringFor(body.capacity(), false);
                if (null != ring && ring.offerLarge(body, flags))
                {
                    sendRing = ring;
                    break;
                }
                if (null != ring && null != routing)
                {
                    routing.onClaimFailed(ring);
                }
                if (expired(options.sendTimeoutMs, deadline))
                {
                    return false;
                }
                wakeAgentForOpenMessage();
                pause(deadline, false);
            }
        }
        finally
        {
            waker.disarm();
        }
        afterFrame(body, 0, body.capacity(), FrameDescriptor.isMore(flags));
        return true;
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
        checkCanSend();
        if (claim.isOpen())
        {
            throw new RingmqException("a claim is already open on this socket");
        }
        if (length < 0 || length > outRing.maxInlineBody())
        {
            throw new RingmqException(
                "claim length must be 0.." + outRing.maxInlineBody() + " (a quarter of the socket ring): " + length);
        }
        if (!sendingMore && !pattern.beginSend())
        {
            return null;
        }
        final int at = claimSpace(length, 0, true);
        return at == FrameRing.INSUFFICIENT_CAPACITY ? null : claim.wrap(sendRing, at, length);
    }

    void onClaimCommitted(final int offset, final int length, final boolean more)
    {
        final UnsafeBuffer ring = sendRing.buffer();
        final RingmqException refused = sendingMore ? null : pattern.refuseFirstFrame(ring, offset, length);
        if (null != refused)
        {
            sendRing.discardLastFrame();
            onClaimAborted();
            throw refused;
        }
        afterFrame(ring, offset, length, more);
    }

    /**
     * Send one envelope frame (with MORE) ahead of the application's frames: REQ's delimiter, REP's return path.
     *
     * @return false when the send timeout expired.
     */
    boolean sendEnvelopeFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        final int at = claimSpace(length, FrameDescriptor.FLAG_MORE, true);
        if (at == FrameRing.INSUFFICIENT_CAPACITY)
        {
            return false;
        }
        final UnsafeBuffer ring = sendRing.buffer();
        ring.putBytes(at, buffer, offset, length);
        afterFrame(ring, at, length, true);
        return true;
    }

    void onClaimAborted()
    {
        if (discard.holds(sendRing))
        {
            discard.abort(!sendingMore);
        }
        else if (null == routing)
        {
            outRing.publish();
        }
        else
        {
            routing.onDiscarded(sendRing);
        }
    }

    private void afterFrame(final DirectBuffer body, final int offset, final int length, final boolean more)
    {
        sendingMore = more;
        if (discard.holds(sendRing))
        {
            discard.discard(more);
            return;
        }
        final boolean toAgent;
        if (null == routing)
        {
            outRing.publish();
            toAgent = true;
        }
        else
        {
            toAgent = routing.commit(sendRing, body, offset, length, more);
        }
        final boolean firstSinceReceive = !sentSinceReceive;
        if (!more)
        {
            pattern.onMessageSent();
            sentSinceReceive = true;
        }
        if (toAgent && !more && !context.isInvokerMode())
        {
            if (agentDriven)
            {
                agent.wake();
            }
            else
            {
                writeOrWakeAgent(firstSinceReceive);
            }
        }
        else if (toAgent && context.isInvokerMode() && !agentDriven)
        {
            batch.add(length);
            if (!more)
            {
                final long now = System.nanoTime();
                if (batch.writeNow(now))
                {
                    writeBatch();
                }
                else
                {
                    context.deferSend(now);
                }
            }
        }
    }

    /**
     * With I/O threads, after a whole message's commit: nothing when the agent is awake (it takes the message);
     * when it sleeps, write the message on this thread if that is cheap (the socket has a few peers and its last
     * such write was a while ago, or a message arrived since), else wake the agent. A socket that keeps sending
     * finds its agent awake, so it hands its messages over and the agent batches them; the rate test keeps a burst
     * that began on a sleeping agent from being written one message at a time by the application, while a reply or
     * a request that follows a received message (a round trip, however fast) is always written at once.
     *
     * @param firstSinceReceive true when this is the first message sent since one was received.
     */
    private void writeOrWakeAgent(final boolean firstSinceReceive)
    {
        if (!agent.sleeps())
        {
            return;
        }
        final long now = System.nanoTime();
        if ((firstSinceReceive || now - lastDirectWriteNs >= DIRECT_WRITE_GAP_NS) &&
            core.connectedPeers() <= DIRECT_WRITE_MAX_PEERS && agent.tryWrite(core))
        {
            lastDirectWriteNs = System.nanoTime();
            return;
        }
        agent.wake();
    }

    /**
     * With I/O threads, only a whole message's commit writes or wakes the agent: a sender that waits for ring
     * space in the middle of a message wakes it, so that it takes the frames committed so far.
     */
    private void wakeAgentForOpenMessage()
    {
        if (sendingMore && !context.isInvokerMode())
        {
            agent.wake();
        }
    }

    /**
     * Invoker mode: write what this socket committed, batched or not.
     */
    private void writeBatch()
    {
        context.invokeSend(core);
        batch.written(System.nanoTime());
    }

    /**
     * Invoker mode: a socket that turns to receiving writes its batch first, so a request never waits behind it.
     */
    private void writeWaitingBatch()
    {
        if (batch.isPending())
        {
            writeBatch();
        }
    }

    private int claimSpace(final int length, final int flags, final boolean checkHwm)
    {
        final int timeout = options.sendTimeoutMs;
        long deadline = 0;
        boolean ranIo = false;
        wait.reset();
        try
        {
            while (true)
            {
                final FrameRing ring = ringFor(length, checkHwm);
                if (null != ring)
                {
                    final int at = ring.claim(length, flags);
                    if (at != FrameRing.INSUFFICIENT_CAPACITY)
                    {
                        sendRing = ring;
                        return at;
                    }
                    if (null != routing)
                    {
                        routing.onClaimFailed(ring);
                    }
                    else if (dropsAtThisFrame())
                    {
                        sendRing = discard.ringFor(length);
                        return sendRing.claim(length, flags);
                    }
                }
                if (deadline == 0)
                {
                    deadline = deadline(timeout);
                }
                if (expired(timeout, deadline))
                {
                    if (!ranIo && runIoBeforeGivingUp(timeout))
                    {
                        ranIo = true;
                        continue;
                    }
                    return FrameRing.INSUFFICIENT_CAPACITY;
                }
                wakeAgentForOpenMessage();
                pause(deadline, false);
            }
        }
        finally
        {
            waker.disarm();
        }
    }

    /**
     * @return the ring to claim the next frame in, or null when the socket would block.
     */
    private FrameRing ringFor(final int length, final boolean checkHwm)
    {
        if (checkHwm && !sendingMore && awaitsAPeer())
        {
            return null;
        }
        if (null != routing)
        {
            return routing.ringFor(length, !checkHwm);
        }
        if (discard.isDropping())
        {
            return discard.ringFor(length);
        }
        final int hwm = options.sndHwm;
        if (!checkHwm || sendingMore || hwm <= 0 || outRing.queuedMessages() < hwm)
        {
            return outRing;
        }
        return pattern.dropsWhenBehind() ? discard.ringFor(length) : null;
    }

    /**
     * @return the ring for a frame too large to write in place, held beside the socket's ring or dropped.
     */
    private FrameRing ringForLarge()
    {
        if (discard.isDropping() ||
            (dropsAtThisFrame() && (outRing.queuedMessages() >= options.sndHwm || !outRing.canOfferLarge())))
        {
            return discard.ringFor(0);
        }
        return outRing;
    }

    /**
     * @return true when a PUB or XPUB drops the message it starts now rather than wait for room in its ring: with no
     * high-water mark (0) it waits, as it promised never to drop.
     */
    private boolean dropsAtThisFrame()
    {
        return pattern.dropsWhenBehind() && !sendingMore && options.sndHwm > 0;
    }

    /**
     * @return true when IMMEDIATE holds a new message back: no peer has completed its connection yet.
     */
    private boolean awaitsAPeer()
    {
        return options.immediate && pattern.blocksWithoutPeers() && core.connectedPeers() == 0 && !inproc.hasPeers();
    }

    /**
     * @return what wakes the thread waiting on this socket; a {@link Poller} or proxy arms it for its own thread.
     */
    ThreadWaker waker()
    {
        return waker;
    }

    /**
     * One round of a data-plane wait. A wait on an agent nobody attends (see {@link #leadsAtOnce(boolean)})
     * leads the agent's selector at once: it arms the waker and returns, so the caller looks once more, then runs
     * the agent's duty cycles for the rest of its spin and yield budget and blocks in the selector, so the peer's
     * message is read by this thread, and wakes it directly once it blocks. Any other wait, within its budget: run
     * the I/O in invoker mode (unless only inproc peers can end the wait) and spin or yield; then arm the waker and
     * return for the last look; once armed, block until woken or the deadline passes. In invoker mode the block is
     * in the agent's selector; with I/O threads a wait for a reply (a message was sent since the last one arrived),
     * or any wait that lasted {@link #LEAD_AFTER_NS}, leads the selector when it can, and other waits park until
     * then at the latest.
     *
     * @param deadlineNs the wait's deadline, or 0 for none.
     * @param receiving  true for a wait for a message, false for a wait for room to send.
     * @throws RingmqException when another thread closed the socket (or its context) during the wait.
     */
    private void pause(final long deadlineNs, final boolean receiving)
    {
        if (closed)
        {
            throw new RingmqException("socket was closed while a call waited on it");
        }
        final boolean runIo = !inproc.inprocOnly();
        if (leadsAtOnce(runIo))
        {
            if (!waker.isArmed())
            {
                waker.arm();
            }
            else
            {
                context.block(deadlineNs, true, waker, agent, wait.remainingBudgetNs());
            }
        }
        else if (!wait.budgetSpent())
        {
            if (runIo && context.invoke() > 0)
            {
                wait.reset();
            }
            else
            {
                wait.step();
            }
        }
        else if (!waker.isArmed())
        {
            waker.arm();
        }
        else if (context.isInvokerMode() || (receiving && sentSinceReceive) ||
            System.nanoTime() - wait.idleSinceNs() >= LEAD_AFTER_NS)
        {
            context.block(deadlineNs, runIo, waker, agent, 0);
        }
        else
        {
            final long leadAt = wait.idleSinceNs() + LEAD_AFTER_NS;
            context.block(0 == deadlineNs || leadAt - deadlineNs < 0 ? leadAt : deadlineNs, runIo, waker, null, 0);
        }
    }

    /**
     * With I/O threads whose agent lends its selector, a wait leads at once when nobody runs the agent's I/O (a
     * leader let go of the selector moments ago, as a client or a server between round trips does, and the agent's
     * thread parks). While the agent's thread or another leader runs it, the wait spins and yields first: with many
     * threads on one agent, leading at once would pass the selector from thread to thread for every message.
     */
    private boolean leadsAtOnce(final boolean runIo)
    {
        return runIo && agent.unattended();
    }

    /**
     * A wait of the inproc routing (a pipe at its HWM): one round, with no deadline of its own.
     */
    private void pause()
    {
        pause(0, false);
    }

    /**
     * REQ: the inbound ring the reply to the latest request must come from.
     *
     * @return the ring, or null while the I/O agent has not routed the latest request yet.
     */
    FrameRing requestRing(final long requestsSent)
    {
        if (null != routing)
        {
            return routing.requestRing(core, requestsSent);
        }
        return core.routedRequests() < requestsSent ? null : core.lastRequestRing();
    }

    // --------------------------------------------------------------------------------------------- receive

    /**
     * Receive the next frame, waiting up to the receive timeout.
     *
     * @return the frame's bytes, or null when the timeout expired.
     */
    public byte[] recv()
    {
        checkCanReceive();
        writeWaitingBatch();
        if (!midMessage)
        {
            pattern.checkLockstepForReceive();
        }
        final int timeout = options.receiveTimeoutMs;
        long deadline = 0;
        boolean ranIo = false;
        wait.reset();
        try
        {
            while (true)
            {
                pollInproc();
                final byte[] frame = pollFrame();
                if (null != frame)
                {
                    sentSinceReceive = false;
                    return frame;
                }
                if (deadline == 0)
                {
                    deadline = deadline(timeout);
                }
                if (expired(timeout, deadline))
                {
                    if (!ranIo && runIoBeforeGivingUp(timeout))
                    {
                        ranIo = true;
                        continue;
                    }
                    // A thread that looks without waiting relies on the agent's thread to read the network.
                    agent.attend();
                    return null;
                }
                pause(deadline, true);
            }
        }
        finally
        {
            waker.disarm();
        }
    }

    private void pollInproc()
    {
        if (inproc.isActive())
        {
            inproc.poll();
        }
    }

    /**
     * @return the next frame for the application, or null when no whole message is waiting.
     */
    private byte[] pollFrame()
    {
        while (true)
        {
            final FrameRing ring = nextRing();
            if (null == ring)
            {
                return null;
            }
            if (!midMessage)
            {
                final int verdict = pattern.beginMessage(ring);
                if (verdict == Pattern.NOT_YET)
                {
                    return null;
                }
                if (verdict == Pattern.DROP)
                {
                    skipRestOfMessage(ring);
                    continue;
                }
                midMessage = true;
                inbound.stayOn(ring);
                if (pattern.prefixesRoutingId())
                {
                    receiveMore = true;
                    return ring.routingId().clone();
                }
            }

            copier.frame = null;
            if (ring.read(copier, 1) == 0)
            {
                return null;
            }
            final byte[] frame = copier.frame;
            final boolean more = copier.more;
            receiveView.wrap(frame);
            final int action = pattern.onFrame(receiveView, 0, frame.length, more);
            if (!more)
            {
                endOfMessage();
            }
            if (action == Pattern.DELIVER)
            {
                receiveMore = more;
                if (!more)
                {
                    pattern.onMessageDelivered();
                }
                return frame;
            }
            if (action == Pattern.DROP && more)
            {
                skipRestOfMessage(ring);
            }
        }
    }

    private void skipRestOfMessage(final FrameRing ring)
    {
        skipper.reset();
        ring.read(skipper, Integer.MAX_VALUE);
        endOfMessage();
    }

    private void endOfMessage()
    {
        midMessage = false;
        inbound.stayOn(null);
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
        return receiveMore;
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
        final int delivered = receiveNow(handler, messageLimit);
        if (0 == delivered)
        {
            // A thread that looks without waiting relies on the agent's thread to read the network.
            agent.attend();
        }
        return delivered;
    }

    private int receiveNow(final MessageHandler handler, final int messageLimit)
    {
        checkCanReceive();
        writeWaitingBatch();
        if (!midMessage)
        {
            pattern.checkLockstepForReceive();
        }
        pollInproc();
        final boolean runsIo = context.isInvokerMode() && !inproc.inprocOnly();
        final boolean ranIo = runsIo && !inbound.hasMessage();
        if (ranIo)
        {
            context.invoke();
        }
        final int delivered = deliver(handler, messageLimit);
        if (delivered > 0 || !runsIo || ranIo)
        {
            return delivered;
        }
        // What waits may not be deliverable yet (a REQ's reply before the agent routed its request): run the I/O.
        context.invoke();
        return deliver(handler, messageLimit);
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
        if (timeoutMs < -1)
        {
            throw new RingmqException("receive timeout must be >= -1: " + timeoutMs);
        }
        final long deadline = deadline(timeoutMs);
        wait.reset();
        try
        {
            while (true)
            {
                final int delivered = receiveNow(handler, messageLimit);
                if (delivered > 0 || expired(timeoutMs, deadline))
                {
                    sentSinceReceive &= delivered == 0;
                    if (0 == delivered)
                    {
                        agent.attend();
                    }
                    return delivered;
                }
                pause(deadline, true);
            }
        }
        finally
        {
            waker.disarm();
        }
    }

    private int deliver(final MessageHandler handler, final int messageLimit)
    {
        final HandlerAdapter adapter = handlerAdapter;
        adapter.begin(handler, messageLimit);
        while (adapter.messages < messageLimit && !adapter.blocked)
        {
            final FrameRing ring = nextRing();
            if (null == ring)
            {
                break;
            }
            adapter.ring = ring;
            final int frames = ring.read(adapter, Integer.MAX_VALUE);
            inbound.stayOn(midMessage ? ring : null);
            if (frames == 0)
            {
                break;
            }
        }
        adapter.handler = null;
        adapter.ring = null;
        return adapter.messages;
    }

    private FrameRing nextRing()
    {
        final FrameRing ring = inbound.nextReadable();
        if (null != ring && options.conflate && !receiveMore)
        {
            while (ring.availableMessages() > 1)
            {
                ring.read(MessageSkipper.INSTANCE, 1);
            }
        }
        return ring;
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
        return sendSubscription(true, prefix);
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
        return sendSubscription(false, prefix);
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

    private boolean sendSubscription(final boolean subscribe, final byte[] prefix)
    {
        checkOpen();
        if (!pattern.subscribes())
        {
            throw new RingmqException(
                "subscribe/unsubscribe are for SUB sockets (XSUB sends subscription messages): " + type);
        }
        final int at = claimSpace(1 + prefix.length, 0, false);
        if (at == FrameRing.INSUFFICIENT_CAPACITY)
        {
            return false;
        }
        final UnsafeBuffer ring = sendRing.buffer();
        ring.putByte(at, subscribe ? CommandEncoder.SUBSCRIBE_MESSAGE_PREFIX : CommandEncoder.CANCEL_MESSAGE_PREFIX);
        ring.putBytes(at + 1, prefix);
        afterFrame(ring, at, 1 + prefix.length, false);
        return true;
    }

    /**
     * @return messages dropped for peers at their high-water mark (PUB, XPUB), over the socket's life.
     */
    public long getDroppedMessages()
    {
        return core.droppedMessages() + inproc.droppedMessages() + discard.counters().get(Counter.MESSAGES_DROPPED);
    }

    /**
     * @param counter which one.
     * @return the socket's total for it over its life, all connections included; allocation-free, any thread.
     */
    public long getCounter(final Counter counter)
    {
        return totals.get(counter);
    }

    /**
     * @return a live view of the socket's totals: read it as often as you like, from any thread.
     */
    public CounterReader counters()
    {
        return totals;
    }

    /**
     * @return the live counters of each connection the socket has now, labelled with the peer's endpoint. A
     * control-plane call: it asks the I/O agent and allocates the list.
     */
    public List<CounterReader> connectionCounters()
    {
        checkOpen();
        final List<CounterReader> list = new ArrayList<>(call(core::connectionCounters));
        list.addAll(inproc.pipeCounters());
        return list;
    }

    // ---------------------------------------------------------------------------------------------- options

    /**
     * @param hwm outbound messages queued per peer before PUB drops or PUSH/PAIR block; 0 = no limit.
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
            call(() ->
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
        final Socket pair = context.monitorSocket(agent);
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
        pair.agentDriven = true;
        call(() ->
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
     *                  dropping the message silently.
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
     * ring and below the send high-water mark; PUB and XPUB never block). A type that cannot receive or send never
     * reports that event, nor does a REQ or REP whose lockstep forbids it (a REQ awaiting its reply is never
     * POLLOUT unless REQ_RELAXED; a REP owing a reply is never POLLIN). Reads the application side only and allocates nothing; in invoker mode nothing new
     * arrives unless something runs the I/O, as {@link Poller#poll(long)} does.
     *
     * @return {@link Poller#POLLIN} and {@link Poller#POLLOUT} bits; 0 once the socket is closed.
     */
    public int getEvents()
    {
        if (closed)
        {
            return 0;
        }
        pollInproc();
        int events = 0;
        if (pattern.canReceive() && (midMessage || pattern.mayReceive()) &&
            inbound.hasMessage())
        {
            events |= Poller.POLLIN;
        }
        if (pattern.canSend() && (sendingMore || pattern.maySend()) &&
            sendWouldNotBlock())
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
        return closed;
    }

    private boolean sendWouldNotBlock()
    {
        if (pattern.dropsWhenBehind())
        {
            return true;
        }
        if (!sendingMore && awaitsAPeer())
        {
            return false;
        }
        if (null != routing)
        {
            return routing.canSend();
        }
        final int hwm = options.sndHwm;
        return (sendingMore || hwm <= 0 || outRing.queuedMessages() < hwm) &&
            outRing.hasCapacity(FrameDescriptor.SHORT_HEADER_LENGTH + 1);
    }

    // -------------------------------------------------------------------------------------------- lifecycle

    /**
     * Close the socket. Queued messages are delivered for up to the linger period in the background; the
     * context's close waits for that.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        // A poller or proxy blocked on this socket looks again.
        waker.wake();
        context.inproc().close(inproc);
        while (!agent.submit(core::close))
        {
            context.idle(controlIdle, 0);
        }
        if (!agentDriven)
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
        controlIdle.reset();
        boolean lingerCut = false;
        while (!core.isClosed())
        {
            if (!lingerCut && Thread.currentThread().isInterrupted())
            {
                lingerCut = agent.submit(core::stopLingering);
            }
            context.idle(controlIdle, 0);
        }
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new RingmqException("socket is closed");
        }
    }

    private void checkCanSend()
    {
        checkOpen();
        pattern.checkCanSend();
    }

    private void checkCanReceive()
    {
        checkOpen();
        pattern.checkCanReceive();
    }

    /**
     * A call that does not wait (timeout 0) still runs one I/O duty cycle in invoker mode before giving up: no other
     * thread moves the bytes, so an application polling with timeout 0 would otherwise never see progress.
     *
     * @return true when a duty cycle ran and the caller should look again.
     */
    private boolean runIoBeforeGivingUp(final int timeoutMs)
    {
        if (timeoutMs != 0 || !context.isInvokerMode() || agentDriven)
        {
            return false;
        }
        context.invoke();
        return true;
    }

    private static long deadline(final int timeoutMs)
    {
        return timeoutMs > 0 ? System.nanoTime() + timeoutMs * 1_000_000L : 0;
    }

    private static boolean expired(final int timeoutMs, final long deadlineNs)
    {
        return timeoutMs == 0 || (timeoutMs > 0 && System.nanoTime() - deadlineNs >= 0);
    }

    private <T> T call(final Supplier<T> body)
    {
        final AgentCall<T> call = new AgentCall<>(body);
        controlIdle.reset();
        while (!agent.submit(call))
        {
            context.idle(controlIdle, 0);
        }
        while (!call.done)
        {
            context.idle(controlIdle, 0);
        }
        if (null != call.failure)
        {
            throw call.failure;
        }
        return call.result;
    }

    /**
     * A control-plane command run on the I/O agent, whose result the calling thread waits for; the agent unparks
     * that thread when it is done.
     */
    private static final class AgentCall<T> implements Runnable
    {
        private final Supplier<T> body;
        private final Thread caller = Thread.currentThread();
        private T result;
        private RuntimeException failure;
        private volatile boolean done;

        AgentCall(final Supplier<T> body)
        {
            this.body = body;
        }

        @Override
        public void run()
        {
            try
            {
                result = body.get();
            }
            catch (final RuntimeException ex)
            {
                failure = ex;
            }
            done = true;
            LockSupport.unpark(caller);
        }
    }

    /**
     * Copies one frame out of a ring for {@link #recv()}.
     */
    private static final class FrameCopier implements FrameVisitor
    {
        private byte[] frame;
        private boolean more;

        @Override
        public boolean onFrame(final DirectBuffer buffer, final int offset, final int length, final int flags)
        {
            frame = new byte[length];
            buffer.getBytes(offset, frame);
            more = FrameDescriptor.isMore(flags);
            return true;
        }
    }

    /**
     * Skips one whole message (conflation).
     */
    private static final class MessageSkipper implements FrameVisitor
    {
        static final MessageSkipper INSTANCE = new MessageSkipper();

        @Override
        public boolean onFrame(final DirectBuffer buffer, final int offset, final int length, final int flags)
        {
            return true;
        }
    }

    /**
     * Consumes frames up to and including the end of the current message.
     */
    private static final class RestOfMessageSkipper implements FrameVisitor
    {
        private boolean done;

        void reset()
        {
            done = false;
        }

        @Override
        public boolean onFrame(final DirectBuffer buffer, final int offset, final int length, final int flags)
        {
            if (done)
            {
                return false;
            }
            done = !FrameDescriptor.isMore(flags);
            return true;
        }
    }

    /**
     * Passes frames to a {@link MessageHandler} in place, applying the socket type's message rules (ROUTER's id
     * frame, REQ/REP envelopes), stopping at a message limit.
     */
    private final class HandlerAdapter implements FrameVisitor
    {
        private MessageHandler handler;
        private FrameRing ring;
        private int limit;
        private int messages;
        private boolean dropping;
        private boolean blocked;

        void begin(final MessageHandler handler, final int limit)
        {
            this.handler = handler;
            this.limit = limit;
            this.messages = 0;
            this.blocked = false;
        }

        @Override
        public boolean onFrame(final DirectBuffer buffer, final int offset, final int length, final int flags)
        {
            final boolean more = FrameDescriptor.isMore(flags);
            if (!midMessage)
            {
                if (messages >= limit)
                {
                    return false;
                }
                final int verdict = pattern.beginMessage(ring);
                if (verdict == Pattern.NOT_YET)
                {
                    blocked = true;
                    return false;
                }
                midMessage = true;
                dropping = verdict == Pattern.DROP;
                if (!dropping && pattern.prefixesRoutingId())
                {
                    final DirectBuffer id = ring.routingIdBuffer();
                    handler.onFrame(id, 0, id.capacity(), true);
                }
            }

            if (!dropping)
            {
                final int action = pattern.onFrame(buffer, offset, length, more);
                if (action == Pattern.DELIVER)
                {
                    handler.onFrame(buffer, offset, length, more);
                    if (!more)
                    {
                        messages++;
                        pattern.onMessageDelivered();
                    }
                }
                else if (action == Pattern.DROP)
                {
                    dropping = true;
                }
            }
            if (!more)
            {
                midMessage = false;
                dropping = false;
            }
            return true;
        }
    }

    /**
     * What the socket's pattern may ask of it; kept off the public API.
     */
    private final class Host implements PatternHost
    {
        @Override
        public boolean sendEnvelopeFrame(final DirectBuffer buffer, final int offset, final int length)
        {
            return Socket.this.sendEnvelopeFrame(buffer, offset, length);
        }

        @Override
        public FrameRing requestRing(final long requestsSent)
        {
            return Socket.this.requestRing(requestsSent);
        }

        @Override
        public boolean isRoutable(final DirectBuffer buffer, final int offset, final int length)
        {
            routingLookup.set(buffer, offset, length);
            pollInproc();
            return admission.hasPeer(routingLookup);
        }
    }
}
