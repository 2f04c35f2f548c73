package io.ringmq.internal;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.Arrays;
import java.util.Collections;

import io.ringmq.ContextConfig;
import io.ringmq.Counter;
import io.ringmq.SocketEvent;
import io.ringmq.codec.CommandEncoder;
import io.ringmq.codec.CommandFlyweight;
import io.ringmq.codec.FrameDecoder;
import io.ringmq.codec.FrameDescriptor;
import io.ringmq.codec.FrameHandler;
import io.ringmq.codec.NullHandshake;
import io.ringmq.codec.ZmtpCommand;
import io.ringmq.codec.ZmtpGreeting;
import io.ringmq.transport.StreamChannel;
import io.ringmq.transport.TransportException;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One ZMTP connection, owned by its socket's I/O agent: it reads the peer's bytes into a buffer of its own,
 * runs the handshake, decodes frames straight into its inbound ring (one copy from the read buffer, published a
 * whole message at a time) and writes whatever was routed to it from its outbound backlog.
 */
final class Connection implements FrameHandler, Selectable, PeerAdmission.Peer
{
    private static final int MODE_RING = 0;
    private static final int MODE_LARGE = 1;
    private static final int MODE_SCRATCH = 2;
    private static final int MODE_SKIP = 3;
    private static final int LARGE_INITIAL_BYTES = 64 * 1024;
    /** How long a connection waits on a silent peer before it sends its whole greeting. */
    private static final long PEER_WAIT_NS = 100_000_000L;

    private final SocketCore core;
    private final StreamChannel channel;
    private final Connector connector;
    private final String peerEndpoint;
    /** The endpoint the socket's monitor names: the connect() endpoint, or the bound one that accepted. */
    private final String eventEndpoint;
    private final ByteBuffer readByteBuffer;
    private final UnsafeBuffer readBuffer;
    private final NullHandshake handshake;
    private final FrameDecoder decoder;
    private final CommandFlyweight command = new CommandFlyweight();
    private final Heartbeat heartbeat = new Heartbeat();
    private final UnsafeBuffer scratch;
    private final UnsafeBuffer greeting = new UnsafeBuffer(new byte[ZmtpGreeting.LENGTH]);
    final FrameRing inRing;
    final OutboundBuffer out;
    final SubscriptionSet peerSubscriptions = new SubscriptionSet();

    private SelectionKey key;
    private RoutingKey routingKey;
    private boolean connecting;
    private boolean active;
    private boolean closed;
    /** Closed by the application (close, unbind, disconnect): not an event for the monitor. */
    private boolean closedOnRequest;
    private int handshakeFailure = SocketEvent.HANDSHAKE_FAILED_NO_DETAIL;
    private int handshakeFailureValue;
    private boolean writeInterest;
    private boolean handshakeStarted;
    private boolean signatureSent;
    private boolean greetingSent;
    private boolean readySent;
    private long handshakeStartedNs;
    private boolean readPaused;
    /** The peer closed its side while decoded-to-be bytes wait in the read buffer: close once they are delivered. */
    private boolean inputEnded;
    private boolean zmtp31;
    private int readStart;
    private int readEnd;

    private int mode;
    /** The decoder holds a frame whose header it consumed but which the inbound ring cannot take yet. */
    private boolean paused;
    private boolean firstFrame = true;
    private boolean discardMessage;
    private boolean oversized;
    private int bodyOffset;
    private int bodyWritten;
    /** Whole messages decoded in this processInbound() call, counted at its end. */
    private int messagesDecoded;
    /** When a connection that gets no data last read its socket under direct polling. */
    private long lastReadNs;
    private byte[] largeBody;
    private long largeLength;

    /** Set by routing: this connection takes the current outbound message. */
    boolean selected;
    /** This connection's traffic, added to the socket's totals as well. */
    final CounterSet counters;

