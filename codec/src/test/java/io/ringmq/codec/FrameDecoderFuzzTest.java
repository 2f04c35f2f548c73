package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Whatever bytes a peer sends, in whatever chunks, the frame decoder either takes the whole chunk or stops with a
 * {@link ZmtpError}: it never throws, never loops, and keeps its handler contract.
 * <p>
 * Seeded property tests: see {@link FuzzInputs} for replaying a failure with {@code -Dringmq.fuzz.seed} and
 * running more cases with {@code -Dringmq.fuzz.cases}.
 */
class FrameDecoderFuzzTest
{
    private static final int MAX_COMMAND = 512;
    private static final int MAX_FRAMES = 10;
    private static final int MAX_SMALL_BODY = 40;
    private static final String[] COMMAND_NAMES = { "PING", "PONG", "SUBSCRIBE", "CANCEL", "READY", "X" };

    /** A frame to encode: a data frame, or a command whose body is already laid out. */
    record FrameSpec(boolean command, boolean more, byte[] body)
    {
    }

    @Test
    void randomBytesEndCleanlyOrInAZmtpError()
    {
        FuzzInputs.forEachCase(300, random ->
        {
            final byte[] bytes = FuzzInputs.bytes(random, 600);
            final boolean limited = random.nextBoolean();

            feed(bytes, random, limited);
        });
    }

    @Test
    void mutatedValidStreamsEndCleanlyOrInAZmtpError()
    {
        FuzzInputs.forEachCase(300, random ->
        {
            final List<FrameSpec> frames = stream(random);
            final boolean limited = random.nextBoolean();

            feed(Mutations.mutate(encode(frames), random), random, limited);
        });
    }

    @Test
    void validStreamsDecodeToWhatWasEncodedInAnyChunking()
    {
        FuzzInputs.forEachCase(200, random -> decodesToWhatWasEncoded(stream(random), random));
    }

    @Test
    void longSizeFieldIsCheckedBeforeAnythingElse()
    {
        FuzzInputs.forEachCase(300, random ->
        {
            final long size = FuzzInputs.sizeField(random);
            final boolean more = random.nextBoolean();
            final boolean limited = random.nextBoolean();

            checkLongSizeField(size, more, limited);
        });
    }

    /** A valid stream of up to ten frames: data frames with short or long bodies, and commands. */
    private static List<FrameSpec> stream(final SplittableRandom random)
    {
        final int count = FuzzInputs.intInRange(random, 0, MAX_FRAMES);
        final List<FrameSpec> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            if (random.nextBoolean())
            {
                final boolean more = random.nextBoolean();
                // Bodies either side of 255 bytes take the short and the long header forms.
                final byte[] body = random.nextBoolean() ?
                    FuzzInputs.bytes(random, MAX_SMALL_BODY) : FuzzInputs.bytes(random, 250, 300);
                frames.add(new FrameSpec(false, more, body));
            }
            else
            {
                final String name = FuzzInputs.oneOf(random, COMMAND_NAMES);
                final byte[] payload = FuzzInputs.bytes(random, MAX_SMALL_BODY);
                frames.add(new FrameSpec(true, false, WireStream.commandBody(name, payload)));
            }
        }
        return frames;
    }

    private static void decodesToWhatWasEncoded(final List<FrameSpec> frames, final SplittableRandom random)
    {
        final byte[] bytes = encode(frames);
        final FrameDecoder decoder = new FrameDecoder(-1, MAX_COMMAND);
        final RecordingFrameHandler handler = new RecordingFrameHandler();

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

    private static void checkLongSizeField(final long size, final boolean more, final boolean limited)
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

    private static void feed(final byte[] bytes, final SplittableRandom random, final boolean limited)
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
