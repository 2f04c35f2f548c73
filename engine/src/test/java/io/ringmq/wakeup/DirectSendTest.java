package io.ringmq.wakeup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.ContextConfig;
import io.ringmq.IdleMode;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With I/O threads, a send to an agent that sleeps is written by the sending thread itself; what that write cannot
 * finish is the agent's again. BLOCKING mode makes the agents sleep whenever they have nothing to do, so nearly
 * every send here takes that path: a backlog the kernel refuses while the reader lags, a message committed while
 * the connection is still handshaking, and a connection that dies under a write all end with every message
 * delivered, in order, once. Sender and receiver have a context each, so only the sender's agent can finish what
 * the sending thread left.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DirectSendTest
{
    private static final int TIMEOUT_MS = 10_000;

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = TestTransport.class, names = {"TCP", "IPC"})
    void aBacklogTheKernelRefusedIsWrittenOnceTheReaderCatchesUp(final TestTransport transport) throws Exception
    {
        final int count = 20_000;
        final byte[] body = new byte[1024];
        try (Context receiving = blocking(); Context sending = blocking();
            Socket pull = receiving.socket(SocketType.PULL); Socket push = sending.socket(SocketType.PUSH))
        {
            pull.setRcvHWM(10);
            pull.setReceiveTimeOut(TIMEOUT_MS);
            push.setSndHWM(count);
            pull.bind(transport.bindEndpoint());
            push.connect(pull.getLastEndpoint());
            // 20 MB while nobody reads: the kernel's buffers fill and refuse the rest.
            for (int i = 0; i < count; i++)
            {
                ByteBuffer.wrap(body).putInt(0, i);
                assertTrue(push.send(body), "send " + i);
            }
            Thread.sleep(200);
            for (int i = 0; i < count; i++)
            {
                final byte[] message = pull.recv();
                assertNotNull(message, "message " + i);
                assertEquals(i, ByteBuffer.wrap(message).getInt(), "message " + i);
            }
            push.setLinger(0);
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = TestTransport.class, names = {"TCP", "IPC"})
    void aMessageSentWhileTheConnectionHandshakesArrives(final TestTransport transport) throws Exception
    {
        try (Context receiving = blocking(); Context sending = blocking(); Socket pull = receiving.socket(SocketType.PULL))
        {
            pull.setReceiveTimeOut(TIMEOUT_MS);
            pull.bind(transport.bindEndpoint());
            for (int i = 0; i < 50; i++)
            {
                try (Socket push = sending.socket(SocketType.PUSH))
                {
                    push.setLinger(-1);
                    push.connect(pull.getLastEndpoint());
                    assertTrue(push.send("m" + i));
                    assertEquals("m" + i, pull.recvStr(), "message of connection " + i);
                }
            }
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = TestTransport.class, names = {"TCP"})
    void aPeerThatGoesAwayAndComesBackGetsWhatWasSentAfterItCameBack(final TestTransport transport) throws Exception
    {
        try (Context ctx = blocking(); Socket push = ctx.socket(SocketType.PUSH))
        {
            String endpoint = null;
            for (int round = 0; round < 3; round++)
            {
                try (Context peerContext = blocking(); Socket pull = peerContext.socket(SocketType.PULL))
                {
                    pull.setReceiveTimeOut(TIMEOUT_MS);
                    pull.bind(null == endpoint ? transport.bindEndpoint() : endpoint);
                    if (null == endpoint)
                    {
                        endpoint = pull.getLastEndpoint();
                        push.setReconnectIVL(10);
                        push.connect(endpoint);
                    }
                    // Sends wait in the PUSH until the new connection is up, then all of them arrive.
                    for (int i = 0; i < 100; i++)
                    {
                        assertTrue(push.send(round + ":" + i));
                    }
                    for (int i = 0; i < 100; i++)
                    {
                        assertEquals(round + ":" + i, pull.recvStr(), "round " + round);
                    }
                    pull.setLinger(0);
                }
            }
            push.setLinger(0);
        }
    }

    private static Context blocking()
    {
        return new Context(new ContextConfig().ioThreads(1).idleMode(IdleMode.BLOCKING));
    }
}