    Connection(
        final SocketCore core, final StreamChannel channel, final Connector connector, final String peerEndpoint,
        final String eventEndpoint, final boolean connecting)
    {
        final ContextConfig config = core.config();
        this.core = core;
        this.channel = channel;
        this.connector = connector;
        this.peerEndpoint = peerEndpoint;
        this.eventEndpoint = eventEndpoint;
        this.connecting = connecting;
        this.readByteBuffer = ByteBuffer.allocateDirect(config.readBufferBytes());
        this.readBuffer = new UnsafeBuffer(readByteBuffer);
        this.handshake = new NullHandshake(core.type().wireType(), config.maxCommandBytes());
        this.decoder = new FrameDecoder(core.options().maxMsgSize, config.maxCommandBytes());
        this.scratch = new UnsafeBuffer(new byte[config.maxCommandBytes()]);
        this.inRing = new FrameRing(config.connectionRingBytes());
        // The application blocked in recv wakes at each message; the agent, paused on a full ring, when it drains.
        inRing.wakeConsumerWith(core.waker());
        inRing.wakeProducerWith(core.agent().inboundRoomWaker());
        this.out = new OutboundBuffer(config.writeBufferBytes(), core.options().sndHwm);
        this.counters = new CounterSet(peerEndpoint, core.counters());
    }

    void register(final IoAgent agent)
    {
        key = agent.register(channel.channel(), connecting ? SelectionKey.OP_CONNECT : 0, this);
        if (!connecting)
        {
            agent.directPolling().add(this);
            startHandshake();
        }
    }

    String peerEndpoint()
    {
        return peerEndpoint;
    }

    /**
     * @return the Identity the peer sent in its READY, empty when none.
     */
    byte[] peerIdentity()
    {
        return handshake.peerIdentity();
    }

    /**
     * @return the routing id connect() was told to give this peer (CONNECT_ROUTING_ID), or null.
     */
    byte[] assignedRoutingId()
    {
        return null == connector ? null : connector.routingId();
    }

    @Override
    public RoutingKey routingKey()
    {
        return routingKey;
    }

    @Override
    public void assignRoutingId(final RoutingKey key)
    {
        routingKey = key;
        inRing.routingId(key.toBytes());
    }

    boolean isActive()
    {
        return active;
    }

    boolean isClosed()
    {
        return closed;
    }

    boolean isZmtp31()
    {
        return zmtp31;
    }

    @Override
    public void onSelect(final int readyOps)
    {
        if (closed)
        {
            return;
        }
        if ((readyOps & SelectionKey.OP_CONNECT) != 0)
        {
            onConnectable();
            return;
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0)
        {
            flush();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0 && !closed)
        {
            onReadable();
        }
    }

    private void onConnectable()
    {
        try
        {
            if (channel.finishConnect())
            {
                connecting = false;
                core.agent().directPolling().add(this);
                core.emit(SocketEvent.CONNECTED, 0, eventEndpoint);
                startHandshake();
            }
        }
        catch (final TransportException ex)
        {
            close();
        }
    }

    /**
     * @return true when the handshake began longer than {@code timeoutNs} ago and has not completed (HANDSHAKE_IVL).
     */
    boolean isHandshakeOverdue(final long nowNs, final long timeoutNs)
    {
        return handshakeStarted && !active && !closed && nowNs - handshakeStartedNs > timeoutNs;
    }

    /**
     * Heartbeats: send a PING when one is due, close the connection when the peer has been silent too long.
     *
     * @return 1 when it did either, else 0.
     */
    int runHeartbeat(final long nowNs, final long intervalNs, final long timeoutNs, final int ttlDeciseconds)
    {
        if (!active || closed)
        {
            return 0;
        }
        if (heartbeat.hasExpired(nowNs, timeoutNs))
        {
            counters.increment(Counter.TIMEOUTS);
            close();
            return 1;
        }
        if (heartbeat.isPingDue(nowNs, intervalNs))
        {
            final int at = out.reserve(FrameDescriptor.MAX_HEADER_LENGTH + CommandFlyweight.PING_TTL_LENGTH + 8);
            out.commit(CommandEncoder.ping(out.buffer(), at, ttlDeciseconds, null, 0, 0));
            heartbeat.onPingSent(nowNs, intervalNs);
            core.markForFlush(this);
            return 1;
        }
        return 0;
    }

    private void startHandshake()
    {
        handshakeStarted = true;
        handshakeStartedNs = core.agent().nowNs();
        handshake.writeGreeting(greeting, 0);
        if (null != connector)
        {
            sendSignature();
            flush();
        }
    }

