package io.ringmq.reqrep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Poller;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * libzmq's ROUTER never blocks unless ROUTER_MANDATORY is set: a message for a peer at its high-water mark is
 * dropped, and so, here, is one the I/O thread cannot take because it is SNDHWM messages behind on the socket's
 * ring. With a send timeout of 0 a send that would wait returns false, so a burst far faster than the I/O shows
 * every send returning true, POLLOUT throughout, and every message delivered whole, in order, or counted as
 * dropped.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterNeverBlocksTest
{
    private static final int MESSAGES = 200_000;
    private static final byte[] PEER = "peer".getBytes(StandardCharsets.UTF_8);

    @ModesAndTransports
    void aBurstBeyondTheHighWaterMarkNeverWaitsAndEveryMessageIsDeliveredOrCounted(
        final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket router = router(ctx, transport.bindEndpoint()))
        {
            final Socket dealer = dealer(ctx, router, PEER, router.getLastEndpoint());
            final long droppedBefore = router.getDroppedMessages();
            burst(router);
            final long received = drain(router, droppedBefore, dealer);
            System.out.printf("%s %s ROUTER burst: %,d delivered, %,d dropped%n",
                mode, transport, received, router.getDroppedMessages() - droppedBefore);
        }
    }

    /**
     * With an inproc peer beside the tcp one, messages for the tcp peer go through the I/O agent's share of the
     * socket's ring: dropped, not waited for, when the agent is behind.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aRouterWithInprocAndTcpPeersNeverWaits(final Mode mode)
    {
        try (Context ctx = mode.newContext(); Socket router = router(ctx, TestTransport.TCP.bindEndpoint()))
        {
            final Socket overTcp = dealer(ctx, router, PEER, router.getLastEndpoint());
            router.bind("inproc://router-never-blocks");
            dealer(ctx, router, "inproc-peer".getBytes(StandardCharsets.UTF_8), "inproc://router-never-blocks");
            final long droppedBefore = router.getDroppedMessages();
            burst(router);
            final long received = drain(router, droppedBefore, overTcp);
            System.out.printf("%s tcp+inproc ROUTER burst: %,d delivered, %,d dropped%n",
                mode, received, router.getDroppedMessages() - droppedBefore);
        }
    }

    private static void burst(final Socket router)
    {
        final ByteBuffer body = ByteBuffer.allocate(Long.BYTES);
        for (long i = 0; i < MESSAGES; i++)
        {
            assertTrue((router.getEvents() & Poller.POLLOUT) != 0, "POLLOUT before message " + i);
            body.putLong(0, i);
            assertTrue(router.sendMore(PEER), "routing id of message " + i + ": the ROUTER waited");
            assertTrue(router.send(body.array()), "body of message " + i + ": the ROUTER waited");
        }
    }

    private static Socket router(final Context ctx, final String endpoint)
    {
        final Socket router = ctx.socket(SocketType.ROUTER);
        router.setSndHWM(2);
        router.setSendTimeOut(0);
        router.setReceiveTimeOut(10_000);
        router.bind(endpoint);
        return router;
    }

    /** A DEALER known to the ROUTER as {@code identity}: its hello has arrived. */
    private static Socket dealer(final Context ctx, final Socket router, final byte[] identity, final String endpoint)
    {
        final Socket dealer = ctx.socket(SocketType.DEALER);
        dealer.setIdentity(identity);
        dealer.connect(endpoint);
        assertTrue(dealer.send("hello"));
        assertArrayEquals(identity, router.recv(), "routing id of the hello");
        assertEquals("hello", router.recvStr());
        dealer.setReceiveTimeOut(0);
        return dealer;
    }

    /**
     * Receive until the dealer's messages plus the router's drops account for the whole burst, in order, none twice.
     *
     * @return messages delivered.
     */
    private static long drain(final Socket router, final long droppedBefore, final Socket dealer)
    {
        final long expected = MESSAGES;
        long last = -1;
        long received = 0;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (received + router.getDroppedMessages() - droppedBefore < expected)
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("delivered " + received + " and dropped " + (router.getDroppedMessages() - droppedBefore) +
                    " of " + expected);
            }
            final byte[] message = dealer.recv();
            if (null != message)
            {
                assertEquals(Long.BYTES, message.length, "a whole message, no routing id");
                final long sequence = ByteBuffer.wrap(message).getLong();
                assertTrue(sequence > last, "message " + sequence + " after " + last);
                last = sequence;
                received++;
            }
        }
        final long settle = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        while (System.nanoTime() - settle < 0)
        {
            received += null != dealer.recv() ? 1 : 0;
        }
        assertEquals(expected, received + router.getDroppedMessages() - droppedBefore, "delivered plus dropped");
        assertTrue(received > 0, "some messages were delivered");
        return received;
    }
}
