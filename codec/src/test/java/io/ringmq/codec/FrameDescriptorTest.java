package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class FrameDescriptorTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);

    @Test
    void shortLastFrameHasFlagsZeroAndOneSizeByte()
    {
        final int header = FrameDescriptor.writeHeader(buffer, 0, 5, 0);

        assertEquals(2, header);
        assertEquals("00 05", Hex.of(buffer, 0, 2));
    }

    @Test
    void shortFrameWithMoreHasFlagsOne()
    {
        final int header = FrameDescriptor.writeHeader(buffer, 0, 5, FrameDescriptor.FLAG_MORE);

        assertEquals(2, header);
        assertEquals("01 05", Hex.of(buffer, 0, 2));
    }

    @Test
    void twoHundredFiftyFiveBytesStillFitTheShortForm()
    {
        final int header = FrameDescriptor.writeHeader(buffer, 0, 255, 0);

        assertEquals(2, header);
        assertEquals("00 ff", Hex.of(buffer, 0, 2));
        assertEquals(2, FrameDescriptor.headerLength(255));
    }

    @Test
    void emptyFrameIsTwoBytes()
    {
        assertEquals(2, FrameDescriptor.writeHeader(buffer, 0, 0, 0));
        assertEquals("00 00", Hex.of(buffer, 0, 2));
    }

    @Test
    void twoHundredFiftySixBytesUseTheLongFormWithABigEndianSize()
    {
        final int header = FrameDescriptor.writeHeader(buffer, 0, 256, 0);

        assertEquals(9, header);
        assertEquals("02 00 00 00 00 00 00 01 00", Hex.of(buffer, 0, 9));
        assertEquals(9, FrameDescriptor.headerLength(256));
    }

    @Test
    void longFrameWithMoreHasFlagsThree()
    {
        final int header = FrameDescriptor.writeHeader(buffer, 0, 256, FrameDescriptor.FLAG_MORE);

        assertEquals(9, header);
        assertEquals("03 00 00 00 00 00 00 01 00", Hex.of(buffer, 0, 9));
    }

    @Test
    void longSizeUsesAllEightBytes()
    {
        FrameDescriptor.writeHeader(buffer, 0, 0x0102030405060708L, 0);

        assertEquals("02 01 02 03 04 05 06 07 08", Hex.of(buffer, 0, 9));
    }

    @Test
    void commandFlagIsKeptAndLongFlagIsChosenBySize()
    {
        FrameDescriptor.writeHeader(buffer, 0, 10, FrameDescriptor.FLAG_COMMAND | FrameDescriptor.FLAG_LONG);
        assertEquals("04 0a", Hex.of(buffer, 0, 2));

        FrameDescriptor.writeHeader(buffer, 0, 300, FrameDescriptor.FLAG_COMMAND);
        assertEquals("06 00 00 00 00 00 00 01 2c", Hex.of(buffer, 0, 9));
    }

    @Test
    void headerBeforeAShortBodyMakesContiguousWireBytes()
    {
        buffer.putBytes(20, Hex.ascii("hello"));

        final int start = FrameDescriptor.writeHeaderBefore(buffer, 20, 5, FrameDescriptor.FLAG_MORE);

        assertEquals(18, start);
        assertEquals("01 05 68 65 6c 6c 6f", Hex.of(buffer, start, 7));
    }

    @Test
    void headerBeforeALongBodyTakesNineBytes()
    {
        final byte[] body = WireStream.bytes(256, 3);
        buffer.putBytes(20, body);
        buffer.setMemory(0, 20, (byte)0x5A);

        final int start = FrameDescriptor.writeHeaderBefore(buffer, 20, 256, 0);

        assertEquals(11, start);
        assertEquals("5a 02 00 00 00 00 00 00 01 00", Hex.of(buffer, 10, 10));
        assertEquals(Hex.of(body), Hex.of(buffer, 20, 256));
    }

    @Test
    void headerBeforeAtMaxHeaderLengthStartsAtZeroForALongBody()
    {
        final int start = FrameDescriptor.writeHeaderBefore(buffer, FrameDescriptor.MAX_HEADER_LENGTH, 1000, 0);

        assertEquals(0, start);
        assertEquals("02 00 00 00 00 00 00 03 e8", Hex.of(buffer, 0, 9));
    }

    @Test
    void flagPredicates()
    {
        assertTrue(FrameDescriptor.isMore(0x01));
        assertTrue(FrameDescriptor.isMore(0x03));
        assertFalse(FrameDescriptor.isMore(0x04));
        assertTrue(FrameDescriptor.isCommand(0x04));
        assertTrue(FrameDescriptor.isCommand(0x06));
        assertFalse(FrameDescriptor.isCommand(0x03));
    }
}
