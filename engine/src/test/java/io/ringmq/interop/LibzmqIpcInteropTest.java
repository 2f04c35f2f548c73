package io.ringmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.ringmq.Context;
import io.ringmq.RingmqException;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ringmq and libzmq (Debian's libzmq5 through python3-zmq, in a child process) over {@code ipc://}, each binding in
 * turn, for PUB/SUB, PUSH/PULL and REQ/REP, in both modes. The same ZMTP as over tcp, on Unix domain sockets.
 * Needs {@code /usr/bin/python3} with the zmq module: the tests fail, naming the package, without it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LibzmqIpcInteropTest
{
    private static final int COUNT = 200;
    private static final int RECEIVE_TIMEOUT_MS = 10_000;

    /**
     * Which end binds the endpoint; the other connects.
     */
    enum Binder
    {
        RINGMQ,
        LIBZMQ
    }

    @TempDir
    Path dir;

    static Stream<Arguments> cases()
    {
        return Stream.of(Mode.values())
            .flatMap(mode -> Stream.of(Binder.values()).map(binder -> Arguments.of(mode, binder)));
    }

    @BeforeAll
    static void requireLibzmq() throws Exception
    {
        LibzmqPeer.requirePyzmq();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void ringmqSubscribesToLibzmqPub(final Mode mode, final Binder binder) throws Exception
    {
        final String endpoint = endpoint("pub");
        try (Context ctx = mode.newContext(); Socket sub = socket(ctx, SocketType.SUB))
        {
            sub.subscribe("A");
            try (LibzmqPeer pub = startPeer(binder, sub, "pub", endpoint, 0))
            {
                // The first messages go before the subscription reaches libzmq (slow joiner); from the first that
                // arrives on, every one does, and only those matching "A".
                final String first = sub.recvStr();
                assertNotNull(first, "nothing arrived from libzmq");
                long expected = number(first, "A ") + 1;
                for (int i = 1; i < COUNT; i++)
                {
                    assertEquals("A " + expected++, sub.recvStr());
                }
                pub.signal();
                pub.awaitSuccess(ctx);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void libzmqSubscribesToRingmqPub(final Mode mode, final Binder binder) throws Exception
    {
        final String endpoint = endpoint("sub");
        try (Context ctx = mode.newContext(); Socket pub = socket(ctx, SocketType.PUB))
        {
            try (LibzmqPeer sub = startPeer(binder, pub, "sub", endpoint, COUNT))
            {
                long n = 0;
                while (sub.isAlive() && n < 1_000_000)
                {
                    pub.send("B " + n);
                    pub.send("A " + n);
                    n++;
                    Mode.pump(ctx, 1);
                }
                final List<String> received = sub.awaitSuccess(ctx);

                assertEquals(COUNT, received.size());
                long expected = number(received.get(0), "A ");
                for (final String message : received)
                {
                    assertEquals("A " + expected++, message, "only the subscribed prefix, none missing");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void ringmqPullsFromLibzmqPush(final Mode mode, final Binder binder) throws Exception
    {
        final String endpoint = endpoint("push");
        try (Context ctx = mode.newContext(); Socket pull = socket(ctx, SocketType.PULL))
        {
            try (LibzmqPeer push = startPeer(binder, pull, "push", endpoint, COUNT))
            {
                for (int i = 0; i < COUNT; i++)
                {
                    assertEquals("m " + i, pull.recvStr());
                }
                push.awaitSuccess(ctx);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void libzmqPullsFromRingmqPush(final Mode mode, final Binder binder) throws Exception
    {
        final String endpoint = endpoint("pull");
        try (Context ctx = mode.newContext(); Socket push = socket(ctx, SocketType.PUSH))
        {
            try (LibzmqPeer pull = startPeer(binder, push, "pull", endpoint, COUNT))
            {
                for (int i = 0; i < COUNT; i++)
                {
                    assertTrue(push.send("m " + i), "sent " + i);
                }
                final List<String> received = pull.awaitSuccess(ctx);

                assertEquals(COUNT, received.size());
                for (int i = 0; i < COUNT; i++)
                {
                    assertEquals("m " + i, received.get(i));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void ringmqRequestsFromLibzmqRep(final Mode mode, final Binder binder) throws Exception
    {
        final String endpoint = endpoint("rep");
        try (Context ctx = mode.newContext(); Socket req = socket(ctx, SocketType.REQ))
        {
            try (LibzmqPeer rep = startPeer(binder, req, "rep", endpoint, COUNT))
            {
                for (int i = 0; i < COUNT; i++)
                {
                    assertTrue(req.send("req " + i));
                    assertEquals("echo req " + i, req.recvStr());
                }
                rep.awaitSuccess(ctx);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void libzmqRequestsFromRingmqRep(final Mode mode, final Binder binder) throws Exception
    {
        final String endpoint = endpoint("req");
        try (Context ctx = mode.newContext(); Socket rep = socket(ctx, SocketType.REP))
        {
            try (LibzmqPeer req = startPeer(binder, rep, "req", endpoint, COUNT))
            {
                for (int i = 0; i < COUNT; i++)
                {
                    final String request = rep.recvStr();
                    assertEquals("req " + i, request);
                    assertTrue(rep.send("echo " + request));
                }
                final List<String> replies = req.awaitSuccess(ctx);

                assertEquals(COUNT, replies.size());
                for (int i = 0; i < COUNT; i++)
                {
                    assertEquals("echo req " + i, replies.get(i));
                }
            }
        }
    }

    /**
     * A libzmq process killed with SIGKILL leaves its socket file; ringmq refuses the path while libzmq lives, binds
     * it once it is dead, and a new libzmq peer reaches ringmq there.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSocketFileLeftByAKilledLibzmqProcessDoesNotPreventABind(final Mode mode) throws Exception
    {
        final Path path = dir.resolve("crashed.sock");
        final String endpoint = "ipc://" + path;
        try (Context ctx = mode.newContext(); Socket pull = socket(ctx, SocketType.PULL))
        {
            try (LibzmqPeer holder = LibzmqPeer.start("hold", true, endpoint, 0))
            {
                final RingmqException ex = assertThrows(RingmqException.class, () -> pull.bind(endpoint));
                assertTrue(ex.getMessage().contains(endpoint) && ex.getMessage().contains("address in use"),
                    ex.getMessage());

                holder.kill();
            }
            assertTrue(Files.exists(path), "kill -9 leaves libzmq's socket file behind");

            pull.bind(endpoint);
            assertEquals(endpoint, pull.getLastEndpoint());
            try (LibzmqPeer push = LibzmqPeer.start("push", false, endpoint, COUNT))
            {
                for (int i = 0; i < COUNT; i++)
                {
                    assertEquals("m " + i, pull.recvStr());
                }
                push.awaitSuccess(ctx);
            }
            pull.unbind(endpoint);
            assertFalse(Files.exists(path), "unbind removes the file");
        }
    }

    private String endpoint(final String name)
    {
        return "ipc://" + dir.resolve(name + ".sock");
    }

    /**
     * Bind on the side the case names, then connect the other; both report the same endpoint string.
     */
    private static LibzmqPeer startPeer(
        final Binder binder, final Socket ringmq, final String role, final String endpoint, final int count)
        throws Exception
    {
        if (Binder.RINGMQ == binder)
        {
            ringmq.bind(endpoint);
            assertEquals(endpoint, ringmq.getLastEndpoint());
            return LibzmqPeer.start(role, false, endpoint, count);
        }

        final LibzmqPeer peer = LibzmqPeer.start(role, true, endpoint, count);
        assertEquals(endpoint, peer.lastEndpoint(), "libzmq reports the same ipc endpoint");
        ringmq.connect(endpoint);
        return peer;
    }

    private static Socket socket(final Context ctx, final SocketType type)
    {
        final Socket socket = ctx.socket(type);
        socket.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);
        socket.setSendTimeOut(RECEIVE_TIMEOUT_MS);
        socket.setLinger(0);
        return socket;
    }

    private static long number(final String message, final String prefix)
    {
        assertTrue(message.startsWith(prefix), message);
        return Long.parseLong(message.substring(prefix.length()));
    }
}