    private void sendSignature()
    {
        signatureSent = true;
        out.appendRaw(greeting, 0, ZmtpGreeting.SIGNATURE_LENGTH);
    }

    /**
     * A peer silent for {@link #PEER_WAIT_NS} may be waiting for us, or may be a JeroMQ 0.6.0 whose first write
     * was lost (it then moves only once a whole greeting reaches it): send our whole greeting.
     *
     * @return 1 when it did, else 0.
     */
    int sendGreetingIfDue(final long nowNs)
    {
        if (!handshakeStarted || greetingSent || closed || nowNs - handshakeStartedNs < PEER_WAIT_NS)
        {
            return 0;
        }
        if (!signatureSent)
        {
            sendSignature();
        }
        sendRestOfGreeting();
        flush();
        return 1;
    }

    private void sendRestOfGreeting()
    {
        greetingSent = true;
        out.appendRaw(greeting, ZmtpGreeting.SIGNATURE_LENGTH, ZmtpGreeting.LENGTH - ZmtpGreeting.SIGNATURE_LENGTH);
    }

    /**
     * Our greeting goes out in stages, as libzmq sends it: the 10-byte signature, the rest once the peer's
     * signature is in, READY once the peer's whole greeting is in. The connecting side speaks first; the accepting
     * side waits for the peer's first bytes. JeroMQ 0.6.0 stops dead (never writes, never reads again) when part
     * of a peer's greeting reaches it before it has written its own signature, which an accepting side that speaks
     * at once makes likely for a JeroMQ client. A peer silent for {@link #PEER_WAIT_NS} gets the whole greeting.
     */
    private void continueHandshake()
    {
        boolean wrote = false;
        if (!signatureSent)
        {
            sendSignature();
            wrote = true;
        }
        if (!greetingSent && handshake.greeting().signatureReceived())
        {
            sendRestOfGreeting();
            wrote = true;
        }
        if (greetingSent && !readySent && handshake.state() != NullHandshake.State.AWAITING_GREETING)
        {
            readySent = true;
            final int readyAt = out.reserve(core.config().maxCommandBytes());
            out.commit(handshake.writeReady(out.buffer(), readyAt, core.options().identity, Collections.emptyMap()));
            wrote = true;
        }
        if (wrote)
        {
            flush();
        }
    }

    /**
     * Try the socket without the selector ({@link DirectPolling}): write a backlog the kernel refused last time,
     * read what has arrived.
     *
     * @return work done.
     */
    int pollDirect()
    {
        int work = 0;
        if (writeInterest)
        {
            work += flush();
        }
        if (!readPaused && !inputEnded && !closed && (core.receivesData() || !active || isReadDue()))
        {
            work += onReadable();
        }
        return work;
    }

    /**
     * A PUB or PUSH peer sends no data, only subscriptions, heartbeats and its close: reading it every cycle would
     * cost a system call per cycle of a busy writer for nothing, so it is read every {@link IoAgent#SELECT_INTERVAL_NS}.
     */
    private boolean isReadDue()
    {
        final long now = core.agent().nowNs();
        if (now - lastReadNs < IoAgent.SELECT_INTERVAL_NS)
        {
            return false;
        }
        lastReadNs = now;
        return true;
    }

    private int onReadable()
    {
        if (readEnd == readBuffer.capacity())
        {
            compactReadBuffer();
            if (readEnd == readBuffer.capacity())
            {
                // The application is not draining this peer (its RCVHWM or ring is full): stop reading the socket,
                // which would otherwise be readable on every cycle and keep the agent from idling, to the cost
                // of every other connection it serves. processInbound() resumes once it makes room.
                readPaused = true;
                updateInterest();
                return 0;
            }
        }

        readByteBuffer.limit(readBuffer.capacity()).position(readEnd);
        final int bytesRead;
        try
        {
            bytesRead = channel.read(readByteBuffer);
        }
        catch (final TransportException ex)
        {
            close();
            return 0;
        }
        if (bytesRead <= 0)
        {
            if (bytesRead < 0)
            {
                onInputEnded();
            }
            return 0;
        }
        readEnd += bytesRead;
        heartbeat.onInbound(core.agent().nowNs());
        counters.add(Counter.BYTES_RECEIVED, bytesRead);
        processInbound();
        return bytesRead;
    }

