package io.ringmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What is particular to ipc endpoints at the socket level: the socket file's life (created at bind, removed at
 * unbind and close), files left by dead listeners, and the path in errors and in {@link Socket#getLastEndpoint()}.
 * Message flow over ipc is covered by the pattern tests, which run over every transport.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IpcSocketFileTest
{
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bindReportsThePathAndUnbindRemovesTheFile(final Mode mode)
    {
        final Path path = dir.resolve("feed.sock");
        final String endpoint = "ipc://" + path;
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH))
        {
            pull.bind(endpoint);
            assertEquals(endpoint, pull.getLastEndpoint());
            assertTrue(Files.exists(path));

            pull.setReceiveTimeOut(5_000);
            push.connect(endpoint);
            assertEquals(endpoint, push.getLastEndpoint());
            push.send("over ipc");
            assertEquals("over ipc", pull.recvStr());

            pull.unbind(endpoint);
            assertFalse(Files.exists(path), "unbind removes the socket file");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void closingTheSocketOrTheContextRemovesTheFile(final Mode mode)
    {
        final Path first = dir.resolve("first.sock");
        final Path second = dir.resolve("second.sock");
        try (Context ctx = mode.newContext())
        {
            final Socket socket = ctx.socket(SocketType.PUB);
            socket.bind("ipc://" + first);
            socket.close();
            // Close completes on the I/O agent, as in libzmq, so the file goes shortly after the call returns.
            assertTrue(Mode.await(ctx, () -> !Files.exists(first), 5_000), "socket close removes the file");

            ctx.socket(SocketType.PUB).bind("ipc://" + second);
            assertTrue(Files.exists(second));
        }
        assertFalse(Files.exists(second), "context close removes the file of a socket left open");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void wildcardBindsAFreshFileInTheTempDirectoryAndRemovesItOnClose(final Mode mode)
    {
        final Path path;
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.bind("ipc://*");
            final String endpoint = pull.getLastEndpoint();
            assertTrue(endpoint.startsWith("ipc://") && !endpoint.endsWith("*"), endpoint);
            path = Path.of(endpoint.substring("ipc://".length()));
            assertEquals(Path.of(System.getProperty("java.io.tmpdir")), path.getParent());
            assertTrue(Files.exists(path), endpoint);
        }
        assertFalse(Files.exists(path), "wildcard file removed on close");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void connectToAFileNobodyListensOnRetriesUntilSomeoneBindsIt(final Mode mode) throws IOException
    {
        final Path path = dir.resolve("stale.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX))
        {
            dead.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path), "a listener that closes without removing its file leaves it behind");

        final String endpoint = "ipc://" + path;
        try (Context ctx = mode.newContext(); Socket push = ctx.socket(SocketType.PUSH))
        {
            push.setReconnectIVL(10);
            push.connect(endpoint);
            push.send("queued while refused");
            Mode.pump(ctx, 100);

            try (Socket pull = ctx.socket(SocketType.PULL))
            {
                pull.setReceiveTimeOut(5_000);
                pull.bind(endpoint);
                assertEquals("queued while refused", pull.recvStr());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bindingAPathAnotherContextListensOnIsRefusedByName(final Mode mode)
    {
        final String endpoint = "ipc://" + dir.resolve("busy.sock");
        // The sender shares the owner's context: in invoker mode only the context a call is made on runs its I/O.
        try (Context owner = mode.newContext();
            Socket listening = owner.socket(SocketType.PULL);
            Socket push = owner.socket(SocketType.PUSH);
            Context other = mode.newContext();
            Socket thief = other.socket(SocketType.PULL))
        {
            listening.bind(endpoint);

            final RingmqException ex = assertThrows(RingmqException.class, () -> thief.bind(endpoint));
            assertTrue(ex.getMessage().contains(endpoint), ex.getMessage());
            assertTrue(ex.getMessage().contains("address in use"), ex.getMessage());

            listening.setReceiveTimeOut(5_000);
            push.connect(endpoint);
            push.send("still the owner's");
            assertEquals("still the owner's", listening.recvStr());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pathsTooLongForTheOsAreRefusedByName(final Mode mode)
    {
        final String endpoint = "ipc://" + dir.resolve("p".repeat(120) + ".sock");
        try (Context ctx = mode.newContext(); Socket socket = ctx.socket(SocketType.PULL))
        {
            for (final Runnable call : new Runnable[]{ () -> socket.bind(endpoint), () -> socket.connect(endpoint) })
            {
                final RingmqException ex = assertThrows(RingmqException.class, call::run);
                assertTrue(ex.getMessage().contains(endpoint), ex.getMessage());
                assertTrue(ex.getMessage().contains("too long"), ex.getMessage());
            }
        }
    }
}
