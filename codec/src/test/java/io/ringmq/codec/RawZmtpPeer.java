package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One end of a ZMTP connection over a plain {@link Socket}, driven by the codec alone: it writes greeting and READY
 * at once with {@link NullHandshake}, feeds what arrives until the handshake completes, then decodes the rest with
 * a {@link FrameDecoder}. Every read is bounded by the socket timeout.
 */
final class RawZmtpPeer implements AutoCloseable
{
    static final int READ_TIMEOUT_MS = 5_000;

    final NullHandshake handshake;
    final FrameDecoder decoder = new FrameDecoder(-1, 4096);
    final RecordingFrameHandler handler = new RecordingFrameHandler();
    final ByteArrayOutputStream inbound = new ByteArrayOutputStream();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] readBytes = new byte[8192];
    private final UnsafeBuffer readBuffer = new UnsafeBuffer(readBytes);

    RawZmtpPeer(final Socket socket, final ZmtpSocketType type) throws IOException
    {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.handshake = new NullHandshake(type, 4096);
    }

    void handshake(final byte[] identity) throws IOException
    {
        final UnsafeBuffer greetingAndReady = new UnsafeBuffer(new byte[1024]);
        int length = handshake.writeGreeting(greetingAndReady, 0);
        length += handshake.writeReady(greetingAndReady, length, identity, Collections.emptyMap());
        out.write(greetingAndReady.byteArray(), 0, length);
        out.flush();

        while (handshake.state() != NullHandshake.State.COMPLETE)
        {
            final int read = read();
            final int consumed = handshake.onInbound(readBuffer, 0, read);
            if (handshake.state() == NullHandshake.State.FAILED)
            {
                fail("handshake failed: " + handshake.failureDescription());
            }
            if (consumed < read)
            {
                assertEquals(NullHandshake.State.COMPLETE, handshake.state());
                decode(consumed, read - consumed);
            }
        }
    }

    void awaitEvents(final int count) throws IOException
    {
        while (handler.events.size() < count)
        {
            decode(0, read());
        }
        assertEquals(List.of(), handler.contractViolations);
    }

    void send(final byte[] wireBytes) throws IOException
    {
        out.write(wireBytes);
        out.flush();
    }

    /** Property names of the peer's READY, in order. */
    List<String> peerPropertyNames()
    {
        final List<String> names = new ArrayList<>();
        final MetadataReader reader = new MetadataReader()
            .wrap(handshake.peerProperties(), 0, handshake.peerPropertiesLength());
        while (reader.next())
        {
            names.add(handshake.peerProperties().getStringWithoutLengthAscii(reader.nameOffset(), reader.nameLength()));
        }
        return names;
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }

    private int read() throws IOException
    {
        final int read = in.read(readBytes);
        if (read < 0)
        {
            throw new EOFException("peer closed the connection");
        }
        inbound.write(readBytes, 0, read);
        return read;
    }

    private void decode(final int offset, final int length)
    {
        assertEquals(length, decoder.decode(readBuffer, offset, length, handler));
        assertNull(decoder.error());
    }
}
