package io.ringmq.poller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.MessageHandler;
import io.ringmq.Poller;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.AllocationMeter;
import io.ringmq.test.Mode;
import io.ringmq.test.WindowedSender;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DESIGN.md section 6 for the poller: after warm-up, poll-then-receive cycles allocate nothing on any thread.
 * Summed over every live thread (receiver, sender, I/O agent) around 100,000 cycles of one 64-byte message each
 * over tcp, against a small fixed bound.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PollerAllocationTest
{
    private static final int MESSAGE_SIZE = 64;
    private static final int WARM_UP = 50_000;
    private static final int MEASURED = 100_000;
    private static final long BOUND_BYTES = 64 * 1024;
    private static final long WINDOW = 1_000;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pollAndReceiveCyclesAllocateNothing(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH))
        {
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.getLastEndpoint());
            final Poller poller = new Poller(ctx);
            final int index = poller.register(pull, Poller.POLLIN);

            final Receiver receiver = new Receiver();
            final WindowedSender sender = new WindowedSender(push, MESSAGE_SIZE, WINDOW, () -> receiver.received);
            final Thread thread = new Thread(sender, "test-sender");
            final AllocationMeter meter = new AllocationMeter();
            thread.start();
            try
            {
                sender.sendUpTo(WARM_UP);
                receiver.cycles(poller, index, pull, WARM_UP);

                meter.start();
                sender.sendUpTo(WARM_UP + MEASURED);
                receiver.cycles(poller, index, pull, MEASURED);
                final long allocated = meter.stop();
                System.out.printf(
                    "poller %s: %d bytes allocated over %d poll+receive cycles across %d threads%n",
                    mode, allocated, MEASURED, meter.threadCount());

                assertEquals(WARM_UP + MEASURED, receiver.received, "messages received; stopped early: " +
                    receiver.stopped + "; " + pull.counters() + "; " + push.counters());
                assertTrue(receiver.inOrder, "messages arrived in order");
                assertTrue(
                    allocated < BOUND_BYTES,
                    "allocated " + allocated + " bytes over " + MEASURED + " cycles; " + meter.breakdown());
            }
            finally
            {
                sender.stop();
                thread.join(10_000);
            }
        }
    }

    /**
     * Polls, then receives one message in place, checking its sequence number.
     */
    private static final class Receiver implements MessageHandler
    {
        private volatile long received;
        private boolean inOrder = true;
        private String stopped = "no";

        void cycles(final Poller poller, final int index, final Socket socket, final int count)
        {
            for (int i = 0; i < count; i++)
            {
                final int ready = poller.poll(-1);
                final boolean pollin = poller.pollin(index);
                final int received = ready == 1 && pollin ? socket.receive(this, 1) : -1;
                if (received != 1)
                {
                    inOrder = false;
                    stopped = "poll " + ready + ", pollin " + pollin + ", receive " + received + ", events " +
                        socket.getEvents();
                    return;
                }
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
