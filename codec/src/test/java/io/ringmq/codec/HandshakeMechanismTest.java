package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The seam a security mechanism plugs into: {@link Handshake} puts the mechanism's name and role in the greeting,
 * refuses a peer that names another, hands the mechanism every handshake command but ERROR, asks it for its own
 * commands only once the peer's greeting is in, and completes when the mechanism says the peer is ready.
 */
class HandshakeMechanismTest
{
    private static final byte[] HELLO = WireStream.commandBody("HELLO", Hex.ascii("client"));

    private final ScriptedMechanism mechanism = new ScriptedMechanism();
    private final Handshake handshake = new Handshake(mechanism, 512);

    @Test
    void theGreetingCarriesTheMechanismsNameAndRole()
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[ZmtpGreeting.LENGTH]);
        assertEquals(ZmtpGreeting.LENGTH, handshake.writeGreeting(out, 0));
        final byte[] greeting = new byte[ZmtpGreeting.LENGTH];
        out.getBytes(0, greeting);
        assertArrayEquals(Hex.ascii("PLAIN"), Arrays.copyOfRange(greeting, 12, 17), "mechanism name");
        assertArrayEquals(new byte[15], Arrays.copyOfRange(greeting, 17, 32), "name padded with zeros");
        assertEquals(1, greeting[32], "as-server");
    }

    @Test
    void aPeerNamingAnotherMechanismIsRefused()
    {
        feed(WireStream.greeting(3, 1, "NULL"));

        assertEquals(Handshake.State.FAILED, handshake.state());
        assertEquals(ZmtpError.MECHANISM_MISMATCH, handshake.error());
        assertEquals(0, mechanism.commandsSeen);
    }

    @Test
    void ourCommandsWaitForThePeersGreeting()
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[512]);
        assertFalse(handshake.hasCommandDue(), "before the greeting");
        assertEquals(0, handshake.writeNextCommand(out, 0, null, Collections.emptyMap()), "before the greeting");

        feed(WireStream.greeting(3, 1, "PLAIN"));

        assertEquals(Handshake.State.AWAITING_READY, handshake.state());
        assertTrue(handshake.hasCommandDue());
        final int written = handshake.writeNextCommand(out, 0, null, Collections.emptyMap());
        final byte[] command = new byte[written];
        out.getBytes(0, command);
        assertArrayEquals(new WireStream().command("HELLO", Hex.ascii("client")).toByteArray(), command);
        assertEquals(0, handshake.writeNextCommand(out, 0, null, Collections.emptyMap()), "nothing more is due");
        assertFalse(handshake.hasCommandDue());
    }

    @Test
    void theMechanismSeesThePeersCommandsUntilItIsComplete()
    {
        final byte[] peer = new WireStream()
            .raw(WireStream.greeting(3, 1, "PLAIN"))
            .command("WELCOME", new byte[0])
            .command("READY", WireStream.properties("Socket-Type", "DEALER"))
            .shortFrame(0x00, Hex.ascii("first message"))
            .toByteArray();

        final int consumed = feed(peer);

        assertEquals(2, mechanism.commandsSeen);
        assertEquals(Handshake.State.COMPLETE, handshake.state());
        assertNull(handshake.error());
        assertEquals(ZmtpSocketType.DEALER, handshake.peerSocketType());
        assertEquals(peer.length - 2 - "first message".length(), consumed, "the message is left for the stream");
    }

    @Test
    void anErrorFailsTheHandshakeWhateverTheMechanism()
    {
        final byte[] reason = Hex.ascii("denied");
        final byte[] data = new byte[1 + reason.length];
        data[0] = (byte)reason.length;
        System.arraycopy(reason, 0, data, 1, reason.length);
        feed(new WireStream().raw(WireStream.greeting(3, 1, "PLAIN")).command("ERROR", data).toByteArray());

        assertEquals(Handshake.State.FAILED, handshake.state());
        assertEquals(ZmtpError.PEER_ERROR, handshake.error());
        assertEquals("denied", handshake.peerErrorReason());
        assertEquals(0, mechanism.commandsSeen, "ERROR is the handshake's, not the mechanism's");
    }

    private int feed(final byte[] bytes)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        int consumed = 0;
        int taken;
        while (consumed < bytes.length && handshake.state() != Handshake.State.COMPLETE &&
            handshake.state() != Handshake.State.FAILED &&
            (taken = handshake.onInbound(buffer, consumed, bytes.length - consumed)) > 0)
        {
            consumed += taken;
        }
        return consumed;
    }

    /**
     * A server-side mechanism named PLAIN that sends one HELLO and takes any commands until the peer's READY, whose
     * metadata NULL's rules check: the shape of a real mechanism's exchange, none of its security.
     */
    private static final class ScriptedMechanism implements Mechanism
    {
        private final NullMechanism ready = new NullMechanism(ZmtpSocketType.ROUTER, 512);
        private boolean helloSent;
        private int commandsSeen;

        @Override
        public byte[] name()
        {
            return "PLAIN".getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public boolean asServer()
        {
            return true;
        }

        @Override
        public int writeNextCommand(
            final MutableDirectBuffer out, final int offset, final byte[] identity, final Map<String, byte[]> properties)
        {
            if (helloSent)
            {
                return 0;
            }
            helloSent = true;
            out.putByte(offset, (byte)0x04);
            out.putByte(offset + 1, (byte)HELLO.length);
            out.putBytes(offset + 2, HELLO);
            return 2 + HELLO.length;
        }

        @Override
        public boolean hasCommandDue()
        {
            return !helloSent;
        }

        @Override
        public ZmtpError onCommand(final CommandFlyweight command)
        {
            commandsSeen++;
            return command.command() == ZmtpCommand.READY ? ready.onCommand(command) : null;
        }

        @Override
        public boolean isComplete()
        {
            return ready.isComplete();
        }

        @Override
        public PeerMetadata peer()
        {
            return ready.peer();
        }

        @Override
        public void reset()
        {
            helloSent = false;
            commandsSeen = 0;
            ready.reset();
        }
    }
}
