package io.ringmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class IpcTransportTest
{
    private final Transport ipc = Transports.forScheme(Scheme.IPC);
    private StreamListener listener;
    private StreamListener otherListener;
    private StreamChannel client;
    private StreamChannel accepted;
    private ServerSocketChannel foreign;

    @TempDir
    Path dir;

    @AfterEach
    void after()
    {
        CloseHelper.closeAll(client, accepted, listener, otherListener, foreign);
    }

    @Test
    void shouldBeRegisteredForIpc()
    {
        assertInstanceOf(IpcTransport.class, ipc);
        assertEquals(Scheme.IPC, ipc.scheme());
    }

    @Test
    void shouldBindConnectAndEchoBothWays()
    {
        final Path path = dir.resolve("echo.sock");
        final String uri = "ipc://" + path;
        listener = ipc.bind(Endpoint.parse(uri));

        assertEquals(uri, listener.resolvedEndpoint());
        assertTrue(Files.exists(path));
        assertInstanceOf(ServerSocketChannel.class, listener.channel());
        assertFalse(listener.channel().isBlocking());

        client = ipc.connect(Endpoint.parse(uri));
        accepted = Loopback.accept(listener, client);
        assertTrue(client.isConnected());
        assertTrue(accepted.isConnected());
        assertFalse(client.channel().isBlocking());
        assertFalse(accepted.channel().isBlocking());
        assertEquals(uri, client.remoteEndpoint());
        assertEquals(uri, accepted.remoteEndpoint(), "unnamed ipc peers are named by the listener");
        assertNull(listener.accept(), "nothing else is pending");

        assertEquals("ping", transfer(client, accepted, "ping"));
        assertEquals("pong", transfer(accepted, client, "pong"));
    }

    @Test
    void shouldRemoveTheSocketFileOnClose()
    {
        final Path path = dir.resolve("close.sock");
        listener = ipc.bind(Endpoint.parse("ipc://" + path));
        assertTrue(Files.exists(path));

        listener.close();
        listener.close();

        assertFalse(Files.exists(path), "socket file removed");
        assertFalse(listener.channel().isOpen());
    }

    @Test
    void shouldLeaveAFileThatIsNoLongerItsOwnOnClose() throws IOException
    {
        final Path path = dir.resolve("replaced.sock");
        listener = ipc.bind(Endpoint.parse("ipc://" + path));
        Files.delete(path);
        otherListener = ipc.bind(Endpoint.parse("ipc://" + path));

        listener.close();

        assertTrue(Files.exists(path), "the newer listener's file stays");
        client = ipc.connect(Endpoint.parse("ipc://" + path));
        accepted = Loopback.accept(otherListener, client);
    }

    @Test
    void shouldTakeOverASocketFileLeftByAKilledProcess() throws Exception
    {
        final Path path = dir.resolve("killed.sock");
        try (IpcListenerProcess process = IpcListenerProcess.start(path))
        {
            process.kill();
        }
        assertTrue(Files.exists(path), "kill -9 leaves the socket file behind");
        assertRefused("ipc://" + path);

        listener = ipc.bind(Endpoint.parse("ipc://" + path));

        client = ipc.connect(Endpoint.parse("ipc://" + path));
        accepted = Loopback.accept(listener, client);
        assertEquals("alive", transfer(client, accepted, "alive"));
    }

    @Test
    void shouldTakeOverASocketFileWhoseListenerClosedWithoutRemovingIt() throws IOException
    {
        final Path path = dir.resolve("closed.sock");
        try (ServerSocketChannel raw = ServerSocketChannel.open(StandardProtocolFamily.UNIX))
        {
            raw.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path), "the JDK leaves the file behind");

        listener = ipc.bind(Endpoint.parse("ipc://" + path));

        client = ipc.connect(Endpoint.parse("ipc://" + path));
        accepted = Loopback.accept(listener, client);
    }

    @Test
    void shouldRefuseToStealTheAddressOfALiveListenerInAnotherProcess() throws Exception
    {
        final Path path = dir.resolve("live.sock");
        try (IpcListenerProcess process = IpcListenerProcess.start(path))
        {
            final String uri = "ipc://" + path;
            final TransportException ex = assertThrows(TransportException.class, () -> ipc.bind(Endpoint.parse(uri)));

            assertTrue(ex.getMessage().contains(path.toString()), ex.getMessage());
            assertTrue(ex.getMessage().contains("address in use"), ex.getMessage());
            assertTrue(Files.exists(path), "the live listener keeps its file");
            process.kill();
        }
    }

    @Test
    void shouldRefuseToStealTheAddressOfALiveListenerInThisProcess() throws IOException
    {
        final Path path = dir.resolve("ours.sock");
        final String uri = "ipc://" + path;
        listener = ipc.bind(Endpoint.parse(uri));

        final TransportException ex = assertThrows(TransportException.class, () -> ipc.bind(Endpoint.parse(uri)));
        assertTrue(ex.getMessage().contains(uri) && ex.getMessage().contains("address in use"), ex.getMessage());

        foreign = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        final Path other = dir.resolve("raw.sock");
        foreign.bind(UnixDomainSocketAddress.of(other));
        assertThrows(TransportException.class, () -> ipc.bind(Endpoint.parse("ipc://" + other)));

        // The first listener still serves its path.
        client = ipc.connect(Endpoint.parse(uri));
        accepted = Loopback.accept(listener, client);
    }

    @Test
    void shouldRefuseAPathThatIsNotASocket() throws IOException
    {
        final Path path = Files.writeString(dir.resolve("notes.txt"), "keep me");
        final String uri = "ipc://" + path;

        final TransportException ex = assertThrows(TransportException.class, () -> ipc.bind(Endpoint.parse(uri)));

        assertTrue(ex.getMessage().contains(uri) && ex.getMessage().contains("not a socket"), ex.getMessage());
        assertEquals("keep me", Files.readString(path), "the file is untouched");
    }

    @Test
    void shouldRefuseAFifoRatherThanRemoveIt() throws Exception
    {
        final Path fifo = dir.resolve("fifo");
        final Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        final String uri = "ipc://" + fifo;

        final TransportException ex = assertThrows(TransportException.class, () -> ipc.bind(Endpoint.parse(uri)));

        assertTrue(ex.getMessage().contains(uri) && ex.getMessage().contains("not a socket"), ex.getMessage());
        assertTrue(Files.exists(fifo), "the fifo is untouched");
    }

    @Test
    void shouldNameAPathTooLongForTheOs()
    {
        final String longest = longPath(Endpoint.MAX_IPC_PATH_BYTES);
        final String tooLong = longPath(Endpoint.MAX_IPC_PATH_BYTES + 1);

        listener = ipc.bind(Endpoint.parse("ipc://" + longest));
        listener.close();
        assertFalse(Files.exists(Path.of(longest)));

        final TransportException ex = assertThrows(
            TransportException.class, () -> ipc.bind(Endpoint.parse("ipc://" + tooLong)));
        assertTrue(ex.getMessage().contains(tooLong), ex.getMessage());
        assertTrue(ex.getMessage().contains("too long"), ex.getMessage());
        assertFalse(Files.exists(Path.of(tooLong)));
    }

    @Test
    void shouldNameAMissingDirectory()
    {
        final String uri = "ipc://" + dir.resolve("no-such-dir").resolve("x.sock");

        final TransportException ex = assertThrows(TransportException.class, () -> ipc.bind(Endpoint.parse(uri)));

        assertTrue(ex.getMessage().contains(uri), ex.getMessage());
    }

    @Test
    void shouldBindAFreshFileInTheTempDirectoryForAWildcard()
    {
        listener = ipc.bind(Endpoint.parse("ipc://*"));
        otherListener = ipc.bind(Endpoint.parse("ipc://*"));

        final String resolved = listener.resolvedEndpoint();
        assertNotEquals(resolved, otherListener.resolvedEndpoint());
        final Path path = Path.of(Endpoint.parse(resolved).path());
        assertEquals(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath(), path.getParent().toAbsolutePath());
        assertTrue(Files.exists(path), resolved);

        client = ipc.connect(Endpoint.parse(resolved));
        accepted = Loopback.accept(listener, client);

        listener.close();
        assertFalse(Files.exists(path), "wildcard socket file removed on close");
    }

    @Test
    void shouldReportAMissingFileWhenTheConnectIsFinished()
    {
        final String uri = "ipc://" + dir.resolve("nobody.sock");

        final StreamChannel refused = ipc.connect(Endpoint.parse(uri));
        try
        {
            final TransportException ex = assertThrows(TransportException.class, refused::finishConnect);
            assertTrue(ex.getMessage().contains(uri), ex.getMessage());
            assertNotNull(refused.failure());
            assertFalse(refused.isConnected());
            assertFalse(refused.channel().isOpen());
        }
        finally
        {
            refused.close();
        }

        listener = ipc.bind(Endpoint.parse(uri));
        client = ipc.connect(Endpoint.parse(uri));
        accepted = Loopback.accept(listener, client);
    }

    @Test
    void shouldRejectConnectToTheWildcardAndOtherSchemes()
    {
        final TransportException wildcard = assertThrows(
            TransportException.class, () -> ipc.connect(Endpoint.parse("ipc://*")));
        assertTrue(wildcard.getMessage().contains("ipc://*"), wildcard.getMessage());

        final TransportException tcp = assertThrows(
            TransportException.class, () -> ipc.bind(Endpoint.parse("tcp://127.0.0.1:*")));
        assertTrue(tcp.getMessage().contains("tcp://127.0.0.1:*"), tcp.getMessage());
    }

    private void assertRefused(final String uri)
    {
        final StreamChannel refused = ipc.connect(Endpoint.parse(uri));
        try
        {
            assertThrows(TransportException.class, refused::finishConnect);
        }
        finally
        {
            refused.close();
        }
    }

    /**
     * An absolute path of exactly {@code bytes} bytes inside the temp directory.
     */
    private String longPath(final int bytes)
    {
        final StringBuilder builder = new StringBuilder(dir.toString()).append('/');
        while (builder.length() < bytes - ".sock".length())
        {
            builder.append('p');
        }
        builder.append(".sock");
        assertEquals(bytes, builder.toString().getBytes(StandardCharsets.UTF_8).length);

        return builder.toString();
    }

    private static String transfer(final StreamChannel from, final StreamChannel to, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer out = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        while (out.hasRemaining())
        {
            assertTrue(from.write(out) >= 0);
            Loopback.yieldAndCheck();
        }

        final ByteBuffer in = ByteBuffer.allocateDirect(bytes.length);
        while (in.hasRemaining())
        {
            assertTrue(to.read(in) >= 0);
            Loopback.yieldAndCheck();
        }
        final byte[] received = new byte[bytes.length];
        in.flip().get(received);

        return new String(received, StandardCharsets.US_ASCII);
    }
}
