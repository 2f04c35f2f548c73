package io.ringmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * connect() needs no listener yet: the socket keeps retrying, and messages sent meanwhile flow once a peer binds.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReconnectTest
{
    @ParameterizedTest
    @EnumSource(Mode.class)
    void connectBeforeBindDeliversOnceThePeerBinds(final Mode mode) throws Exception
    {
        final String endpoint = "tcp://127.0.0.1:" + freePort();
        try (Context ctx = mode.newContext(); Socket push = ctx.socket(SocketType.PUSH))
        {
            push.setReconnectIVL(10);
            push.connect(endpoint);
            for (int i = 0; i < 10; i++)
            {
                push.send("early " + i);
            }
            Patterns.pause(ctx, 100);

            try (Socket pull = ctx.socket(SocketType.PULL))
            {
                pull.setReceiveTimeOut(5_000);
                pull.bind(endpoint);
                for (int i = 0; i < 10; i++)
                {
                    assertEquals("early " + i, pull.recvStr());
                }
                push.send("after");
                assertEquals("after", pull.recvStr());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void reconnectsAfterThePeerGoesAndComesBack(final Mode mode) throws Exception
    {
        final String endpoint = "tcp://127.0.0.1:" + freePort();
        try (Context ctx = mode.newContext(); Socket push = ctx.socket(SocketType.PUSH))
        {
            push.setReconnectIVL(10);
            push.connect(endpoint);
            try (Socket pull = ctx.socket(SocketType.PULL))
            {
                pull.setReceiveTimeOut(5_000);
                pull.bind(endpoint);
                push.send("first");
                assertEquals("first", pull.recvStr());
            }
            Patterns.pause(ctx, 50);
            try (Socket pull = ctx.socket(SocketType.PULL))
            {
                pull.setReceiveTimeOut(5_000);
                pull.bind(endpoint);
                push.send("second");
                assertEquals("second", pull.recvStr());
            }
        }
    }

    static int freePort() throws Exception
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