    /**
     * The peer closed its side. What it sent before is delivered first: messages still in the read buffer (the
     * application had not made room for them yet) are decoded as room comes, and the connection closes after.
     */
    private void onInputEnded()
    {
        if (readStart < readEnd || paused)
        {
            inputEnded = true;
            // A closed stream stays readable: the selector would report it on every cycle.
            updateInterest();
        }
        else
        {
            close();
        }
    }

    /**
     * Decode what is buffered; called after a read and again on later duty cycles while the inbound ring was full.
     *
     * @return bytes consumed.
     */
    int processInbound()
    {
        final int before = readStart;
        while ((readStart < readEnd || paused) && !closed)
        {
            if (!active)
            {
                readStart += handshake.onInbound(readBuffer, readStart, readEnd - readStart);
                if (handshake.state() == NullHandshake.State.FAILED)
                {
                    counters.increment(Counter.PROTOCOL_ERRORS);
                    handshakeFailure = SocketEvent.HANDSHAKE_FAILED_PROTOCOL;
                    handshakeFailureValue = null == handshake.error() ? 0 : handshake.error().ordinal();
                    close();
                    break;
                }
                continueHandshake();
                if (handshake.state() != NullHandshake.State.COMPLETE)
                {
                    break;
                }
                activate();
                continue;
            }

            final int consumed = decoder.decode(readBuffer, readStart, readEnd - readStart, this);
            readStart += consumed;
            if (null != decoder.error() || oversized)
            {
                counters.increment(Counter.PROTOCOL_ERRORS);
                close();
                break;
            }
            if (consumed == 0)
            {
                break;
            }
        }

        if (messagesDecoded > 0)
        {
            // Counted once per batch: two stores per message cost the decoder a measurable share of its time.
            counters.add(Counter.MESSAGES_RECEIVED, messagesDecoded);
            messagesDecoded = 0;
        }
        final int consumed = readStart - before;
        if (readStart == readEnd)
        {
            readStart = 0;
            readEnd = 0;
        }
        if (readPaused && consumed > 0 && !closed && !inputEnded)
        {
            readPaused = false;
            updateInterest();
        }
        if (inputEnded && readStart == readEnd && !paused && !closed)
        {
            close();
        }
        return consumed;
    }

    boolean hasInboundBacklog()
    {
        // A paused frame may have no bytes left behind it (an empty body): it must be retried all the same.
        return (readStart < readEnd || paused) && active && !closed;
    }

    private void compactReadBuffer()
    {
        if (readStart > 0)
        {
            final int length = readEnd - readStart;
            readBuffer.putBytes(0, readBuffer, readStart, length);
            readStart = 0;
            readEnd = length;
        }
    }

    private void activate()
    {
        zmtp31 = handshake.isPeerZmtp31();
        if (!core.onHandshakeComplete(this))
        {
            close();
            return;
        }
        active = true;
        counters.increment(Counter.HANDSHAKES);
        core.emit(SocketEvent.HANDSHAKE_SUCCEEDED, 0, eventEndpoint);
        heartbeat.start(core.agent().nowNs(), core.options().heartbeatIvlMs * 1_000_000L);
        if (null != connector)
        {
            connector.onConnected();
        }
    }

    // ------------------------------------------------------------------------------------------------ inbound

