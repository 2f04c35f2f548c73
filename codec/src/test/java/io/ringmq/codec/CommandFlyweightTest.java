package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class CommandFlyweightTest
{
    private final CommandFlyweight command = new CommandFlyweight();

    @Test
    void pingExposesTtlAndContext()
    {
        final UnsafeBuffer body = body("04 50 49 4e 47 01 2c 68 62 2d 37");

        command.wrap(body, 0, body.capacity());

        assertEquals(ZmtpCommand.PING, command.command());
        assertTrue(command.isWellFormed());
        assertEquals(300, command.pingTtlDeciseconds());
        assertEquals("68 62 2d 37", Hex.of(body, command.pingContextOffset(), command.pingContextLength()));
    }

    @Test
    void pingContextIsReadTruncatedToSixteenBytes()
    {
        final UnsafeBuffer body = new UnsafeBuffer(WireStream.commandBody("PING", new byte[2 + 20]));

        command.wrap(body, 0, body.capacity());

        assertEquals(16, command.pingContextLength());
    }

    @Test
    void pingWithoutTtlIsMalformed()
    {
        final UnsafeBuffer body = body("04 50 49 4e 47 01");

        command.wrap(body, 0, body.capacity());

        assertEquals(ZmtpCommand.PING, command.command());
        assertFalse(command.isWellFormed());
    }

    @Test
    void errorExposesItsReason()
    {
        final UnsafeBuffer body = body("05 45 52 52 4f 52 03 34 30 30");

        command.wrap(body, 0, body.capacity());

        assertEquals(ZmtpCommand.ERROR, command.command());
        assertTrue(command.isWellFormed());
        assertEquals("400", body.getStringWithoutLengthAscii(command.errorReasonOffset(), command.errorReasonLength()));
    }

    @Test
    void errorWhoseReasonRunsPastTheBodyIsMalformed()
    {
        final UnsafeBuffer body = body("05 45 52 52 4f 52 09 34 30 30");

        command.wrap(body, 0, body.capacity());

        assertFalse(command.isWellFormed());
    }

    @Test
    void subscribeDataIsThePrefix()
    {
        final UnsafeBuffer body = body("ee 09 53 55 42 53 43 52 49 42 45 74 6f 70 69 63 ee");

        command.wrap(body, 1, body.capacity() - 2);

        assertEquals(ZmtpCommand.SUBSCRIBE, command.command());
        assertEquals("74 6f 70 69 63", Hex.of(body, command.dataOffset(), command.dataLength()));
    }

    @Test
    void commandNamesAreMatchedExactly()
    {
        final UnsafeBuffer lower = body("04 70 69 6e 67 00 00");
        assertEquals(ZmtpCommand.UNKNOWN, command.wrap(lower, 0, lower.capacity()).command());

        final UnsafeBuffer other = body("05 48 45 4c 4c 4f 01");
        assertEquals(ZmtpCommand.UNKNOWN, command.wrap(other, 0, other.capacity()).command());
        assertEquals(1, command.dataLength());
    }

    @Test
    void nameLengthPastTheBodyIsUnknownWithNoData()
    {
        final UnsafeBuffer body = body("09 53 55 42");

        command.wrap(body, 0, body.capacity());

        assertEquals(ZmtpCommand.UNKNOWN, command.command());
        assertEquals(0, command.dataLength());
    }

    @Test
    void readyPropertiesAreWalkedInPlace()
    {
        final byte[] frame = Hex.fixture("ready-req-identity.hex");
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        command.wrap(buffer, 2, frame.length - 2);
        assertEquals(ZmtpCommand.READY, command.command());

        final MetadataReader reader = new MetadataReader().wrap(buffer, command.dataOffset(), command.dataLength());

        assertTrue(reader.next());
        assertTrue(reader.nameIs(ReadyEncoder.SOCKET_TYPE));
        assertEquals("REQ", buffer.getStringWithoutLengthAscii(reader.valueOffset(), reader.valueLength()));
        assertTrue(reader.next());
        assertTrue(reader.nameIs(Hex.ascii("identity")));
        assertEquals("client-1", buffer.getStringWithoutLengthAscii(reader.valueOffset(), reader.valueLength()));
        assertFalse(reader.next());
        assertFalse(reader.isMalformed());
    }

    @Test
    void metadataWithTruncatedValueLengthIsMalformed()
    {
        final UnsafeBuffer buffer = body("0b 53 6f 63 6b 65 74 2d 54 79 70 65 00 00");

        final MetadataReader reader = new MetadataReader().wrap(buffer, 0, buffer.capacity());

        assertFalse(reader.next());
        assertTrue(reader.isMalformed());
    }

    @Test
    void metadataWithValuePastTheEndIsMalformed()
    {
        final UnsafeBuffer buffer = body("01 41 00 00 00 05 61 62");

        final MetadataReader reader = new MetadataReader().wrap(buffer, 0, buffer.capacity());

        assertFalse(reader.next());
        assertTrue(reader.isMalformed());
    }

    @Test
    void metadataValueLengthAboveTwoGigabytesIsMalformed()
    {
        final UnsafeBuffer buffer = body("01 41 ff ff ff ff 61 62");

        final MetadataReader reader = new MetadataReader().wrap(buffer, 0, buffer.capacity());

        assertFalse(reader.next());
        assertTrue(reader.isMalformed());
    }

    @Test
    void metadataWithEmptyNameIsMalformed()
    {
        final UnsafeBuffer buffer = body("00 00 00 00 00");

        final MetadataReader reader = new MetadataReader().wrap(buffer, 0, buffer.capacity());

        assertFalse(reader.next());
        assertTrue(reader.isMalformed());
    }

    private static UnsafeBuffer body(final String hex)
    {
        return new UnsafeBuffer(Hex.parse(hex));
    }
}
