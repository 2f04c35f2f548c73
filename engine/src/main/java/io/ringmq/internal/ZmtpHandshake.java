package io.ringmq.internal;

import java.util.Collections;

import io.ringmq.SocketEvent;
import io.ringmq.codec.Handshake;
import io.ringmq.codec.NullHandshake;
import io.ringmq.codec.ZmtpGreeting;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One connection's ZMTP handshake, on its I/O agent: the greeting in libzmq's stages, then the mechanism's commands
 * (the codec's {@link Handshake} and its {@link io.ringmq.codec.Mechanism}; NULL's READY exchange for now). It
 * reads what the connection read and writes into the connection's outbound buffer; the connection flushes when it
 * says it wrote.
 *
 * <p>Our greeting goes out in stages, as libzmq sends it: the 10-byte signature, the rest once the peer's
 * signature is in, READY once the peer's whole greeting is in. The connecting side speaks first; the accepting side
 * waits for the peer's first bytes. JeroMQ 0.6.0 stops dead (never writes, never reads again) when part of a peer's
 * greeting reaches it before it has written its own signature, which an accepting side that speaks at once makes
 * likely for a JeroMQ client. A peer silent for {@link #PEER_WAIT_NS} gets the whole greeting: it may be waiting
 * for us, or be a JeroMQ 0.6.0 whose first write was lost (it then moves only once a whole greeting reaches it).
 */
final class ZmtpHandshake
{
    /** How long a connection waits on a silent peer before it sends its whole greeting. */
    private static final long PEER_WAIT_NS = 100_000_000L;

    private final SocketCore core;
    private final OutboundBuffer out;
    private final Handshake handshake;
    private final boolean speaksFirst;
    private final UnsafeBuffer greeting = new UnsafeBuffer(new byte[ZmtpGreeting.LENGTH]);
    private boolean started;
    private long startedNs;
    private boolean signatureSent;
    private boolean greetingSent;

    /**
     * @param speaksFirst true on the connecting side.
     */
    ZmtpHandshake(final SocketCore core, final OutboundBuffer out, final boolean speaksFirst)
    {
        this.core = core;
        this.out = out;
        this.speaksFirst = speaksFirst;
        this.handshake = new NullHandshake(core.type().wireType(), core.config().maxCommandBytes());
    }

    /**
     * The stream is open: begin.
     *
     * @return true when something was written to flush.
     */
    boolean start(final long nowNs)
    {
        started = true;
        startedNs = nowNs;
        handshake.writeGreeting(greeting, 0);
        if (speaksFirst)
        {
            sendSignature();
            return true;
        }
        return false;
    }

    boolean isStarted()
    {
        return started;
    }

    /**
     * @return true when the handshake began longer than {@code timeoutNs} ago (HANDSHAKE_IVL, while not complete).
     */
    boolean startedBefore(final long nowNs, final long timeoutNs)
    {
        return started && nowNs - startedNs > timeoutNs;
    }

    /**
     * Send the whole greeting to a peer silent for {@link #PEER_WAIT_NS}.
     *
     * @return true when it did: something was written to flush.
     */
    boolean sendWholeGreetingIfDue(final long nowNs)
    {
        if (!started || greetingSent || nowNs - startedNs < PEER_WAIT_NS)
        {
            return false;
        }
        if (!signatureSent)
        {
            sendSignature();
        }
        sendRestOfGreeting();
        return true;
    }

    /**
     * Take the peer's handshake bytes.
     *
     * @return bytes consumed.
     */
    int onInbound(final DirectBuffer buffer, final int offset, final int length)
    {
        return handshake.onInbound(buffer, offset, length);
    }

    boolean hasFailed()
    {
        return handshake.state() == Handshake.State.FAILED;
    }

    boolean isComplete()
    {
        return handshake.state() == Handshake.State.COMPLETE;
    }

    /**
     * @return the monitor's event for a handshake that did not complete, as libzmq reports it: a protocol error when
     * the peer broke ZMTP, no detail when it went quiet or away.
     */
    int failureEvent()
    {
        return hasFailed() ? SocketEvent.HANDSHAKE_FAILED_PROTOCOL : SocketEvent.HANDSHAKE_FAILED_NO_DETAIL;
    }

    /**
     * @return the monitor's value for the failure: the ZMTP error's number, 0 for none.
     */
    int failureValue()
    {
        return null == handshake.error() ? 0 : handshake.error().ordinal();
    }

    /**
     * Write the next stage the peer's bytes so far call for.
     *
     * @return true when something was written to flush.
     */
    boolean continueHandshake()
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
        if (greetingSent && handshake.hasCommandDue())
        {
            // The mechanism's next command, if one is due: NULL's READY once.
            final int at = out.reserve(core.config().maxCommandBytes());
            final int written =
                handshake.writeNextCommand(out.buffer(), at, core.options().identity, Collections.emptyMap());
            out.commit(written);
            wrote |= written > 0;
        }
        return wrote;
    }

    /**
     * @return the Identity the peer sent in its READY, empty when none.
     */
    byte[] peerIdentity()
    {
        return handshake.peerIdentity();
    }

    boolean isPeerZmtp31()
    {
        return handshake.isPeerZmtp31();
    }

    private void sendSignature()
    {
        signatureSent = true;
        out.appendRaw(greeting, 0, ZmtpGreeting.SIGNATURE_LENGTH);
    }

    private void sendRestOfGreeting()
    {
        greetingSent = true;
        out.appendRaw(greeting, ZmtpGreeting.SIGNATURE_LENGTH, ZmtpGreeting.LENGTH - ZmtpGreeting.SIGNATURE_LENGTH);
    }
}