    @Override
    public boolean onFrameStart(final int flags, final long length)
    {
        paused = false;
        final boolean more = FrameDescriptor.isMore(flags);
        if (discardMessage)
        {
            mode = MODE_SKIP;
            return true;
        }
        if (firstFrame && core.receivesSubscriptions() && !more && length >= 1 && length <= scratch.capacity())
        {
            mode = MODE_SCRATCH;
            bodyWritten = 0;
            return true;
        }
        if (!core.receivesData())
        {
            mode = MODE_SKIP;
            discardMessage = more;
            return true;
        }
        if (length > Integer.MAX_VALUE - FrameDescriptor.MAX_HEADER_LENGTH)
        {
            oversized = true;
            return false;
        }
        final int rcvHwm = core.options().rcvHwm;
        if (firstFrame && rcvHwm > 0 && inRing.queuedMessages() >= rcvHwm)
        {
            paused = true;
            return false;
        }

        bodyWritten = 0;
        if (length > inRing.maxInlineBody())
        {
            if (!inRing.canOfferLarge())
            {
                return pauseMidMessage();
            }
            mode = MODE_LARGE;
            largeLength = length;
            largeBody = new byte[(int)Math.min(length, LARGE_INITIAL_BYTES)];
            return true;
        }

        final int offset = inRing.claim((int)length, flags);
        if (offset == FrameRing.INSUFFICIENT_CAPACITY)
        {
            return pauseMidMessage();
        }
        mode = MODE_RING;
        bodyOffset = offset;
        return true;
    }

    private boolean pauseMidMessage()
    {
        paused = true;
        if (!firstFrame && inRing.queuedMessages() == 0)
        {
            // The reader has taken every whole message and the ring is still full: this message is larger than
            // the ring, so let the reader start on it rather than wait forever. Otherwise the reader frees space
            // by draining whole messages, and this one stays invisible until complete (delivery is atomic).
            inRing.publish();
        }
        return false;
    }

    @Override
    public void onFrameBody(final DirectBuffer buffer, final int offset, final int length)
    {
        switch (mode)
        {
            case MODE_RING:
                inRing.buffer().putBytes(bodyOffset + bodyWritten, buffer, offset, length);
                break;
            case MODE_SCRATCH:
                scratch.putBytes(bodyWritten, buffer, offset, length);
                break;
            case MODE_LARGE:
                if (bodyWritten + length > largeBody.length)
                {
                    largeBody = Arrays.copyOf(
                        largeBody, (int)Math.min(largeLength, Math.max(largeBody.length * 2L, bodyWritten + length)));
                }
                buffer.getBytes(offset, largeBody, bodyWritten, length);
                break;
            default:
                return;
        }
        bodyWritten += length;
    }

    @Override
    public void onFrameEnd(final int flags)
    {
        final boolean more = FrameDescriptor.isMore(flags);
        switch (mode)
        {
            case MODE_SCRATCH:
                core.onPeerMessage(this, scratch, 0, bodyWritten);
                break;
            case MODE_RING:
                if (firstFrame && core.filtersInbound() &&
                    !core.subscriptions().matches(inRing.buffer(), bodyOffset, bodyWritten))
                {
                    inRing.discardLastFrame();
                    discardMessage = more;
                }
                break;
            case MODE_LARGE:
                final UnsafeBuffer body = new UnsafeBuffer(largeBody, 0, bodyWritten);
                largeBody = null;
                if (firstFrame && core.filtersInbound() && !core.subscriptions().matches(body, 0, bodyWritten))
                {
                    discardMessage = more;
                }
                else
                {
                    inRing.offerLarge(body, flags);
                }
                break;
            default:
                break;
        }

        if (more)
        {
            firstFrame = false;
        }
        else
        {
            inRing.publish();
            messagesDecoded++;
            firstFrame = true;
            discardMessage = false;
        }
    }

