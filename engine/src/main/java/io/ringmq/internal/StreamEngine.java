package io.ringmq.internal;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

import io.ringmq.transport.StreamChannel;
import io.ringmq.transport.TransportException;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The byte stream under a ZMTP connection, owned by the socket's I/O agent: its channel, the read buffer the peer's
 * bytes land in until the connection decodes them, and what the selector is asked to report. It knows nothing of
 * ZMTP; {@link Connection} reads through it, decodes what it holds and has it write the outbound backlog.
 */
final class StreamEngine
{
    private final StreamChannel channel;
    private final ByteBuffer readByteBuffer;
    private final UnsafeBuffer readBuffer;
    private SelectionKey key;
    private boolean connecting;
    private boolean writeBlocked;
    private boolean readPaused;
    private boolean inputEnded;
    private boolean closed;
    private int readStart;
    private int readEnd;

    /**
     * @param channel         connected, or connecting when {@code connecting}.
     * @param readBufferBytes capacity of the read buffer.
     */
    StreamEngine(final StreamChannel channel, final int readBufferBytes, final boolean connecting)
    {
        this.channel = channel;
        this.connecting = connecting;
        this.readByteBuffer = ByteBuffer.allocateDirect(readBufferBytes);
        this.readBuffer = new UnsafeBuffer(readByteBuffer);
    }

    /**
     * Register the channel with the agent's selector: for OP_CONNECT while connecting, else for nothing yet (the
     * agent polls the channel directly and asks the selector only when it would sleep).
     */
    void register(final IoAgent agent, final Selectable owner)
    {
        key = agent.register(channel.channel(), connecting ? SelectionKey.OP_CONNECT : 0, owner);
    }

    boolean isConnecting()
    {
        return connecting;
    }

    /**
     * @return true when the connect completed.
     * @throws TransportException when it was refused or failed.
     */
    boolean finishConnect()
    {
        if (!channel.finishConnect())
        {
            return false;
        }
        connecting = false;
        return true;
    }

    /**
     * Read what the peer sent into the read buffer, after what is still undecoded. A buffer the connection cannot
     * drain (the application is not taking this peer's messages) stops reading instead: the socket would otherwise
     * be readable on every cycle and keep the agent from idling, to the cost of every other connection it serves.
     * Reading resumes when {@link #consume} makes room.
     *
     * @return bytes read; 0 when none (or paused); {@link StreamChannel#END_OF_STREAM} when the peer closed its side.
     * @throws TransportException when the read failed.
     */
    int read()
    {
        if (readEnd == readBuffer.capacity())
        {
            compact();
            if (readEnd == readBuffer.capacity())
            {
                readPaused = true;
                updateInterest();
                return 0;
            }
        }
        readByteBuffer.limit(readBuffer.capacity()).position(readEnd);
        final int bytesRead = channel.read(readByteBuffer);
        if (bytesRead > 0)
        {
            readEnd += bytesRead;
        }
        return bytesRead;
    }

    UnsafeBuffer buffer()
    {
        return readBuffer;
    }

    int unreadOffset()
    {
        return readStart;
    }

    int unreadLength()
    {
        return readEnd - readStart;
    }

    boolean hasUnread()
    {
        return readStart < readEnd;
    }

    /**
     * The connection decoded {@code bytes} from {@link #unreadOffset()}; reading resumes if it was paused for room.
     */
    void consume(final int bytes)
    {
        readStart += bytes;
        if (readStart == readEnd)
        {
            readStart = 0;
            readEnd = 0;
        }
        if (readPaused && bytes > 0 && !inputEnded)
        {
            readPaused = false;
            updateInterest();
        }
    }

    /**
     * The peer closed its side while bytes wait to be decoded: stop asking the selector, as a closed stream stays
     * readable and would be reported on every cycle.
     */
    void endInput()
    {
        inputEnded = true;
        updateInterest();
    }

    boolean isInputEnded()
    {
        return inputEnded;
    }

    /**
     * @return true when reading now could bring bytes: not paused for room, not ended.
     */
    boolean isReadable()
    {
        return !readPaused && !inputEnded;
    }

    /**
     * Write as much of the backlog as the kernel takes, one gathering write; while it refuses some, the selector
     * is asked for OP_WRITE.
     *
     * @return bytes written, or -1 when the peer closed the stream.
     * @throws TransportException when the write failed.
     */
    int write(final OutboundBuffer out)
    {
        final int written = out.flushTo(channel);
        if (written >= 0)
        {
            final boolean blocked = !out.isEmpty();
            if (blocked != writeBlocked)
            {
                writeBlocked = blocked;
                updateInterest();
            }
        }
        return written;
    }

    /**
     * @return true when the kernel refused part of the last write: the selector reports when it takes more.
     */
    boolean isWriteBlocked()
    {
        return writeBlocked;
    }

    /**
     * Tell the selector what to report: OP_READ unless reading is paused or ended, OP_WRITE while the kernel refuses
     * the backlog. Under direct polling the agent reads every cycle anyway and asks the selector only now and then,
     * but a sleeping agent needs the selector to wake it when the peer writes.
     */
    void updateInterest()
    {
        if (closed)
        {
            return;
        }
        key.interestOps((readPaused || inputEnded ? 0 : SelectionKey.OP_READ) |
            (writeBlocked ? SelectionKey.OP_WRITE : 0));
    }

    void close()
    {
        closed = true;
        if (null != key)
        {
            key.cancel();
        }
        channel.close();
    }

    private void compact()
    {
        if (readStart > 0)
        {
            final int length = readEnd - readStart;
            readBuffer.putBytes(0, readBuffer, readStart, length);
            readStart = 0;
            readEnd = length;
        }
    }
}
