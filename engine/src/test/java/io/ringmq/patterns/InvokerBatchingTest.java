package io.ringmq.patterns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.ringmq.Context;
import io.ringmq.ContextConfig;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Invoker mode writes a burst of sends in batches, and never leaves the end of a burst behind: a sender that stops
 * calling the library after its last send (it goes back to its own work, or sleeps) still has every message
 * delivered, in order, once; so does one whose I/O is busy on another thread of the same context at that moment.
 * Multipart messages stay whole.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InvokerBatchingTest
{
    private static final int BURST = 20_000;
    private static final int TIMEOUT_MS = 5_000;

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = TestTransport.class, names = {"TCP", "IPC"})
    void theEndOfABurstArrivesWhileTheSenderIsAway(final TestTransport transport) throws Exception
    {
        try (Context receiving = new Context(); Context sending = new Context(new ContextConfig().ioThreads(0));
            Socket pull = receiving.socket(SocketType.PULL))
        {
            pull.setReceiveTimeOut(TIMEOUT_MS);
            pull.bind(transport.bindEndpoint());
            final Socket push = sending.socket(SocketType.PUSH);
            push.connect(pull.getLastEndpoint());
            awaitConnected(sending, push, pull);

            final CountDownLatch sent = new CountDownLatch(1);
            final CountDownLatch received = new CountDownLatch(1);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread sender = new Thread(() ->
            {
                try
                {
                    burst(push, 0);
                    sent.countDown();
                    // Away from the library until everything arrived: no send, receive or poll writes the tail.
                    received.await();
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            }, "burst-sender");
            sender.start();
            try
            {
                expectBurst(pull, 0);
                assertTrue(sent.await(30, TimeUnit.SECONDS), "the burst was sent");
                expectNoMore(pull);
            }
            finally
            {
                received.countDown();
                sender.join();
            }
            assertNull(failure.get());
            push.close();
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = TestTransport.class, names = {"TCP", "IPC"})
    void twoSendersOfOneInvokerContextBothGetTheirEndsOut(final TestTransport transport) throws Exception
    {
        try (Context receiving = new Context(); Context sending = new Context(new ContextConfig().ioThreads(0));
            Socket pullA = receiving.socket(SocketType.PULL); Socket pullB = receiving.socket(SocketType.PULL))
        {
            final Socket[] pulls = {pullA, pullB};
            final Socket[] pushes = new Socket[2];
            for (int i = 0; i < 2; i++)
            {
                pulls[i].setReceiveTimeOut(TIMEOUT_MS);
                pulls[i].bind(transport.bindEndpoint());
                pushes[i] = sending.socket(SocketType.PUSH);
                pushes[i].connect(pulls[i].getLastEndpoint());
                awaitConnected(sending, pushes[i], pulls[i]);
            }
            final CountDownLatch received = new CountDownLatch(1);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread[] senders = new Thread[2];
            for (int i = 0; i < 2; i++)
            {
                final Socket push = pushes[i];
                final int first = i * BURST;
                senders[i] = new Thread(() ->
                {
                    try
                    {
                        for (int round = 0; round < 5; round++)
                        {
                            burst(push, first + round);
                        }
                        received.await();
                    }
                    catch (final Throwable ex)
                    {
                        failure.set(ex);
                    }
                }, "burst-sender-" + i);
                senders[i].start();
            }
            try
            {
                for (int round = 0; round < 5; round++)
                {
                    expectBurst(pullA, round);
                    expectBurst(pullB, BURST + round);
                }
                expectNoMore(pullA);
                expectNoMore(pullB);
            }
            finally
            {
                received.countDown();
                for (final Thread sender : senders)
                {
                    sender.join();
                }
            }
            assertNull(failure.get());
            pushes[0].close();
            pushes[1].close();
        }
    }

    /**
     * One message goes through before the burst, so the burst does not wait for the handshake (which, in invoker
     * mode, moves only while the application calls in).
     */
    private static void awaitConnected(final Context sending, final Socket push, final Socket pull)
    {
        assertTrue(push.send(new byte[]{42}));
        pull.setReceiveTimeOut(0);
        byte[] first = null;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (null == first && System.nanoTime() < deadline)
        {
            sending.invoke();
            first = pull.recv();
        }
        pull.setReceiveTimeOut(TIMEOUT_MS);
        assertNotNull(first, "the first message arrived");
        assertArrayEquals(new byte[]{42}, first);
    }

    /** Every fifth message has two frames: the sequence number, then its complement. */
    private static void burst(final Socket push, final int start)
    {
        for (int i = 0; i < BURST; i++)
        {
            final int value = start * BURST + i;
            if (i % 5 == 0)
            {
                assertTrue(push.sendMore(bytes(value)));
                assertTrue(push.send(bytes(~value)));
            }
            else
            {
                assertTrue(push.send(bytes(value)));
            }
        }
    }

    private static void expectBurst(final Socket pull, final int start)
    {
        for (int i = 0; i < BURST; i++)
        {
            final int value = start * BURST + i;
            final byte[] frame = pull.recv();
            assertNotNull(frame, "message " + i + " of the burst starting at " + start * BURST);
            assertEquals(value, ByteBuffer.wrap(frame).getInt(), "message " + i);
            if (i % 5 == 0)
            {
                assertTrue(pull.hasReceiveMore(), "message " + i + " has two frames");
                assertEquals(~value, ByteBuffer.wrap(pull.recv()).getInt(), "second frame of message " + i);
            }
            assertFalse(pull.hasReceiveMore(), "message " + i + " ends");
        }
    }

    private static void expectNoMore(final Socket pull)
    {
        pull.setReceiveTimeOut(100);
        assertNull(pull.recv(), "one message too many");
    }

    private static byte[] bytes(final int value)
    {
        return ByteBuffer.allocate(4).putInt(value).array();
    }
}
