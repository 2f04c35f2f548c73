package io.ringmq.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

import org.agrona.CloseHelper;

/**
 * ipc over Unix domain sockets (JDK 16+), carrying the same byte streams as tcp, so a ringmq socket meets libzmq's
 * {@code ipc://} peers.
 * <p>
 * Bind differs from libzmq in one way, on purpose: libzmq unlinks whatever file is at the path, stealing the
 * address from a live process. Here a socket file that nobody listens on (left by a process that died) is removed
 * and bound again, but a live listener is refused with "address in use". A listener removes its socket file when
 * it is closed, if the file is still the one it created.
 */
public final class IpcTransport implements Transport
{
    /**
     * Pending connection queue length, libzmq's ZMQ_BACKLOG default.
     */
    public static final int BACKLOG = TcpTransport.BACKLOG;

    private static final String WILDCARD_PREFIX = "ringmq-";
    private static final String WILDCARD_SUFFIX = ".sock";
    private static final int WILDCARD_ATTEMPTS = 16;
    private static final StreamSetup STREAMS = new IpcStreams();
    // File type bits of st_mode (POSIX sys/stat.h).
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    /**
     * {@inheritDoc}
     */
    @Override
    public Scheme scheme()
    {
        return Scheme.IPC;
    }

    /**
     * {@inheritDoc}
     * <p>
     * {@code ipc://*} binds a fresh file in {@code java.io.tmpdir}, named in the resolved endpoint.
     *
     * @throws TransportException naming the path when it is too long for the OS, its directory is missing, another
     *                            process listens on it ("address in use") or something other than a socket is there.
     */
    @Override
    public StreamListener bind(final Endpoint endpoint)
    {
        StreamSetup.requireScheme(endpoint, Scheme.IPC);
        if (endpoint.isWildcardPath())
        {
            return bindWildcard(endpoint);
        }

        return bindPath(endpoint, endpoint.path());
    }

    /**
     * {@inheritDoc}
     * <p>
     * A missing socket file or one nobody listens on is reported by {@link StreamChannel#finishConnect()}, as a
     * refusal is over tcp, so the caller retries later.
     */
    @Override
    public StreamChannel connect(final Endpoint endpoint)
    {
        StreamSetup.requireScheme(endpoint, Scheme.IPC);
        if (endpoint.isWildcardPath())
        {
            throw new TransportException("Cannot connect to '" + endpoint + "': a connect needs a concrete path");
        }

        return STREAMS.connect(endpoint, address(endpoint, endpoint.path()));
    }

