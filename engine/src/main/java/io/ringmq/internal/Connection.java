package io.ringmq.internal;

import java.nio.channels.SelectionKey;

import io.ringmq.ContextConfig;
import io.ringmq.Counter;
import io.ringmq.SocketEvent;
import io.ringmq.codec.CommandFlyweight;
import io.ringmq.codec.FrameDecoder;
import io.ringmq.codec.ZmtpCommand;
import io.ringmq.transport.StreamChannel;
import io.ringmq.transport.TransportException;
import org.agrona.DirectBuffer;

/**
 * One ZMTP session, owned by its socket's I/O agent: it reads the peer's bytes through its {@link StreamEngine},
 * hands them to its {@link ZmtpHandshake} until that completes, then decodes frames into {@link InboundFrames}
 * (straight into its inbound ring), answers the peer's commands (subscriptions, PING), runs heartbeats, has the
 * engine write whatever was routed to it from its outbound backlog, and reports its life to the socket.
 */
final class Connection extends PeerAdmission.Peer implements Selectable
{
    private final SocketCore core;
    private final StreamEngine engine;
    private final Connector connector;
    private final String peerEndpoint;
    /** The endpoint the socket's monitor names: the connect() endpoint, or the bound one that accepted. */
    private final String eventEndpoint;
    /** The greeting and the mechanism's exchange, until the connection is active. */
    private final ZmtpHandshake handshake;
    private final FrameDecoder decoder;
    private final InboundFrames frames;
    private final CommandFlyweight command = new CommandFlyweight();
    private final Heartbeat heartbeat = new Heartbeat();
    final FrameRing inRing;
    final OutboundBuffer out;

    private boolean active;
    private boolean closed;
    /** Closed by the application (close, unbind, disconnect): not an event for the monitor. */
    private boolean closedOnRequest;
    private boolean zmtp31;

