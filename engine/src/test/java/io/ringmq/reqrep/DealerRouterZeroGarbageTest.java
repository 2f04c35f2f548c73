package io.ringmq.reqrep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.MessageHandler;
import io.ringmq.SendClaim;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.AllocationMeter;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;

/**
 * DESIGN.md section 6 for request-reply: after warm-up, DEALER/ROUTER round trips through the zero-copy API
 * allocate nothing on any thread. The DEALER writes each request in place; the ROUTER sees {@code [id][body]} in
 * place and answers {@code [id][body]} with claim/commitMore/commit; the DEALER checks every reply. Measured as
 * {@code ZeroGarbageTest} measures one-way traffic: the sum over every live thread around 1,000,000 round trips,
 * in both modes over every transport.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DealerRouterZeroGarbageTest
{
    private static final int MESSAGE_SIZE = 64;
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 1_000_000;
    private static final long BOUND_BYTES = 64 * 1024;
    /**
     * Requests in flight at most. Below the ROUTER's SNDHWM, so no reply is ever dropped at a full peer: a steady
     * state is one where both ends keep up.
     */
    private static final long WINDOW = 512;

    @ModesAndTransports
    void dealerRouterRoundTripsAllocateNothing(final Mode mode, final TestTransport transport) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket router = ctx.socket(SocketType.ROUTER);
            Socket dealer = ctx.socket(SocketType.DEALER))
        {
            router.bind(transport.bindEndpoint());
            dealer.setIdentity("zero-gc".getBytes(StandardCharsets.US_ASCII));
            dealer.connect(router.getLastEndpoint());

            final Client client = new Client(dealer);
            final Echo echo = new Echo(router);
            final Thread thread = new Thread(client, "test-dealer");
            final AllocationMeter meter = new AllocationMeter();
            thread.start();
            try
            {
                client.sendUpTo(WARM_UP);
                echo.serveUntil(client, WARM_UP);

                meter.start();
                client.sendUpTo(WARM_UP + MEASURED);
                echo.serveUntil(client, WARM_UP + MEASURED);
                final long allocated = meter.stop();
                System.out.printf(
                    "DEALER <-> ROUTER (%s over %s): %d bytes allocated over %d round trips across %d threads%n",
                    mode, transport, allocated, MEASURED, meter.threadCount());

                assertEquals(WARM_UP + MEASURED, client.received, "replies received");
                assertEquals(WARM_UP + MEASURED, echo.served, "requests served");
                assertTrue(client.inOrder, "replies arrived in order, intact");
                assertTrue(echo.intact, "requests arrived intact, from the DEALER's identity");
                assertTrue(
                    allocated < BOUND_BYTES,
                    "allocated " + allocated + " bytes over " + MEASURED + " round trips; " + meter.breakdown());
            }
            finally
            {
                client.stop();
                thread.join(10_000);
            }
        }
    }

    /**
     * The DEALER's thread: sends sequence-numbered requests through claim/commit up to a target the test raises,
     * never more than {@link #WINDOW} ahead of the replies, and checks each reply in place.
     */
    private static final class Client implements Runnable, MessageHandler
    {
        private final Socket socket;
        private volatile long target;
        private volatile boolean running = true;
        private volatile long received;
        private volatile boolean inOrder = true;
        private long sent;

        Client(final Socket socket)
        {
            this.socket = socket;
        }

        void sendUpTo(final long count)
        {
            target = count;
        }

        void stop()
        {
            running = false;
        }

        @Override
        public void run()
        {
            while (running)
            {
                int work = 0;
                while (sent < target && sent - received < WINDOW)
                {
                    final SendClaim claim = socket.claim(MESSAGE_SIZE);
                    claim.buffer().putLong(claim.offset(), sent);
                    claim.buffer().putLong(claim.offset() + MESSAGE_SIZE - 8, ~sent);
                    claim.commit();
                    sent++;
                    work++;
                }
                work += socket.receive(this, 256);
                if (work == 0)
                {
                    Thread.onSpinWait();
                }
            }
        }

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
        {
            final long expected = received;
            if (more || length != MESSAGE_SIZE || buffer.getLong(offset) != expected ||
                buffer.getLong(offset + MESSAGE_SIZE - 8) != ~expected)
            {
                inOrder = false;
            }
            received = expected + 1;
        }
    }

    /**
     * The ROUTER, on the test's thread: receives {@code [id][body]} in place and sends the body back to that id,
     * the id frame through claim/commitMore and the body through claim/commit.
     */
    private static final class Echo implements MessageHandler
    {
        private final Socket socket;
        private final UnsafeBuffer id = new UnsafeBuffer(new byte[255]);
        private final byte[] expectedId = "zero-gc".getBytes(StandardCharsets.US_ASCII);
        private int idLength = -1;
        private long served;
        private boolean intact = true;

        Echo(final Socket socket)
        {
            this.socket = socket;
        }

        void serveUntil(final Client client, final long count)
        {
            while (client.received < count)
            {
                if (socket.receive(this, 256) == 0)
                {
                    Thread.onSpinWait();
                }
            }
        }

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
        {
            if (idLength < 0)
            {
                // The id frame: keep it, since the view is only valid during this call.
                if (!more || length != expectedId.length)
                {
                    intact = false;
                }
                buffer.getBytes(offset, id, 0, length);
                idLength = length;
                for (int i = 0; i < length && i < expectedId.length; i++)
                {
                    if (id.getByte(i) != expectedId[i])
                    {
                        intact = false;
                    }
                }
                return;
            }
            if (more || length != MESSAGE_SIZE || buffer.getLong(offset) != served)
            {
                intact = false;
            }

            final SendClaim idClaim = socket.claim(idLength);
            idClaim.buffer().putBytes(idClaim.offset(), id, 0, idLength);
            idClaim.commitMore();
            final SendClaim bodyClaim = socket.claim(length);
            bodyClaim.buffer().putBytes(bodyClaim.offset(), buffer, offset, length);
            bodyClaim.commit();
            idLength = -1;
            served++;
        }
    }
}
