package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ordered pair of the 11 socket types against the table of legal pairs (RFC 23, enforced by libzmq's
 * mechanism_t::check_socket_type): REQ-{REP,ROUTER}, REP-{REQ,DEALER}, DEALER-{REP,DEALER,ROUTER},
 * ROUTER-{REQ,DEALER,ROUTER}, PUB/XPUB-{SUB,XSUB}, SUB/XSUB-{PUB,XPUB}, PUSH-PULL, PAIR-PAIR.
 */
class SocketTypeCompatibilityTest
{
    private static final Set<String> LEGAL = Set.of(
        "REQ-REP", "REQ-ROUTER",
        "REP-REQ", "REP-DEALER",
        "DEALER-REP", "DEALER-DEALER", "DEALER-ROUTER",
        "ROUTER-REQ", "ROUTER-DEALER", "ROUTER-ROUTER",
        "PUB-SUB", "PUB-XSUB", "XPUB-SUB", "XPUB-XSUB",
        "SUB-PUB", "SUB-XPUB", "XSUB-PUB", "XSUB-XPUB",
        "PUSH-PULL", "PULL-PUSH",
        "PAIR-PAIR");

    static List<Arguments> everyOrderedPair()
    {
        final List<Arguments> pairs = new ArrayList<>();
        for (final ZmtpSocketType local : ZmtpSocketType.values())
        {
            for (final ZmtpSocketType peer : ZmtpSocketType.values())
            {
                pairs.add(Arguments.of(local, peer));
            }
        }
        return pairs;
    }

    @Test
    void thereAreElevenTypesAndTwentyOneLegalOrderedPairs()
    {
        assertEquals(11, ZmtpSocketType.values().length);
        int legal = 0;
        for (final Arguments pair : everyOrderedPair())
        {
            final ZmtpSocketType local = (ZmtpSocketType)pair.get()[0];
            final ZmtpSocketType peer = (ZmtpSocketType)pair.get()[1];
            legal += local.isCompatibleWith(peer) ? 1 : 0;
        }
        assertEquals(LEGAL.size(), legal);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("everyOrderedPair")
    void compatibilityFollowsTheTable(final ZmtpSocketType local, final ZmtpSocketType peer)
    {
        final boolean expected = LEGAL.contains(local + "-" + peer);

        assertEquals(expected, local.isCompatibleWith(peer));
        assertEquals(expected, peer.isCompatibleWith(local), "the table is symmetric");
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("everyOrderedPair")
    void handshakeAcceptsExactlyTheLegalPairs(final ZmtpSocketType local, final ZmtpSocketType peer)
    {
        final NullHandshake handshake = new NullHandshake(local, 512);
        final byte[] bytes = new WireStream().raw(WireStream.greeting(3, 1, "NULL"))
            .command("READY", WireStream.properties("Socket-Type", peer.name())).toByteArray();

        handshake.onInbound(new UnsafeBuffer(bytes), 0, bytes.length);

        if (LEGAL.contains(local + "-" + peer))
        {
            assertEquals(NullHandshake.State.COMPLETE, handshake.state());
            assertNull(handshake.error());
            assertEquals(peer, handshake.peerSocketType());
        }
        else
        {
            assertEquals(NullHandshake.State.FAILED, handshake.state());
            assertEquals(ZmtpError.INCOMPATIBLE_SOCKET_TYPE, handshake.error());
        }
    }

    @Test
    void wireNamesAreTheUpperCaseTypeNames()
    {
        for (final ZmtpSocketType type : ZmtpSocketType.values())
        {
            final byte[] name = Hex.ascii(type.name());
            assertEquals(type, ZmtpSocketType.fromWireName(new UnsafeBuffer(name), 0, name.length));
            assertEquals(Hex.of(name), Hex.of(type.wireName()));
        }
        assertNull(ZmtpSocketType.fromWireName(new UnsafeBuffer(Hex.ascii("PUBX")), 0, 4));
        assertNull(ZmtpSocketType.fromWireName(new UnsafeBuffer(Hex.ascii("PUBX")), 0, 2));
    }
}
