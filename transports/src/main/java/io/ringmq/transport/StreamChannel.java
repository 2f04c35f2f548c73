package io.ringmq.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;

import org.agrona.CloseHelper;

/**
 * One byte stream to a peer over a non-blocking {@link SocketChannel}, either connecting out or accepted by a
 * {@link StreamListener}.
 * <p>
 * Data path policy: {@link #read(ByteBuffer)} and the writes never throw. An I/O error on the stream (connection
 * reset, broken pipe, or use after close) closes the channel and is reported as -1, the same as an orderly end of
 * stream, because the engine's answer is the same for both: drop the connection, raise a disconnect event and
 * reconnect. The error that ended the stream, if any, is kept for the monitor or error log in {@link #failure()}.
 * <p>
 * Pass direct buffers: the JDK copies heap buffers through a temporary direct buffer of its own. With direct
 * buffers the steady-state reads and writes allocate nothing.
 * <p>
 * Not thread safe: one I/O agent owns a channel.
 */
public final class StreamChannel implements AutoCloseable
{
    /**
     * Returned by the data path once the stream has ended, by the peer or by an error.
     */
    public static final int END_OF_STREAM = -1;

    private final SocketChannel channel;
    private final String remoteEndpoint;
    private IOException failure;
    private boolean connected;
    private boolean closed;

    StreamChannel(final SocketChannel channel, final String remoteEndpoint, final boolean connected)
    {
        this.channel = channel;
        this.remoteEndpoint = remoteEndpoint;
        this.connected = connected;
    }

    /**
     * A channel whose connect failed at once; the failure is reported by {@link #finishConnect()} so the caller has
     * one place to handle refusal.
     */
    StreamChannel(final SocketChannel channel, final String remoteEndpoint, final IOException connectFailure)
    {
        this(channel, remoteEndpoint, false);
        this.failure = connectFailure;
        close();
    }

    /**
     * @return the channel to register with a {@link TransportPoller}.
     */
    public SelectableChannel channel()
    {
        return channel;
    }

    /**
     * Complete a connect started by {@link Transport#connect(Endpoint)}. Call it when the poller reports
     * {@link java.nio.channels.SelectionKey#OP_CONNECT}, or from a timer.
     *
     * @return true once connected, false while the connect is still pending.
     * @throws TransportException naming the endpoint when the connect was refused or failed; the channel is then
     *                            closed and a new connect is needed.
     */
    public boolean finishConnect()
    {
        if (connected)
        {
            return true;
        }
        if (null != failure)
        {
            throw connectFailed(failure);
        }

        try
        {
            if (channel.finishConnect())
            {
                if (isConnectedToItself(channel))
                {
                    throw connectedToItself();
                }
                connected = true;
            }
            return connected;
        }
        catch (final IOException ex)
        {
            failure = ex;
            close();
            throw connectFailed(ex);
        }
    }

    /**
     * @return true while the stream is connected and not closed.
     */
    public boolean isConnected()
    {
        return connected && !closed;
    }

    /**
     * Read what the kernel has, without waiting.
     *
     * @param dst a direct buffer, filled from its position up to its limit.
     * @return bytes read, 0 if none are ready, or {@link #END_OF_STREAM} when the peer closed or the stream failed.
     */
    public int read(final ByteBuffer dst)
    {
        try
        {
            return channel.read(dst);
        }
        catch (final IOException ex)
        {
            return fail(ex);
        }
    }

    /**
     * Write what the kernel will take, without waiting. A partial write leaves the rest in {@code src} for later.
     *
     * @param src a direct buffer, drained from its position up to its limit.
     * @return bytes written, possibly 0, or {@link #END_OF_STREAM} when the stream has failed.
     */
    public long write(final ByteBuffer src)
    {
        try
        {
            return channel.write(src);
        }
        catch (final IOException ex)
        {
            return fail(ex);
        }
    }

    /**
     * Gathering write, for the two halves of a ring's wrapped region, in one system call.
     *
     * @param srcs   direct buffers, drained in order.
     * @param offset index of the first buffer to write.
     * @param length number of buffers to write.
     * @return bytes written, possibly 0, or {@link #END_OF_STREAM} when the stream has failed.
     */
    public long write(final ByteBuffer[] srcs, final int offset, final int length)
    {
        try
        {
            return channel.write(srcs, offset, length);
        }
        catch (final IOException ex)
        {
            return fail(ex);
        }
    }

    /**
     * @return the peer as an endpoint string for monitor events: the endpoint connected to, or the address an
     * accepted peer came from, e.g. {@code tcp://127.0.0.1:5555}.
     */
    public String remoteEndpoint()
    {
        return remoteEndpoint;
    }

    /**
     * @return the error that ended the stream or failed the connect, or null after an orderly end or none.
     */
    public IOException failure()
    {
        return failure;
    }

    /**
     * Close the stream. Safe to call more than once.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            CloseHelper.quietClose(channel);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "StreamChannel{" + remoteEndpoint + (closed ? ", closed}" : connected ? ", connected}" : "}");
    }

    private int fail(final IOException ex)
    {
        if (null == failure)
        {
            failure = ex;
        }
        close();
        return END_OF_STREAM;
    }

    /**
     * A tcp connect to a local port nobody listens on, a port in the kernel's ephemeral range, can be given that
     * very port as its source and so connect to itself (a simultaneous open): the stream would greet itself, and
     * hold the port a listener that comes back needs. Such a connect has failed.
     */
    static boolean isConnectedToItself(final SocketChannel channel) throws IOException
    {
        final SocketAddress local = channel.getLocalAddress();
        return local instanceof InetSocketAddress && local.equals(channel.getRemoteAddress());
    }

    static IOException connectedToItself()
    {
        return new IOException("connected to itself: nobody listens there and the kernel gave the connect that port");
    }

    private TransportException connectFailed(final IOException cause)
    {
        return new TransportException("Cannot connect to '" + remoteEndpoint + "': " + cause.getMessage(), cause);
    }
}
