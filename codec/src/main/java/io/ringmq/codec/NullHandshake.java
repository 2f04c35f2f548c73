package io.ringmq.codec;

import java.util.Map;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The NULL mechanism handshake of one connection, as a state machine over bytes: no I/O, no threads.
 *
 * <p>Our side's greeting and READY come from {@link #writeGreeting} and {@link #writeReady}; when to send them is
 * the caller's choice: all at once never deadlocks against libzmq's staged greeting, and staging them as libzmq
 * does (signature, then the rest once {@link #greeting()} has the peer's signature, then READY once the state
 * leaves {@link State#AWAITING_GREETING}) spares peers that mishandle an early greeting. The peer's bytes go through
 * {@link #onInbound} until the state is {@link State#COMPLETE} or {@link State#FAILED}; bytes after the peer's
 * READY are left unconsumed and belong to the message stream.
 *
 * <p>Checked here: signature, version (3.0 and later), mechanism (NULL), that the first frame is READY or ERROR,
 * the properties' shape, the {@code Socket-Type} and its compatibility with ours. One instance per connection;
 * {@link #reset()} re-arms it for a reconnect.
 */
public final class NullHandshake implements FrameHandler
{
    /** Where the handshake stands. */
    public enum State
    {
        /** Waiting for the rest of the peer's 64-byte greeting. */
        AWAITING_GREETING,
        /** Greeting accepted; waiting for the peer's READY. */
        AWAITING_READY,
        /** The peer is ready; message traffic may flow. */
        COMPLETE,
        /** The connection must be closed; {@link #error()} says why. */
        FAILED
    }

    private final ZmtpSocketType localType;
    private final GreetingDecoder greeting = new GreetingDecoder();
    private final FrameDecoder decoder;
    private final CommandFlyweight command = new CommandFlyweight();
    private final MetadataReader metadata = new MetadataReader();
    private final UnsafeBuffer peerProperties;

    private State state = State.AWAITING_GREETING;
    private ZmtpError error;
    private ZmtpSocketType peerType;
    private int peerPropertiesLength;
    private int peerIdentityOffset;
    private int peerIdentityLength;

    /**
     * @param localType      our socket type, checked against the peer's.
     * @param maxCommandSize largest READY accepted; two buffers of this size are allocated now.
     */
    public NullHandshake(final ZmtpSocketType localType, final int maxCommandSize)
    {
        this.localType = localType;
        this.decoder = new FrameDecoder(-1, maxCommandSize);
        this.peerProperties = new UnsafeBuffer(new byte[maxCommandSize]);
    }

    /**
     * Re-arm for a new connection.
     */
    public void reset()
    {
        state = State.AWAITING_GREETING;
        error = null;
        peerType = null;
        peerPropertiesLength = 0;
        peerIdentityLength = 0;
        greeting.reset();
        decoder.reset();
    }

    /**
     * Write our greeting: ZMTP 3.1, NULL mechanism, as-server 0.
     *
     * @return {@link ZmtpGreeting#LENGTH}.
     */
    public int writeGreeting(final MutableDirectBuffer out, final int offset)
    {
        return ZmtpGreeting.encode(out, offset, ZmtpGreeting.VERSION_MINOR_3_1, ZmtpGreeting.MECHANISM_NULL, false);
    }

    /**
     * Write our READY.
     *
     * @param identity   our routing id, or null; sent for REQ, DEALER and ROUTER only.
     * @param properties application metadata, names starting with {@code X-}.
     * @return bytes written.
     */
    public int writeReady(
        final MutableDirectBuffer out, final int offset, final byte[] identity, final Map<String, byte[]> properties)
    {
        return ReadyEncoder.encode(out, offset, localType, identity, properties);
    }

    /**
     * Feed the peer's bytes.
     *
     * @return bytes consumed; the rest, once {@link State#COMPLETE}, are message traffic.
     */
    public int onInbound(final DirectBuffer buffer, final int offset, final int length)
    {
        int consumed = 0;
        if (state == State.AWAITING_GREETING)
        {
            consumed += greeting.decode(buffer, offset, length);
            if (null != greeting.error())
            {
                fail(greeting.error());
            }
            else if (greeting.isComplete())
            {
                if (greeting.mechanismIs(ZmtpGreeting.MECHANISM_NULL))
                {
                    state = State.AWAITING_READY;
                }
                else
                {
                    fail(ZmtpError.MECHANISM_MISMATCH);
                }
            }
        }

        if (state == State.AWAITING_READY && consumed < length)
        {
            consumed += decoder.decode(buffer, offset + consumed, length - consumed, this);
            if (null != decoder.error() && state == State.AWAITING_READY)
            {
                fail(decoder.error());
            }
        }

        return consumed;
    }

    @Override
    public boolean onFrameStart(final int flags, final long length)
    {
        fail(ZmtpError.UNEXPECTED_FRAME);
        return false;
    }

    @Override
    public void onFrameBody(final DirectBuffer buffer, final int offset, final int length)
    {
    }

    @Override
    public void onFrameEnd(final int flags)
    {
    }

    @Override
    public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        command.wrap(buffer, offset, length);
        switch (command.command())
        {
            case READY:
                onReady();
                break;
            case ERROR:
                peerPropertiesLength = 0;
                if (command.isWellFormed())
                {
                    peerPropertiesLength = command.errorReasonLength();
                    peerProperties.putBytes(0, buffer, command.errorReasonOffset(), peerPropertiesLength);
                }
                fail(ZmtpError.PEER_ERROR);
                break;
            default:
                fail(ZmtpError.UNEXPECTED_FRAME);
                break;
        }
        return false;
    }

    private void onReady()
    {
        peerPropertiesLength = command.dataLength();
        peerProperties.putBytes(0, command.buffer(), command.dataOffset(), peerPropertiesLength);

        metadata.wrap(peerProperties, 0, peerPropertiesLength);
        while (metadata.next())
        {
            if (metadata.nameIs(ReadyEncoder.SOCKET_TYPE))
            {
                peerType = ZmtpSocketType.fromWireName(peerProperties, metadata.valueOffset(), metadata.valueLength());
            }
            else if (metadata.nameIs(ReadyEncoder.IDENTITY))
            {
                peerIdentityOffset = metadata.valueOffset();
                peerIdentityLength = metadata.valueLength();
            }
        }

        if (metadata.isMalformed())
        {
            fail(ZmtpError.MALFORMED_METADATA);
        }
        else if (null == peerType)
        {
            fail(ZmtpError.UNKNOWN_SOCKET_TYPE);
        }
        else if (!localType.isCompatibleWith(peerType))
        {
            fail(ZmtpError.INCOMPATIBLE_SOCKET_TYPE);
        }
        else if (peerIdentityLength > ReadyEncoder.MAX_IDENTITY_LENGTH)
        {
            fail(ZmtpError.MALFORMED_METADATA);
        }
        else
        {
            state = State.COMPLETE;
        }
    }

    private void fail(final ZmtpError reason)
    {
        error = reason;
        state = State.FAILED;
    }

    /**
     * @return where the handshake stands.
     */
    public State state()
    {
        return state;
    }

    /**
     * @return why the handshake failed, or null.
     */
    public ZmtpError error()
    {
        return error;
    }

    /**
     * @return the peer's socket type, once complete.
     */
    public ZmtpSocketType peerSocketType()
    {
        return peerType;
    }

    /**
     * @return the peer's minor version, once its greeting arrived.
     */
    public int peerMinorVersion()
    {
        return greeting.minorVersion();
    }

    /**
     * @return true when the peer speaks ZMTP 3.1 or later: subscriptions go as commands.
     */
    public boolean isPeerZmtp31()
    {
        return greeting.isZmtp31OrLater();
    }

    /**
     * @return the greeting decoder, for staged senders that wait on the peer's signature.
     */
    public GreetingDecoder greeting()
    {
        return greeting;
    }

    /**
     * @return a copy of the peer's Identity property, empty when it sent none.
     */
    public byte[] peerIdentity()
    {
        final byte[] identity = new byte[peerIdentityLength];
        peerProperties.getBytes(peerIdentityOffset, identity);
        return identity;
    }

    /**
     * @return length of the peer's Identity property, 0 when it sent none.
     */
    public int peerIdentityLength()
    {
        return peerIdentityLength;
    }

    /**
     * The peer's READY properties, for per-connection metadata. Walk them with a {@link MetadataReader} over
     * {@code [0, peerPropertiesLength())}.
     *
     * @return the buffer holding them.
     */
    public DirectBuffer peerProperties()
    {
        return peerProperties;
    }

    /**
     * @return length of the peer's READY properties.
     */
    public int peerPropertiesLength()
    {
        return peerPropertiesLength;
    }

    /**
     * @return the reason text of the peer's ERROR command, or an empty string.
     */
    public String peerErrorReason()
    {
        return error == ZmtpError.PEER_ERROR ? peerProperties.getStringWithoutLengthAscii(0, peerPropertiesLength) : "";
    }

    /**
     * @return a short description of the failure for monitor events, naming the codec's reason.
     */
    public String failureDescription()
    {
        if (null == error)
        {
            return "";
        }
        if (error == ZmtpError.PEER_ERROR)
        {
            return error.description() + ": " + peerErrorReason();
        }
        return error.description();
    }
}
