package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class ZmtpGreetingTest
{
    @Test
    void greetingIsTheSixtyFourGoldenBytes()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);

        final int length = ZmtpGreeting.encode(
            buffer, 0, ZmtpGreeting.VERSION_MINOR_3_1, ZmtpGreeting.MECHANISM_NULL, false);

        assertEquals(64, length);
        assertEquals(Hex.of(Hex.fixture("greeting-null-3.1.hex")), Hex.of(buffer.byteArray()));
    }

    @Test
    void nullHandshakeWritesTheSameGreeting()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);

        final int length = new NullHandshake(ZmtpSocketType.DEALER, 512).writeGreeting(buffer, 0);

        assertEquals(64, length);
        assertArrayEquals(Hex.fixture("greeting-null-3.1.hex"), buffer.byteArray());
    }

    @Test
    void greetingOverwritesStaleBytesAndLeavesItsNeighboursAlone()
    {
        final byte[] bytes = new byte[70];
        java.util.Arrays.fill(bytes, (byte)0xAA);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);

        ZmtpGreeting.encode(buffer, 3, ZmtpGreeting.VERSION_MINOR_3_1, ZmtpGreeting.MECHANISM_NULL, false);

        final byte[] greeting = new byte[64];
        buffer.getBytes(3, greeting);
        assertArrayEquals(Hex.fixture("greeting-null-3.1.hex"), greeting);
        assertEquals((byte)0xAA, bytes[2]);
        assertEquals((byte)0xAA, bytes[67]);
    }

    @Test
    void asServerAndMinorVersionLandInTheirBytes()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);

        ZmtpGreeting.encode(buffer, 0, ZmtpGreeting.VERSION_MINOR_3_0, Hex.ascii("PLAIN"), true);

        assertEquals("03 00", Hex.of(buffer, 10, 2));
        assertEquals("50 4c 41 49 4e 00", Hex.of(buffer, 12, 6));
        assertEquals(1, buffer.getByte(32));
    }

    @Test
    void mechanismLongerThanTwentyBytesIsRefused()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);

        assertThrows(IllegalArgumentException.class, () -> ZmtpGreeting.encode(
            buffer, 0, ZmtpGreeting.VERSION_MINOR_3_1, new byte[21], false));
    }
}