    @Override
    public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        command.wrap(buffer, offset, length);
        switch (command.command())
        {
            case SUBSCRIBE:
            case CANCEL:
                if (core.receivesSubscriptions())
                {
                    core.onPeerSubscription(
                        this, command.command() == ZmtpCommand.SUBSCRIBE,
                        buffer, command.dataOffset(), command.dataLength());
                }
                break;
            case PING:
                if (command.isWellFormed())
                {
                    heartbeat.onPeerTtl(command.pingTtlDeciseconds());
                    final int at = out.reserve(FrameDescriptor.MAX_HEADER_LENGTH + 32);
                    out.commit(CommandEncoder.pong(
                        out.buffer(), at, buffer, command.pingContextOffset(), command.pingContextLength()));
                    core.markForFlush(this);
                }
                break;
            default:
                break;
        }
        return true;
    }

    /**
     * Deliver a message the agent itself produced (an XPUB subscription notice) to the application.
     */
    void deliverNotice(final byte first, final DirectBuffer rest, final int offset, final int length)
    {
        final int at = inRing.claim(1 + length, 0);
        if (at != FrameRing.INSUFFICIENT_CAPACITY)
        {
            inRing.buffer().putByte(at, first);
            inRing.buffer().putBytes(at + 1, rest, offset, length);
            inRing.publish();
        }
    }

    /**
     * Deliver a whole single-frame data message that arrived in the scratch buffer.
     */
    void deliverData(final DirectBuffer body, final int offset, final int length)
    {
        final int at = inRing.claim(length, 0);
        if (at != FrameRing.INSUFFICIENT_CAPACITY)
        {
            inRing.buffer().putBytes(at, body, offset, length);
            inRing.publish();
        }
    }

    // ----------------------------------------------------------------------------------------------- outbound

    /**
     * Write the backlog.
     *
     * @return bytes written.
     */
    int flush()
    {
        if (closed || connecting)
        {
            return 0;
        }
        final long queuedBefore = out.queuedMessages();
        final int written;
        try
        {
            written = out.flushTo(channel);
        }
        catch (final TransportException ex)
        {
            close();
            return 0;
        }
        if (written < 0)
        {
            close();
            return 0;
        }
        if (written > 0)
        {
            counters.add(Counter.BYTES_SENT, written);
            counters.add(Counter.MESSAGES_SENT, queuedBefore - out.queuedMessages());
        }
        final boolean wantWrite = !out.isEmpty();
        if (wantWrite != writeInterest)
        {
            writeInterest = wantWrite;
            updateInterest();
        }
        return written;
    }

    /**
     * Tell the selector what to report: OP_READ unless reading is paused, OP_WRITE while the kernel refuses the
     * backlog. Under direct polling the agent reads every cycle anyway and asks the selector only now and then,
     * but a sleeping agent needs the selector to wake it when the peer writes.
     */
    void updateInterest()
    {
        key.interestOps((readPaused || inputEnded ? 0 : SelectionKey.OP_READ) |
            (writeInterest ? SelectionKey.OP_WRITE : 0));
    }

    /**
     * @return true while the connection has a deadline the agent must wake for: its handshake (greeting wait,
     * HANDSHAKE_IVL), or heartbeats.
     */
    boolean needsTicks(final long heartbeatIvlNs)
    {
        return !closed && (!active ? handshakeStarted : heartbeat.needsTicks(heartbeatIvlNs));
    }

    /**
     * @return true when the backlog should be written now: not when the kernel last refused it, as the selector
     * reports when it can take more, and trying anyway would cost a system call per duty cycle per stalled peer.
     */
    boolean wantsFlush()
    {
        return !writeInterest && hasOutboundBacklog();
    }

    boolean hasOutboundBacklog()
    {
        return !out.isEmpty() && !connecting && !closed;
    }

    /**
     * @return true when messages wait to be written, once the handshake is done if it is still going on.
     */
    boolean hasQueuedOutbound()
    {
        return !out.isEmpty() && !closed;
    }

    /**
     * A peer on another transport, or a later one, took this one's routing id: close it in the agent's duty cycle.
     * The agent drains its commands every cycle, so a full queue is a moment's wait.
     */
    @Override
    public void evict()
    {
        while (!core.agent().submit(this::close))
        {
            Thread.yield();
        }
    }

    /**
     * Close the connection because the application closed, unbound or disconnected: the monitor hears nothing.
     */
    void closeOnRequest()
    {
        closedOnRequest = true;
        close();
    }

    /**
     * Close the connection; the socket forgets it and a connecting side schedules a reconnect. Unless the
     * application asked for it, the monitor hears of a handshake that failed and of the disconnect.
     */
    void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (!closedOnRequest && !connecting)
        {
            if (!active && handshakeStarted)
            {
                core.emit(handshakeFailure, handshakeFailureValue, eventEndpoint);
            }
            core.emit(SocketEvent.DISCONNECTED, 0, eventEndpoint);
        }
        if (null != key)
        {
            key.cancel();
        }
        if (!connecting)
        {
            core.agent().directPolling().remove(this);
        }
        channel.close();
        core.onConnectionClosed(this, active);
        inRing.close();
        active = false;
        if (null != connector)
        {
            connector.onDisconnected();
        }
    }
}
