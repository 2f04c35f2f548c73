package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class FrameDecoderBackPressureTest
{
    private final FrameDecoder decoder = new FrameDecoder(-1, 256);
    private final RecordingFrameHandler handler = new RecordingFrameHandler();

    @Test
    void refusedFrameStartStopsBeforeTheBodyAndIsOfferedAgain()
    {
        final byte[] stream = Hex.parse("01 01 61 00 02 62 63");
        final UnsafeBuffer buffer = new UnsafeBuffer(stream);
        handler.refuseFrameStarts = 1;

        assertEquals(2, decoder.decode(buffer, 0, stream.length, handler));
        assertEquals(1, handler.frameStartCalls);
        assertEquals(List.of(), handler.events);

        assertEquals(stream.length - 2, decoder.decode(buffer, 2, stream.length - 2, handler));
        assertEquals(3, handler.frameStartCalls);
        assertEquals(List.of(
            RecordingFrameHandler.data(0x01, Hex.ascii("a")),
            RecordingFrameHandler.data(0x00, Hex.ascii("bc"))), handler.events);
    }

    @Test
    void refusalOfALaterFrameKeepsTheEarlierOnes()
    {
        final byte[] stream = Hex.parse("01 01 61 02 00 00 00 00 00 00 00 02 62 63");
        final UnsafeBuffer buffer = new UnsafeBuffer(stream);
        final Refusing refusing = new Refusing(2);

        final int first = decoder.decode(buffer, 0, stream.length, refusing);

        assertEquals(12, first);
        assertEquals(List.of(RecordingFrameHandler.data(0x01, Hex.ascii("a"))), refusing.recorder.events);

        assertEquals(stream.length - first, decoder.decode(buffer, first, stream.length - first, refusing));
        assertEquals(List.of(
            RecordingFrameHandler.data(0x01, Hex.ascii("a")),
            RecordingFrameHandler.data(0x02, Hex.ascii("bc"))), refusing.recorder.events);
    }

    @Test
    void refusedFrameAtTheEndOfAChunkIsOfferedAgainOnAnEmptyCall()
    {
        final byte[] stream = Hex.parse("00 02 62 63");
        final UnsafeBuffer buffer = new UnsafeBuffer(stream);
        handler.refuseFrameStarts = 1;

        assertEquals(2, decoder.decode(buffer, 0, 2, handler));
        assertEquals(0, decoder.decode(buffer, 2, 0, handler));
        assertEquals(2, handler.frameStartCalls);
        assertEquals(2, decoder.decode(buffer, 2, 2, handler));

        assertEquals(List.of(RecordingFrameHandler.data(0x00, Hex.ascii("bc"))), handler.events);
    }

    @Test
    void commandHandlerReturningFalseStopsRightAfterTheCommand()
    {
        final byte[] stream = Hex.parse("04 05 04 50 4f 4e 47 00 01 61");
        final UnsafeBuffer buffer = new UnsafeBuffer(stream);
        final RecordingFrameHandler stopAfterCommand = new RecordingFrameHandler()
        {
            @Override
            public boolean onCommand(final DirectBuffer body, final int offset, final int length)
            {
                super.onCommand(body, offset, length);
                return false;
            }
        };

        assertEquals(7, decoder.decode(buffer, 0, stream.length, stopAfterCommand));
        assertEquals(1, stopAfterCommand.events.size());

        assertEquals(3, decoder.decode(buffer, 7, 3, stopAfterCommand));
        assertEquals(RecordingFrameHandler.data(0, Hex.ascii("a")), stopAfterCommand.events.get(1));
    }

    /** Refuses the n-th frame start once, records everything. */
    private static final class Refusing implements FrameHandler
    {
        final RecordingFrameHandler recorder = new RecordingFrameHandler();
        private final int refuseAt;
        private int starts;

        Refusing(final int refuseAt)
        {
            this.refuseAt = refuseAt;
        }

        @Override
        public boolean onFrameStart(final int flags, final long length)
        {
            if (++starts == refuseAt)
            {
                return false;
            }
            return recorder.onFrameStart(flags, length);
        }

        @Override
        public void onFrameBody(final DirectBuffer buffer, final int offset, final int length)
        {
            recorder.onFrameBody(buffer, offset, length);
        }

        @Override
        public void onFrameEnd(final int flags)
        {
            recorder.onFrameEnd(flags);
        }

        @Override
        public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
        {
            return recorder.onCommand(buffer, offset, length);
        }
    }
}
