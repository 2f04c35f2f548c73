package io.ringmq.patterns;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.RingmqException;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Misuse throws {@link RingmqException} naming the endpoint, option or socket type at fault.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MisuseTest
{
    @ParameterizedTest
    @EnumSource(Mode.class)
    void badEndpointsAreRejectedByName(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket socket = ctx.socket(SocketType.PULL))
        {
            final String tooLong = "ipc:///tmp/" + "p".repeat(200);
            for (final String bad : new String[]{ "tcp://nope", "foo://x", "tcp://127.0.0.1:99999", "ipc://", tooLong })
            {
                assertNamed(bad, () -> socket.bind(bad));
                assertNamed(bad, () -> socket.connect(bad));
            }
        }
    }

    @ModesAndTransports
    void bindingAnAddressInUseNamesTheEndpoint(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket first = ctx.socket(SocketType.PULL);
            Socket second = ctx.socket(SocketType.PULL))
        {
            first.bind(transport.bindEndpoint());
            final String endpoint = first.getLastEndpoint();
            assertNamed(endpoint, () -> second.bind(endpoint));
            assertNamed(endpoint, () -> first.bind(endpoint));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void unbindOrDisconnectOfAnUnknownEndpointNamesIt(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket socket = ctx.socket(SocketType.PULL))
        {
            assertNamed("tcp://127.0.0.1:5999", () -> socket.unbind("tcp://127.0.0.1:5999"));
            assertNamed("tcp://127.0.0.1:5999", () -> socket.disconnect("tcp://127.0.0.1:5999"));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void optionsOutOfRangeNameTheOption(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket socket = ctx.socket(SocketType.PUSH))
        {
            assertNamed("SNDHWM", () -> socket.setSndHWM(-1));
            assertNamed("RCVHWM", () -> socket.setRcvHWM(-1));
            assertNamed("IDENTITY", () -> socket.setIdentity(new byte[0]));
            assertNamed("IDENTITY", () -> socket.setIdentity(new byte[256]));
            assertNamed("RCVTIMEO", () -> socket.setReceiveTimeOut(-2));
            assertNamed("SNDTIMEO", () -> socket.setSendTimeOut(-2));
            assertNamed("LINGER", () -> socket.setLinger(-2));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void callsTheSocketTypeDoesNotAllowNameTheType(final Mode mode)
    {
        try (Context ctx = mode.newContext();
            Socket pub = ctx.socket(SocketType.PUB);
            Socket sub = ctx.socket(SocketType.SUB);
            Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH))
        {
            assertNamed("PUB", pub::recv);
            assertNamed("PUB", () -> pub.receive((buffer, offset, length, more) -> { }, 1));
            assertNamed("PUSH", push::recv);
            assertNamed("SUB", () -> sub.send("x"));
            assertNamed("SUB", () -> sub.claim(1));
            assertNamed("PULL", () -> pull.send("x"));
            assertNamed("PULL", () -> pull.sendMore("x"));
            assertNamed("PUSH", () -> push.subscribe("x"));
            assertNamed("PUB", () -> pub.unsubscribe("x"));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aClosedSocketRefusesEveryCall(final Mode mode)
    {
        try (Context ctx = mode.newContext())
        {
            final Socket sub = ctx.socket(SocketType.SUB);
            final Socket push = ctx.socket(SocketType.PUSH);
            sub.close();
            push.close();
            assertNamed("closed", () -> push.send("x"));
            assertNamed("closed", () -> push.claim(1));
            assertNamed("closed", sub::recv);
            assertNamed("closed", () -> sub.receive((buffer, offset, length, more) -> { }, 1));
            assertNamed("closed", () -> sub.subscribe("x"));
            assertNamed("closed", () -> push.bind("tcp://127.0.0.1:*"));
            assertNamed("closed", () -> push.connect("tcp://127.0.0.1:5999"));
            assertNamed("closed", () -> push.setSndHWM(5));
            assertNamed("closed", () -> sub.setReceiveTimeOut(5));
            push.close();
        }
    }

    private static void assertNamed(final String name, final Executable call)
    {
        final RingmqException ex = assertThrows(RingmqException.class, call, "expected a failure naming " + name);
        assertTrue(null != ex.getMessage() && ex.getMessage().contains(name),
            "message should name '" + name + "': " + ex.getMessage());
    }
}
