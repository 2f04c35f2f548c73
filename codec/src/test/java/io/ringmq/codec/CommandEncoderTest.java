package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class CommandEncoderTest
{
    private static final UnsafeBuffer TOPIC = new UnsafeBuffer(Hex.ascii("topic"));

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);

    @Test
    void subscribeIsACommandWithThePrefixAsData()
    {
        final int length = CommandEncoder.subscribe(buffer, 0, TOPIC, 0, 5);

        assertFrame("04 0f 09 53 55 42 53 43 52 49 42 45 74 6f 70 69 63", length);
        assertEquals(length, CommandEncoder.frameLength(ZmtpCommand.SUBSCRIBE, 5));
    }

    @Test
    void subscribeToEverythingHasNoData()
    {
        final int length = CommandEncoder.subscribe(buffer, 0, null, 0, 0);

        assertFrame("04 0a 09 53 55 42 53 43 52 49 42 45", length);
    }

    @Test
    void cancelIsACommandWithThePrefixAsData()
    {
        final int length = CommandEncoder.cancel(buffer, 0, TOPIC, 0, 5);

        assertFrame("04 0c 06 43 41 4e 43 45 4c 74 6f 70 69 63", length);
    }

    @Test
    void zmtp31PeersGetSubscriptionCommands()
    {
        int length = CommandEncoder.subscription(buffer, 0, true, true, TOPIC, 0, 5);
        assertFrame("04 0f 09 53 55 42 53 43 52 49 42 45 74 6f 70 69 63", length);

        length = CommandEncoder.subscription(buffer, 0, true, false, TOPIC, 0, 5);
        assertFrame("04 0c 06 43 41 4e 43 45 4c 74 6f 70 69 63", length);
        assertEquals(length + 3, CommandEncoder.subscriptionLength(true, 5));
    }

    @Test
    void zmtp30PeersGetSubscriptionMessages()
    {
        int length = CommandEncoder.subscription(buffer, 0, false, true, TOPIC, 0, 5);
        assertFrame("00 06 01 74 6f 70 69 63", length);
        assertEquals(length, CommandEncoder.subscriptionLength(false, 5));

        length = CommandEncoder.subscription(buffer, 0, false, false, TOPIC, 0, 5);
        assertFrame("00 06 00 74 6f 70 69 63", length);

        length = CommandEncoder.subscription(buffer, 0, false, true, null, 0, 0);
        assertFrame("00 01 01", length);
        assertEquals(3, CommandEncoder.subscriptionLength(false, 0));
    }

    @Test
    void zmtp30SubscriptionWithLongPrefixUsesTheLongFrameForm()
    {
        final UnsafeBuffer prefix = new UnsafeBuffer(new byte[255]);

        final int length = CommandEncoder.subscription(buffer, 0, false, true, prefix, 0, 255);

        assertEquals(9 + 256, length);
        assertEquals("02 00 00 00 00 00 00 01 00 01", Hex.of(buffer, 0, 10));
        assertEquals(length, CommandEncoder.subscriptionLength(false, 255));
    }

    @Test
    void subscribeAboveTwoHundredFiftyFiveBytesUsesTheLongCommandForm()
    {
        final UnsafeBuffer prefix = new UnsafeBuffer(WireStream.bytes(300, 7));

        final int length = CommandEncoder.subscribe(buffer, 0, prefix, 0, 300);

        assertEquals(9 + 310, length);
        assertEquals("06 00 00 00 00 00 00 01 36 09", Hex.of(buffer, 0, 10));
        assertEquals(Hex.of(prefix.byteArray()), Hex.of(buffer, 19, 300));
    }

    @Test
    void pingCarriesTtlInDecisecondsAndContext()
    {
        final int length = CommandEncoder.ping(buffer, 0, 300, new UnsafeBuffer(Hex.ascii("hb-7")), 0, 4);

        assertFrame("04 0b 04 50 49 4e 47 01 2c 68 62 2d 37", length);
    }

    @Test
    void pingWithoutTtlOrContext()
    {
        final int length = CommandEncoder.ping(buffer, 0, 0, null, 0, 0);

        assertFrame("04 07 04 50 49 4e 47 00 00", length);
    }

    @Test
    void pingTtlUsesAllSixteenBits()
    {
        final int length = CommandEncoder.ping(buffer, 0, 65535, null, 0, 0);

        assertFrame("04 07 04 50 49 4e 47 ff ff", length);
    }

    @Test
    void pingContextIsTruncatedToSixteenBytes()
    {
        final UnsafeBuffer context = new UnsafeBuffer(Hex.ascii("0123456789abcdefXYZ"));

        final int length = CommandEncoder.ping(buffer, 0, 1, context, 0, 19);

        assertFrame("04 17 04 50 49 4e 47 00 01 " + Hex.of(Hex.ascii("0123456789abcdef")), length);
    }

    @Test
    void pongEchoesTheContext()
    {
        final int length = CommandEncoder.pong(buffer, 0, new UnsafeBuffer(Hex.ascii("hb-7")), 0, 4);

        assertFrame("04 09 04 50 4f 4e 47 68 62 2d 37", length);
    }

    @Test
    void pongWithEmptyContext()
    {
        final int length = CommandEncoder.pong(buffer, 0, null, 0, 0);

        assertFrame("04 05 04 50 4f 4e 47", length);
    }

    @Test
    void errorCarriesALengthPrefixedReason()
    {
        final int length = CommandEncoder.error(buffer, 0, Hex.ascii("Invalid socket type"));

        assertFrame(
            "04 1a 05 45 52 52 4f 52 13 49 6e 76 61 6c 69 64 20 73 6f 63 6b 65 74 20 74 79 70 65", length);
    }

    @Test
    void errorReasonIsTruncatedTo255Bytes()
    {
        final int length = CommandEncoder.error(buffer, 0, new byte[400]);

        assertEquals(9 + 1 + 5 + 1 + 255, length);
        assertEquals("06 00 00 00 00 00 00 01 06 05 45 52 52 4f 52 ff", Hex.of(buffer, 0, 16));
    }

    @Test
    void commandsAreWrittenAtTheGivenOffset()
    {
        buffer.setMemory(0, 64, (byte)0x5A);

        final int length = CommandEncoder.pong(buffer, 10, null, 0, 0);

        assertEquals("5a 04 05 04 50 4f 4e 47 5a", Hex.of(buffer, 9, length + 2));
    }

    private void assertFrame(final String expectedHex, final int length)
    {
        assertEquals(expectedHex, Hex.of(buffer, 0, length));
    }
}