    /** When a connection that gets no data last read its socket under direct polling. */
    private long lastReadNs;

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
        this.engine = new StreamEngine(channel, config.readBufferBytes(), connecting);
        this.connector = connector;
        this.peerEndpoint = peerEndpoint;
        this.eventEndpoint = eventEndpoint;
        this.decoder = new FrameDecoder(core.options().maxMsgSize, config.maxCommandBytes());
        this.inRing = new FrameRing(config.connectionRingBytes());
        // The application blocked in recv wakes at each message; the agent, paused on a full ring, when it drains.
        inRing.wakeConsumerWith(core.waker());
        inRing.wakeProducerWith(core.agent().inboundRoomWaker());
        this.frames = new InboundFrames(core, this, inRing, config.maxCommandBytes());
        this.out = new OutboundBuffer(config.writeBufferBytes(), core.options().sndHwm);
        this.handshake = new ZmtpHandshake(core, out, null != connector);
        this.counters = new CounterSet(peerEndpoint, core.counters());
    }

    void register(final IoAgent agent)
    {
        engine.register(agent, this);
        if (!engine.isConnecting())
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
    FrameRing inboundRing()
    {
        return inRing;
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
            if (engine.finishConnect())
            {
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
        return !active && !closed && handshake.startedBefore(nowNs, timeoutNs);
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
            out.appendPing(ttlDeciseconds);
            heartbeat.onPingSent(nowNs, intervalNs);
            core.peers().markForFlush();
            return 1;
        }
        return 0;
    }

    private void startHandshake()
    {
        if (handshake.start(core.agent().nowNs()))
        {
            flush();
        }
    }

    /**
     * A peer silent for a while gets our whole greeting (see {@link ZmtpHandshake}).
     *
     * @return 1 when it did, else 0.
     */
    int sendGreetingIfDue(final long nowNs)
    {
        if (closed || !handshake.sendWholeGreetingIfDue(nowNs))
        {
            return 0;
        }
        flush();
        return 1;
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
        if (engine.isWriteBlocked())
        {
            work += flush();
        }
        if (engine.isReadable() && !closed && (core.receivesData() || !active || isReadDue()))
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
        final int bytesRead;
        try
        {
            bytesRead = engine.read();
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
        if (engine.hasUnread() || frames.isPaused())
        {
            engine.endInput();
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
        int consumed = 0;
        while ((engine.hasUnread() || frames.isPaused()) && !closed)
        {
            if (!active)
            {
                final int taken = handshake.onInbound(engine.buffer(), engine.unreadOffset(), engine.unreadLength());
                engine.consume(taken);
                consumed += taken;
                if (handshake.hasFailed())
                {
                    counters.increment(Counter.PROTOCOL_ERRORS);
                    close();
                    break;
                }
                if (handshake.continueHandshake())
                {
                    flush();
                }
                if (!handshake.isComplete())
                {
                    // The codec takes one handshake command at a time: read on while whole ones are left.
                    if (taken > 0 && engine.hasUnread())
                    {
                        continue;
                    }
                    break;
                }
                activate();
                continue;
            }

            final int decoded = decoder.decode(engine.buffer(), engine.unreadOffset(), engine.unreadLength(), frames);
            engine.consume(decoded);
            consumed += decoded;
            if (null != decoder.error() || frames.isOversized())
            {
                counters.increment(Counter.PROTOCOL_ERRORS);
                close();
                break;
            }
            if (decoded == 0)
            {
                break;
            }
        }

        final int messagesDecoded = frames.takeMessagesDecoded();
        if (messagesDecoded > 0)
        {
            counters.add(Counter.MESSAGES_RECEIVED, messagesDecoded);
        }
        if (engine.isInputEnded() && !engine.hasUnread() && !frames.isPaused() && !closed)
        {
            close();
        }
        return consumed;
    }

    boolean hasInboundBacklog()
    {
        // A paused frame may have no bytes left behind it (an empty body): it must be retried all the same.
        return (engine.hasUnread() || frames.isPaused()) && active && !closed;
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

    /**
     * A ZMTP command from the peer, after the handshake: subscriptions for the socket, PING answered with PONG.
     */
    void onCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        command.wrap(buffer, offset, length);
        switch (command.command())
        {
            case SUBSCRIBE:
            case CANCEL:
                if (core.receivesSubscriptions())
                {
                    core.peers().onPeerSubscription(
                        this, command.command() == ZmtpCommand.SUBSCRIBE,
                        buffer, command.dataOffset(), command.dataLength());
                }
                break;
            case PING:
                if (command.isWellFormed())
                {
                    heartbeat.onPeerTtl(command.pingTtlDeciseconds());
                    out.appendPong(buffer, command.pingContextOffset(), command.pingContextLength());
                    core.peers().markForFlush();
                }
                break;
            default:
                break;
        }
    }

    /**
     * Deliver a message the agent itself produced (an XPUB subscription notice) to the application.
     */
    void deliverNotice(final byte first, final DirectBuffer rest, final int offset, final int length)
    {
        frames.deliverNotice(first, rest, offset, length);
    }

    /**
     * Deliver a whole single-frame data message that arrived in the subscription scratch buffer.
     */
    void deliverData(final DirectBuffer body, final int offset, final int length)
    {
        frames.deliverData(body, offset, length);
    }

    // ----------------------------------------------------------------------------------------------- outbound

    /**
     * Write the backlog.
     *
     * @return bytes written.
     */
    int flush()
    {
        if (closed || engine.isConnecting())
        {
            return 0;
        }
        final long queuedBefore = out.queuedMessages();
        final int written;
        try
        {
            written = engine.write(out);
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
        return written;
    }

    /**
     * Ask the selector to report what this connection waits for (see {@link StreamEngine#updateInterest}).
     */
    void updateInterest()
    {
        engine.updateInterest();
    }

    /**
     * @return true while the connection has a deadline the agent must wake for: its handshake (greeting wait,
     * HANDSHAKE_IVL), or heartbeats.
     */
    boolean needsTicks(final long heartbeatIvlNs)
    {
        return !closed && (!active ? handshake.isStarted() : heartbeat.needsTicks(heartbeatIvlNs));
    }

    /**
     * @return true when the backlog should be written now: not when the kernel last refused it, as the selector
     * reports when it can take more, and trying anyway would cost a system call per duty cycle per stalled peer.
     */
    boolean wantsFlush()
    {
        return !engine.isWriteBlocked() && hasOutboundBacklog();
    }

    boolean hasOutboundBacklog()
    {
        return !out.isEmpty() && !engine.isConnecting() && !closed;
    }

    /**
     * @return true when messages wait to be written, once the handshake is done if it is still going on.
     */
    boolean hasQueuedOutbound()
    {
        return !out.isEmpty() && !closed;
    }

    /**
     * A peer on another transport, or a later one, took this one's routing id: close it now when this thread runs
     * the agent's work, else in the agent's next duty cycle (the agent drains its commands every cycle, so a full
     * queue is a moment's wait).
     */
    @Override
    void evict(final boolean byAgent)
    {
        if (byAgent)
        {
            close();
            return;
        }
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
        final boolean connecting = engine.isConnecting();
        if (!closedOnRequest && !connecting)
        {
            if (!active && handshake.isStarted())
            {
                core.emit(handshake.failureEvent(), handshake.failureValue(), eventEndpoint);
            }
            core.emit(SocketEvent.DISCONNECTED, 0, eventEndpoint);
        }
        if (!connecting)
        {
            core.agent().directPolling().remove(this);
        }
        engine.close();
        core.peers().onClosed(this, active);
        inRing.close();
        active = false;
        if (null != connector)
        {
            connector.onDisconnected();
        }
    }
}
