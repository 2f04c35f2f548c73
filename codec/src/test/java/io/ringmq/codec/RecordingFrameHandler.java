package io.ringmq.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;

/**
 * Records what a {@link FrameDecoder} reports as one event per frame, so streams decoded in differently sized
 * chunks can be compared: body pieces are joined, and each data frame becomes
 * {@code "data flags=<hex> body=<hex>"} and each command {@code "command body=<hex>"}. It also checks the
 * contract the decoder promises: pieces are non-empty, add up to the announced length, and come between a start
 * and an end with the same flags.
 */
class RecordingFrameHandler implements FrameHandler
{
    final List<String> events = new ArrayList<>();
    final List<String> contractViolations = new ArrayList<>();
    int frameStartCalls;
    int refuseFrameStarts;

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean inFrame;
    private int frameFlags;
    private long frameLength;

    static String data(final int flags, final byte[] body)
    {
        return "data flags=" + Integer.toHexString(flags) + " body=" + Hex.of(body);
    }

    static String command(final byte[] body)
    {
        return "command body=" + Hex.of(body);
    }

    @Override
    public boolean onFrameStart(final int flags, final long length)
    {
        frameStartCalls++;
        if (inFrame)
        {
            contractViolations.add("frame start inside a frame");
        }
        if (refuseFrameStarts > 0)
        {
            refuseFrameStarts--;
            return false;
        }
        inFrame = true;
        frameFlags = flags;
        frameLength = length;
        body.reset();
        return true;
    }

    @Override
    public void onFrameBody(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!inFrame)
        {
            contractViolations.add("body outside a frame");
        }
        if (length < 1)
        {
            contractViolations.add("empty body piece");
        }
        final byte[] piece = new byte[length];
        buffer.getBytes(offset, piece);
        body.write(piece, 0, length);
    }

    @Override
    public void onFrameEnd(final int flags)
    {
        if (!inFrame || flags != frameFlags)
        {
            contractViolations.add("frame end without a matching start");
        }
        if (body.size() != frameLength)
        {
            contractViolations.add("body of " + body.size() + " bytes for an announced " + frameLength);
        }
        inFrame = false;
        events.add(data(flags, body.toByteArray()));
    }

    @Override
    public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] command = new byte[length];
        buffer.getBytes(offset, command);
        events.add(command(command));
        return true;
    }
}
