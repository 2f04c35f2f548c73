package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class ReadyEncoderTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);

    @Test
    void dealerWithEmptyIdentityMatchesTheRfc23WorkedExample()
    {
        assertReady("ready-dealer-empty-identity.hex", ZmtpSocketType.DEALER, new byte[0], Collections.emptyMap());
    }

    @Test
    void dealerWithNoIdentityStillSendsAnEmptyIdentity()
    {
        assertReady("ready-dealer-empty-identity.hex", ZmtpSocketType.DEALER, null, Collections.emptyMap());
    }

    @Test
    void routerSendsAnIdentityAsLibzmqDoes()
    {
        assertReady("ready-router-empty-identity.hex", ZmtpSocketType.ROUTER, null, Collections.emptyMap());
    }

    @Test
    void pubSendsSocketTypeOnly()
    {
        assertReady("ready-pub.hex", ZmtpSocketType.PUB, Hex.ascii("ignored"), Collections.emptyMap());
    }

    @Test
    void reqSendsItsIdentity()
    {
        assertReady("ready-req-identity.hex", ZmtpSocketType.REQ, Hex.ascii("client-1"), Collections.emptyMap());
    }

    @Test
    void applicationPropertiesFollowSocketType()
    {
        assertReady(
            "ready-push-metadata.hex", ZmtpSocketType.PUSH, null, Collections.singletonMap("X-Desk", Hex.ascii("fx")));
    }

    @Test
    void onlyReqDealerAndRouterSendAnIdentity()
    {
        for (final ZmtpSocketType type : ZmtpSocketType.values())
        {
            final int length = ReadyEncoder.encode(buffer, 0, type, Hex.ascii("id"), Collections.emptyMap());
            final String frame = Hex.of(buffer, 0, length);
            final boolean hasIdentity = frame.contains(Hex.of(Hex.ascii("Identity")));
            final boolean expected =
                type == ZmtpSocketType.REQ || type == ZmtpSocketType.DEALER || type == ZmtpSocketType.ROUTER;
            assertEquals(expected, hasIdentity, type.name());
        }
    }

    @Test
    void readyAboveTwoHundredFiftyFiveBytesUsesTheLongCommandForm()
    {
        final Map<String, byte[]> properties = new LinkedHashMap<>();
        properties.put("X-Big", new byte[300]);

        final int length = ReadyEncoder.encode(buffer, 0, ZmtpSocketType.PAIR, null, properties);

        final int body = 6 + (1 + 11 + 4 + 4) + (1 + 5 + 4 + 300);
        assertEquals(9 + body, length);
        assertEquals(length, ReadyEncoder.frameLength(ZmtpSocketType.PAIR, null, properties));
        assertEquals("06 00 00 00 00 00 00 01 50", Hex.of(buffer, 0, 9));
    }

    @Test
    void applicationPropertyNamesMustStartWithX()
    {
        assertThrows(IllegalArgumentException.class, () -> ReadyEncoder.encode(
            buffer, 0, ZmtpSocketType.PUSH, null, Collections.singletonMap("Desk", Hex.ascii("fx"))));
    }

    private void assertReady(
        final String fixture, final ZmtpSocketType type, final byte[] identity, final Map<String, byte[]> properties)
    {
        final byte[] expected = Hex.fixture(fixture);

        final int length = ReadyEncoder.encode(buffer, 0, type, identity, properties);

        assertEquals(Hex.of(expected), Hex.of(buffer, 0, length));
        assertEquals(expected.length, ReadyEncoder.frameLength(type, identity, properties));
    }
}
