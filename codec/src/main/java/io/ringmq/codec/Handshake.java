package io.ringmq.codec;

import java.util.Map;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One connection's ZMTP handshake, as a state machine over bytes: no I/O, no threads. The greeting and the framing
 * of commands are here, the same for every mechanism; what the mechanism sends and expects is its
 * {@link Mechanism}'s.
 *
 * <p>Our greeting and commands come from {@link #writeGreeting} and {@link #writeNextCommand}; when to send them
 * is the caller's choice: all at once never deadlocks against libzmq's staged greeting, and staging them as libzmq
 * does (signature, then the rest once {@link #greeting()} has the peer's signature, then the mechanism's commands
 * once the state leaves {@link State#AWAITING_GREETING}) spares peers that mishandle an early greeting. The peer's
 * bytes go through {@link #onInbound} until the state is {@link State#COMPLETE} or {@link State#FAILED}; bytes
 * after the handshake are left unconsumed and belong to the message stream.
 *
 * <p>Checked here: signature, version (3.0 and later), that the peer's mechanism is ours, that every frame is a
 * command, and ERROR, which fails the handshake for any mechanism. One instance per connection; {@link #reset()}
 * re-arms it for a reconnect.
 */
public class Handshake implements FrameHandler
{
    /** Where the handshake stands. */
    public enum State
    {
        /** Waiting for the rest of the peer's 64-byte greeting. */
        AWAITING_GREETING,
        /** Greeting accepted; the mechanism's commands are under way. */
        AWAITING_READY,
        /** The peer is ready; message traffic may flow. */
        COMPLETE,
        /** The connection must be closed; {@link #error()} says why. */
        FAILED
    }

    private final Mechanism mechanism;
    private final GreetingDecoder greeting = new GreetingDecoder();
    private final FrameDecoder decoder;
    private final CommandFlyweight command = new CommandFlyweight();

    private State state = State.AWAITING_GREETING;
    private ZmtpError error;

    /**
     * @param mechanism      the security mechanism both sides must name in their greetings.
     * @param maxCommandSize largest handshake command accepted.
     */
    public Handshake(final Mechanism mechanism, final int maxCommandSize)
    {
        this.mechanism = mechanism;
        this.decoder = new FrameDecoder(-1, maxCommandSize);
    }

    /**
     * Re-arm for a new connection.
     */
    public void reset()
    {
        state = State.AWAITING_GREETING;
        error = null;
        mechanism.reset();
        greeting.reset();
        decoder.reset();
    }

    /**
     * Write our greeting: ZMTP 3.1, the mechanism's name and as-server flag.
     *
     * @return {@link ZmtpGreeting#LENGTH}.
     */
    public int writeGreeting(final MutableDirectBuffer out, final int offset)
    {
        return ZmtpGreeting.encode(
            out, offset, ZmtpGreeting.VERSION_MINOR_3_1, mechanism.name(), mechanism.asServer());
    }

    /**
     * Write the mechanism's next command if one is due; call once the state has left
     * {@link State#AWAITING_GREETING}, and after each of the peer's bytes fed in.
     *
     * @param out        where to write, with room for the largest command.
     * @param identity   our routing id, or null; sent for REQ, DEALER and ROUTER only.
     * @param properties application metadata, names starting with {@code X-}.
     * @return bytes written; 0 when nothing is due.
     */
    public int writeNextCommand(
        final MutableDirectBuffer out, final int offset, final byte[] identity, final Map<String, byte[]> properties)
    {
        return state == State.AWAITING_GREETING ? 0 : mechanism.writeNextCommand(out, offset, identity, properties);
    }

    /**
     * @return true when the peer's greeting is in and the mechanism has a command to send now.
     */
    public boolean hasCommandDue()
    {
        return state != State.AWAITING_GREETING && mechanism.hasCommandDue();
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
                if (greeting.mechanismIs(mechanism.name()))
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
        if (command.command() == ZmtpCommand.ERROR)
        {
            if (command.isWellFormed())
            {
                mechanism.peer().acceptErrorReason(buffer, command.errorReasonOffset(), command.errorReasonLength());
            }
            else
            {
                mechanism.peer().acceptErrorReason(buffer, offset, 0);
            }
            fail(ZmtpError.PEER_ERROR);
            return false;
        }
        final ZmtpError refused = mechanism.onCommand(command);
        if (null != refused)
        {
            fail(refused);
        }
        else if (mechanism.isComplete())
        {
            state = State.COMPLETE;
        }
        // Stop after each command: what follows the last one is message traffic, which the caller decodes.
        return false;
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
        return mechanism.peer().socketType();
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
        return mechanism.peer().identity();
    }

    /**
     * @return length of the peer's Identity property, 0 when it sent none.
     */
    public int peerIdentityLength()
    {
        return mechanism.peer().identityLength();
    }

    /**
     * The peer's properties, for per-connection metadata. Walk them with a {@link MetadataReader} over
     * {@code [0, peerPropertiesLength())}.
     *
     * @return the buffer holding them.
     */
    public DirectBuffer peerProperties()
    {
        return mechanism.peer().properties();
    }

    /**
     * @return length of the peer's properties.
     */
    public int peerPropertiesLength()
    {
        return mechanism.peer().propertiesLength();
    }

    /**
     * @return the reason text of the peer's ERROR command, or an empty string.
     */
    public String peerErrorReason()
    {
        return error == ZmtpError.PEER_ERROR ?
            peerProperties().getStringWithoutLengthAscii(0, peerPropertiesLength()) : "";
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
