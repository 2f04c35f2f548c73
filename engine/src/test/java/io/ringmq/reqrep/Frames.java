package io.ringmq.reqrep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;

/**
 * Whole multipart messages for the request-reply tests: send them, receive them, compare them frame by frame.
 */
final class Frames
{
    /** Generous bound for one expected message; a test's class timeout bounds the whole. */
    static final int RECEIVE_TIMEOUT_MS = 5_000;

    private Frames()
    {
    }

    /**
     * A socket whose waits are bounded and whose close does not wait for undelivered messages.
     */
    static Socket socket(final Context ctx, final SocketType type)
    {
        final Socket socket = ctx.socket(type);
        socket.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);
        socket.setSendTimeOut(RECEIVE_TIMEOUT_MS);
        socket.setLinger(0);
        return socket;
    }

    static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(final byte[] frame)
    {
        return new String(frame, StandardCharsets.UTF_8);
    }

    /**
     * Send each frame with MORE but the last.
     */
    static void send(final Socket socket, final byte[]... frames)
    {
        for (int i = 0; i < frames.length; i++)
        {
            final boolean last = i == frames.length - 1;
            assertTrue(last ? socket.send(frames[i]) : socket.sendMore(frames[i]), "frame " + i + " sent");
        }
    }

    /**
     * Receive a whole message that must arrive.
     */
    static List<byte[]> recv(final Socket socket)
    {
        final List<byte[]> frames = new ArrayList<>();
        do
        {
            final byte[] frame = socket.recv();
            assertNotNull(frame, frames.isEmpty() ? "no message in time" : "message cut short");
            frames.add(frame);
        }
        while (socket.hasReceiveMore());
        return frames;
    }

    /**
     * Check a message frame by frame.
     */
    static void assertFrames(final List<byte[]> actual, final byte[]... expected)
    {
        assertEquals(expected.length, actual.size(), "frames in " + describe(actual));
        for (int i = 0; i < expected.length; i++)
        {
            assertArrayEquals(expected[i], actual.get(i), "frame " + i + " of " + describe(actual));
        }
    }

    static String describe(final List<byte[]> frames)
    {
        final StringBuilder text = new StringBuilder("[");
        for (final byte[] frame : frames)
        {
            text.append(text.length() > 1 ? "][" : "").append(text(frame));
        }
        return text.append(']').toString();
    }
}
