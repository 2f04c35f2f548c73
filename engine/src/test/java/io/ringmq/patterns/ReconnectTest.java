package io.ringmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;

/**
 * connect() needs no listener yet: the socket keeps retrying, and messages sent meanwhile flow once a peer binds.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReconnectTest
{
    @ModesAndTransports
    void connectBeforeBindDeliversOnceThePeerBinds(final Mode mode, final TestTransport transport)
    {
        final String endpoint = transport.concreteEndpoint();
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

    @ModesAndTransports
    void reconnectsAfterThePeerGoesAndComesBack(final Mode mode, final TestTransport transport)
    {
        final String endpoint = transport.concreteEndpoint();
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
}
