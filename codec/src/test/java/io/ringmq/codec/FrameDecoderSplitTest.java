package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same stream must decode to the same frames however the network cuts it: in one read, in two reads split
 * at every offset, or one byte at a time.
 */
class FrameDecoderSplitTest
{
    private static final int MAX_COMMAND = 1024;

    private static byte[] stream;
    private static List<String> expected;

    @BeforeAll
    static void buildStream()
    {
        final byte[] longBody = WireStream.bytes(300, 11);
        final byte[] longCommandData = WireStream.bytes(280, 5);
        final byte[] maxShort = WireStream.bytes(255, 2);
        stream = new WireStream()
            .shortFrame(0x01, Hex.ascii("key"))
            .longFrame(0x01, longBody)
            .shortFrame(0x01, new byte[0])
            .shortFrame(0x00, maxShort)
            .command("PING", Hex.parse("00 0a 63 74 78"))
            .command("SUBSCRIBE", longCommandData)
            .longFrame(0x00, new byte[0])
            .longFrame(0x00, Hex.ascii("small body, long form"))
            .command("PONG", new byte[0])
            .shortFrame(0x00, Hex.parse("01 74 6f 70 69 63"))
            .shortFrame(0x01, Hex.ascii("a"))
            .shortFrame(0x00, Hex.ascii("b"))
            .toByteArray();

        expected = List.of(
            RecordingFrameHandler.data(0x01, Hex.ascii("key")),
            RecordingFrameHandler.data(0x03, longBody),
            RecordingFrameHandler.data(0x01, new byte[0]),
            RecordingFrameHandler.data(0x00, maxShort),
            RecordingFrameHandler.command(WireStream.commandBody("PING", Hex.parse("00 0a 63 74 78"))),
            RecordingFrameHandler.command(WireStream.commandBody("SUBSCRIBE", longCommandData)),
            RecordingFrameHandler.data(0x02, new byte[0]),
            RecordingFrameHandler.data(0x02, Hex.ascii("small body, long form")),
            RecordingFrameHandler.command(WireStream.commandBody("PONG", new byte[0])),
            RecordingFrameHandler.data(0x00, Hex.parse("01 74 6f 70 69 63")),
            RecordingFrameHandler.data(0x01, Hex.ascii("a")),
            RecordingFrameHandler.data(0x00, Hex.ascii("b")));
    }

    @Test
    void wholeStreamInOneChunk()
    {
        assertEquals(expected, decodeInChunks(stream.length));
    }

    @Test
    void streamSplitInTwoAtEveryOffset()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(stream);
        for (int split = 0; split <= stream.length; split++)
        {
            final FrameDecoder decoder = new FrameDecoder(-1, MAX_COMMAND);
            final RecordingFrameHandler handler = new RecordingFrameHandler();

            assertEquals(split, decoder.decode(buffer, 0, split, handler), "first part, split at " + split);
            assertEquals(stream.length - split, decoder.decode(buffer, split, stream.length - split, handler),
                "second part, split at " + split);

            assertEquals(expected, handler.events, "split at " + split);
            assertEquals(List.of(), handler.contractViolations, "split at " + split);
            assertNull(decoder.error());
            assertTrue(decoder.isAtFrameBoundary());
        }
    }

    @Test
    void streamFedOneByteAtATime()
    {
        assertEquals(expected, decodeInChunks(1));
    }

    @Test
    void streamFedInOddChunkSizes()
    {
        for (final int chunk : new int[]{ 2, 3, 7, 8, 9, 10, 64, 255, 256, 257 })
        {
            assertEquals(expected, decodeInChunks(chunk), "chunks of " + chunk);
        }
    }

    @Test
    void chunksCopiedIntoAReusedReadBufferDecodeTheSame()
    {
        final UnsafeBuffer readBuffer = new UnsafeBuffer(new byte[13]);
        final FrameDecoder decoder = new FrameDecoder(-1, MAX_COMMAND);
        final RecordingFrameHandler handler = new RecordingFrameHandler();

        for (int offset = 0; offset < stream.length; offset += 13)
        {
            final int length = Math.min(13, stream.length - offset);
            readBuffer.setMemory(0, 13, (byte)0xEE);
            readBuffer.putBytes(0, stream, offset, length);
            assertEquals(length, decoder.decode(readBuffer, 0, length, handler));
        }

        assertEquals(expected, handler.events);
    }

    private static List<String> decodeInChunks(final int chunk)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(stream);
        final FrameDecoder decoder = new FrameDecoder(-1, MAX_COMMAND);
        final RecordingFrameHandler handler = new RecordingFrameHandler();
        for (int offset = 0; offset < stream.length; offset += chunk)
        {
            final int length = Math.min(chunk, stream.length - offset);
            assertEquals(length, decoder.decode(buffer, offset, length, handler));
        }
        assertNull(decoder.error());
        assertTrue(decoder.isAtFrameBoundary());
        assertEquals(List.of(), handler.contractViolations);
        return handler.events;
    }
}
