package io.ringmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import io.ringmq.test.AllocationMeter;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import io.ringmq.test.WindowedSender;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Timeout;

/**
 * DESIGN.md section 6: after warm-up, the zero-copy API allocates nothing per message on any thread. Measured as
 * the sum over every live thread (application, sender, I/O agent) around a steady-state run of 1,000,000
 * messages of 64 bytes over each transport, against a small fixed bound: a leak of even one object per 100
 * messages fails.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ZeroGarbageTest
{
    private static final int MESSAGE_SIZE = 64;
    private static final int WARM_UP = 300_000;
    private static final int MEASURED = 1_000_000;
    private static final long BOUND_BYTES = 64 * 1024;
    /** A steady state is a receiver that keeps up: the sender stays at most this far ahead of it. */
    private static final long WINDOW = 10_000;

    @ModesAndTransports
    void pushPullSteadyStateAllocatesNothing(final Mode mode, final TestTransport transport) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH))
        {
            pull.bind(transport.bindEndpoint());
            push.connect(pull.getLastEndpoint());
            assertSteadyStateGarbageFree(push, pull);
        }
    }

    @ModesAndTransports
    void pubSubSteadyStateAllocatesNothing(final Mode mode, final TestTransport transport) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket pub = ctx.socket(SocketType.PUB);
            Socket sub = ctx.socket(SocketType.SUB))
        {
            // Lossless while the subscriber keeps up: the HWM, above the sender's window, only bounds a stalled peer.
            pub.setSndHWM((int)(2 * WINDOW));
            pub.bind(transport.bindEndpoint());
            sub.subscribe("");
            sub.connect(pub.getLastEndpoint());
            awaitSubscription(pub, sub);
            assertSteadyStateGarbageFree(pub, sub);
        }
    }

    private static void awaitSubscription(final Socket pub, final Socket sub)
    {
        sub.setReceiveTimeOut(10);
        final byte[] probe = new byte[MESSAGE_SIZE];
        probe[0] = -1;
        byte[] received = null;
        for (int i = 0; i < 1000 && null == received; i++)
        {
            pub.send(probe);
            received = sub.recv();
        }
        assertTrue(null != received, "subscription never took effect");
        while (null != sub.recv())
        {
            Thread.onSpinWait();
        }
    }

    private static void assertSteadyStateGarbageFree(final Socket sender, final Socket receiver) throws Exception
    {
        final Receiver consumer = new Receiver();
        final WindowedSender producer = new WindowedSender(sender, MESSAGE_SIZE, WINDOW, () -> consumer.received);
        final Thread thread = new Thread(producer, "test-sender");
        final AllocationMeter meter = new AllocationMeter();
        thread.start();
        try
        {
            producer.sendUpTo(WARM_UP);
            consumer.receiveUpTo(receiver, WARM_UP);

            meter.start();
            producer.sendUpTo(WARM_UP + MEASURED);
            consumer.receiveUpTo(receiver, WARM_UP + MEASURED);
            final long allocated = meter.stop();
            System.out.printf(
                "%s -> %s over %s: %d bytes allocated over %d messages across %d threads%n",
                sender.getSocketType(), receiver.getSocketType(), sender.getLastEndpoint(), allocated, MEASURED,
                meter.threadCount());

            assertEquals(WARM_UP + MEASURED, consumer.received, "messages received");
            assertTrue(consumer.inOrder, "messages arrived in order");
            assertTrue(
                allocated < BOUND_BYTES,
                "allocated " + allocated + " bytes over " + MEASURED + " messages; " + meter.breakdown());
        }
        finally
        {
            producer.stop();
            thread.join(10_000);
        }
    }

    /**
     * Receives in place and checks every sequence number, allocating nothing.
     */
    private static final class Receiver implements MessageHandler
    {
        private volatile long received;
        private boolean inOrder = true;

        void receiveUpTo(final Socket socket, final long count)
        {
            while (received < count)
            {
                // The blocking receive: in the default mode its wait spins, yields, blocks and is woken, all of
                // which must allocate nothing either.
                socket.receive(this, 256, 1_000);
            }
        }

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
        {
            if (length != MESSAGE_SIZE || buffer.getLong(offset) != received)
            {
                inOrder = false;
            }
            received = received + 1;
        }
    }
}
