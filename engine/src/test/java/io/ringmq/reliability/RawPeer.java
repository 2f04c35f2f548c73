package io.ringmq.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;

/**
 * A peer over a plain loopback socket that writes whatever bytes a test gives it and keeps what ringmq sends,
 * running the ringmq context's I/O while it waits (invoker mode has no thread of its own).
 */
final class RawPeer implements AutoCloseable
{
    private final java.net.Socket socket = new java.net.Socket();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final byte[] chunk = new byte[4096];
    private final Context ctx;
    private InputStream in;
    private boolean closedByPeer;

    RawPeer(final Context ctx)
    {
        this.ctx = ctx;
    }

    /**
     * Connect to a ringmq socket bound at {@code tcp://127.0.0.1:port}.
     */
    RawPeer connect(final String endpoint) throws IOException
    {
        final int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
        socket.setSoTimeout(5);
        in = socket.getInputStream();
        return this;
    }

    RawPeer write(final byte[] bytes) throws IOException
    {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /**
     * Read what arrives for a while, or until ringmq closes the connection.
     */
    void readFor(final long millis) throws IOException
    {
        final long start = System.nanoTime();
        while (!closedByPeer && System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(millis))
        {
            readOnce();
        }
    }

    /**
     * Read until ringmq closes the connection.
     *
     * @return milliseconds it took.
     * @throws AssertionError when the connection is still open after {@code withinMs}.
     */
    long awaitClosedByPeer(final long withinMs, final String what) throws IOException
    {
        final long start = System.nanoTime();
        readFor(withinMs);
        if (!closedByPeer)
        {
            throw new AssertionError(what + ": the connection was still open after " + withinMs + " ms");
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    boolean isClosedByPeer()
    {
        return closedByPeer;
    }

    /**
     * @return every byte ringmq sent so far.
     */
    byte[] received()
    {
        return received.toByteArray();
    }

    private void readOnce() throws IOException
    {
        ctx.invoke();
        try
        {
            final int read = in.read(chunk);
            if (read < 0)
            {
                closedByPeer = true;
            }
            else
            {
                received.write(chunk, 0, read);
            }
        }
        catch (final SocketTimeoutException ex)
        {
            // nothing yet: keep running the I/O and reading
        }
        catch (final IOException ex)
        {
            // reset by ringmq: closed as well
            closedByPeer = true;
        }
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
