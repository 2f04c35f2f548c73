package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Whatever bytes a peer sends, in whatever chunks, the frame decoder either takes the whole chunk or stops with a
 * {@link ZmtpError}: it never throws, never loops, and keeps its handler contract.
 */
class FrameDecoderFuzzTest
{
    private static final int MAX_COMMAND = 512;

    /** A frame to encode: a data frame, or a command whose body is already laid out. */
    record FrameSpec(boolean command, boolean more, byte[] body)
    {
    }

    @Property(tries = 300)
    void randomBytesEndCleanlyOrInAZmtpError(
        @ForAll @Size(max = 600) final byte[] bytes, @ForAll final long seed, @ForAll final boolean limited)
    {
        feed(bytes, new Random(seed), limited);
    }

    @Property(tries = 300)
    void mutatedValidStreamsEndCleanlyOrInAZmtpError(
        @ForAll("streams") final List<FrameSpec> frames, @ForAll final long seed, @ForAll final boolean limited)
    {
        final Random random = new Random(seed);

        feed(Mutations.mutate(encode(frames), random), random, limited);
    }

    @Property(tries = 200)
    void validStreamsDecodeToWhatWasEncodedInAnyChunking(
        @ForAll("streams") final List<FrameSpec> frames, @ForAll final long seed)
    {
        final byte[] bytes = encode(frames);
        final FrameDecoder decoder = new FrameDecoder(-1, MAX_COMMAND);
        final RecordingFrameHandler handler = new RecordingFrameHandler();
        final Random random = new Random(seed);

        int offset = 0;
        while (offset < bytes.length)
        {
            final int chunk = Mutations.nextChunk(random, bytes.length - offset);
            assertEquals(chunk, decoder.decode(new UnsafeBuffer(bytes), offset, chunk, handler));
            offset += chunk;
        }

        assertNull(decoder.error());
        assertTrue(decoder.isAtFrameBoundary());
        assertEquals(expectedEvents(frames), handler.events);
        assertEquals(List.of(), handler.contractViolations);
    }

    @Property(tries = 300)
    void longSizeFieldIsCheckedBeforeAnythingElse(
        @ForAll final long size, @ForAll final boolean more, @ForAll final boolean limited)
    {
        final long limit = limited ? 1 << 20 : -1;
        final FrameDecoder decoder = new FrameDecoder(limit, MAX_COMMAND);
        final RecordingFrameHandler handler = new RecordingFrameHandler();
        final byte[] header = new WireStream().longHeader(more ? 1 : 0, size).toByteArray();

        final int consumed = decoder.decode(new UnsafeBuffer(header), 0, header.length, handler);

        if (size < 0)
        {
            assertEquals(ZmtpError.NEGATIVE_SIZE, decoder.error());
            assertEquals(0, handler.frameStartCalls);
        }
        else if (limited && size > limit)
        {
            assertEquals(ZmtpError.MESSAGE_TOO_LARGE, decoder.error());
            assertEquals(0, handler.frameStartCalls);
        }
        else
        {
            assertNull(decoder.error());
            assertEquals(1, handler.frameStartCalls);
            assertEquals(header.length, consumed);
        }
    }

    @Provide
    Arbitrary<List<FrameSpec>> streams()
    {
        final Arbitrary<byte[]> smallBodies = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        final Arbitrary<byte[]> bodies = Arbitraries.oneOf(List.of(
            smallBodies, Arbitraries.bytes().array(byte[].class).ofMinSize(250).ofMaxSize(300)));
        final Arbitrary<FrameSpec> data = Combinators.combine(Arbitraries.of(true, false), bodies)
            .as((more, body) -> new FrameSpec(false, more, body));
        final Arbitrary<FrameSpec> command = Combinators.combine(
                Arbitraries.of("PING", "PONG", "SUBSCRIBE", "CANCEL", "READY", "X"), smallBodies)
            .as((name, payload) -> new FrameSpec(true, false, WireStream.commandBody(name, payload)));
        return Arbitraries.oneOf(List.of(data, command)).list().ofMaxSize(10);
    }

    static byte[] encode(final List<FrameSpec> frames)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final UnsafeBuffer header = new UnsafeBuffer(new byte[FrameDescriptor.MAX_HEADER_LENGTH]);
        for (final FrameSpec frame : frames)
        {
            final int flags = frame.command() ? FrameDescriptor.FLAG_COMMAND :
                frame.more() ? FrameDescriptor.FLAG_MORE : 0;
            final int length = FrameDescriptor.writeHeader(header, 0, frame.body().length, flags);
            out.write(header.byteArray(), 0, length);
            out.write(frame.body(), 0, frame.body().length);
        }
        return out.toByteArray();
    }

    private static List<String> expectedEvents(final List<FrameSpec> frames)
    {
        final List<String> events = new ArrayList<>();
        for (final FrameSpec frame : frames)
        {
            if (frame.command())
            {
                events.add(RecordingFrameHandler.command(frame.body()));
            }
            else
            {
                final int flags = (frame.more() ? 1 : 0) | (frame.body().length > 255 ? 2 : 0);
                events.add(RecordingFrameHandler.data(flags, frame.body()));
            }
        }
        return events;
    }

    private static void feed(final byte[] bytes, final Random random, final boolean limited)
    {
        final FrameDecoder decoder = new FrameDecoder(limited ? 4096 : -1, MAX_COMMAND);
        final RecordingFrameHandler handler = new RecordingFrameHandler();
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);

        int offset = 0;
        while (offset < bytes.length)
        {
            final int chunk = Mutations.nextChunk(random, bytes.length - offset);
            final int consumed = decoder.decode(buffer, offset, chunk, handler);
            assertTrue(consumed >= 0 && consumed <= chunk, "consumed " + consumed + " of " + chunk);
            if (consumed < chunk)
            {
                assertNotNull(decoder.error(), "stopped early without an error");
                final int rest = offset + consumed;
                assertEquals(0, decoder.decode(buffer, rest, bytes.length - rest, handler));
                break;
            }
            offset += chunk;
        }
        assertEquals(List.of(), handler.contractViolations);
    }
}