    private static StreamListener bindWildcard(final Endpoint endpoint)
    {
        final Path directory = Path.of(System.getProperty("java.io.tmpdir"));
        TransportException last = null;
        for (int i = 0; i < WILDCARD_ATTEMPTS; i++)
        {
            final String name = WILDCARD_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) +
                WILDCARD_SUFFIX;
            final String path = directory.resolve(name).toString();
            if (!Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS))
            {
                try
                {
                    return bindPath(endpoint, path);
                }
                catch (final TransportException ex)
                {
                    // Another process may have taken the same name between the check and the bind: try another.
                    last = ex;
                }
            }
        }

        throw new TransportException(
            "Cannot bind '" + endpoint + "': no free socket file name in " + directory, last);
    }

    private static StreamListener bindPath(final Endpoint endpoint, final String path)
    {
        final UnixDomainSocketAddress address = address(endpoint, path);
        final String resolved = Scheme.IPC.prefix() + path;
        try
        {
            return listen(address, resolved);
        }
        catch (final BindException ex)
        {
            // Address in use: a file is there. Take it over only if it is a socket nobody listens on.
            removeIfStale(endpoint, address.getPath());
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new TransportException("Cannot bind '" + endpoint + "': " + StreamSetup.describe(ex), ex);
        }

        try
        {
            return listen(address, resolved);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new TransportException("Cannot bind '" + endpoint + "': " + StreamSetup.describe(ex), ex);
        }
    }

    private static StreamListener listen(final UnixDomainSocketAddress address, final String resolved)
        throws IOException
    {
        ServerSocketChannel channel = null;
        try
        {
            channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            channel.configureBlocking(false);
            channel.bind(address, BACKLOG);
            final SocketFile file = new SocketFile(address.getPath());

            return new StreamListener(channel, resolved, STREAMS, file::deleteIfUnchanged);
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(channel);
            throw ex;
        }
    }

    /**
     * Remove the socket file at {@code path} if no process listens on it; otherwise refuse, naming the endpoint.
     * Probing by connecting is what tells a dead listener's file (refused) from a live one (accepted or queued).
     */
    private static void removeIfStale(final Endpoint endpoint, final Path path)
    {
        final BasicFileAttributes attributes;
        try
        {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (final NoSuchFileException ex)
        {
            return;
        }
        catch (final IOException ex)
        {
            throw new TransportException("Cannot bind '" + endpoint + "': " + StreamSetup.describe(ex), ex);
        }
        if (!isSocket(path, attributes))
        {
            throw new TransportException("Cannot bind '" + endpoint + "': " + path + " exists and is not a socket");
        }

        if (isListening(path))
        {
            throw new TransportException("Cannot bind '" + endpoint + "': address in use, " + path +
                " has a live listener");
        }

        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            throw new TransportException(
                "Cannot bind '" + endpoint + "': cannot remove stale socket file " + path + ": " +
                StreamSetup.describe(ex), ex);
        }
    }

    /**
     * A connect to a fifo or device is refused just as to a dead socket, so check the file type before removing
     * anything: exactly with the {@code unix} attribute view where the JDK has it, else as "not a regular file,
     * directory or link".
     */
    private static boolean isSocket(final Path path, final BasicFileAttributes attributes)
    {
        try
        {
            final int mode = (Integer)Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & S_IFMT) == S_IFSOCK;
        }
        catch (final IOException | UnsupportedOperationException | IllegalArgumentException ex)
        {
            return attributes.isOther();
        }
    }

    /**
     * @return false only when a connect is refused, which on a Unix domain socket means nobody listens; any other
     * outcome (connected, backlog full, permission denied) leaves the file to whoever owns it.
     */
    private static boolean isListening(final Path path)
    {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX))
        {
            probe.configureBlocking(false);
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        }
        catch (final ConnectException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static UnixDomainSocketAddress address(final Endpoint endpoint, final String path)
    {
        // Endpoint.parse checks the length of paths written by the user; a wildcard's path comes from tmpdir.
        final int length = Endpoint.ipcPathBytes(path);
        if (length > Endpoint.MAX_IPC_PATH_BYTES)
        {
            throw new TransportException("Cannot use '" + endpoint + "': ipc path " + path + " too long, " + length +
                " bytes, the OS allows at most " + Endpoint.MAX_IPC_PATH_BYTES + " (sun_path)");
        }
        try
        {
            return UnixDomainSocketAddress.of(path);
        }
        catch (final InvalidPathException ex)
        {
            throw new TransportException("Invalid endpoint '" + endpoint + "': " + ex.getMessage(), ex);
        }
    }

    /**
     * The socket file a listener created, identified by its file key (device and inode), so closing the listener
     * removes that file and not one another process has since bound at the same path.
     */
    private static final class SocketFile
    {
        private final Path path;
        private final Object fileKey;

        SocketFile(final Path path)
        {
            this.path = path;
            this.fileKey = fileKey(path);
        }

        void deleteIfUnchanged()
        {
            // Without file keys (not every file system has them) the file at the path is taken to be ours.
            if (null == fileKey || fileKey.equals(fileKey(path)))
            {
                try
                {
                    Files.deleteIfExists(path);
                }
                catch (final IOException ex)
                {
                    // Best effort, as in libzmq: a stale file is taken over by the next bind anyway.
                }
            }
        }

        private static Object fileKey(final Path path)
        {
            try
            {
                return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            }
            catch (final IOException ex)
            {
                return null;
            }
        }
    }

    /**
     * Unix domain streams: no options to set (no Nagle to turn off), and accepted peers are unnamed, so they are
     * named by the listener's endpoint as libzmq does.
     */
    private static final class IpcStreams extends StreamSetup
    {
        @Override
        SocketChannel open() throws IOException
        {
            return SocketChannel.open(StandardProtocolFamily.UNIX);
        }

        @Override
        void configure(final SocketChannel channel)
        {
        }

        @Override
        String acceptedPeer(final SocketChannel accepted, final String listenerEndpoint)
        {
            return listenerEndpoint;
        }
    }
}
