package io.ringmq.patterns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.patterns.Patterns.SequenceChecker;
import io.ringmq.patterns.Patterns.Worker;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;

/**
 * An I/O agent tries the sockets of its first few connections itself every duty cycle and leaves the rest to the
 * selector: every peer is served the same whichever way, as connections come and go across that line, and a peer
 * whose kernel buffer filled gets the rest once it drains.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionPollingTest
{
    private static final int MOST_DEALERS = 8;

    @ModesAndTransports
    void everyPeerIsServedAsConnectionsGrowPastTheDirectlyPolledFewAndShrinkBack(
        final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket router = ctx.socket(SocketType.ROUTER))
        {
            router.setReceiveTimeOut(5_000);
            router.bind(transport.bindEndpoint());
            final List<Socket> dealers = new ArrayList<>();
            // Each dealer in the same context adds two connections to the one agent: 16 at the most.
            for (int i = 1; i <= MOST_DEALERS; i++)
            {
                final Socket dealer = ctx.socket(SocketType.DEALER);
                dealer.setReceiveTimeOut(5_000);
                dealer.setLinger(0);
                dealer.connect(router.getLastEndpoint());
                dealers.add(dealer);
                everyDealerRoundTrips(router, dealers, "grown to " + i);
            }
            while (dealers.size() > 1)
            {
                dealers.remove(dealers.size() - 1).close();
                everyDealerRoundTrips(router, dealers, "shrunk to " + dealers.size());
            }
        }
    }

    @ModesAndTransports
    void aWriterTheKernelRefusedSendsTheRestOnceTheReaderDrains(final Mode mode, final TestTransport transport)
        throws Exception
    {
        final int messages = 3_000;
        final int length = 16 * 1024;
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.bind(transport.bindEndpoint());
            final Socket push = ctx.socket(SocketType.PUSH);
            push.connect(pull.getLastEndpoint());
            // 48 MiB: more than the reader's ring, the kernel's buffers and the writer's backlog at SNDHWM together,
            // so the writer finds the kernel full while nobody reads.
            try (Worker sender = new Worker("push", () -> Patterns.sendSequence(push, 0, messages, length)))
            {
                Patterns.pause(ctx, 300);
                assertTrue(sender.isAlive(), "the sender should be held back while nobody reads");
                final SequenceChecker checker = new SequenceChecker(0);
                checker.drain(pull, messages, 30_000);
                sender.join(5_000);
                assertNull(checker.error, checker.error);
                assertEquals(messages, checker.received, "messages received");
            }
        }
    }

    /**
     * Every dealer sends one request; the router echoes each to the routing id it came from.
     */
    private static void everyDealerRoundTrips(final Socket router, final List<Socket> dealers, final String when)
    {
        for (int i = 0; i < dealers.size(); i++)
        {
            assertTrue(dealers.get(i).send(request(when, i)), when + ": send of dealer " + i);
        }
        for (int i = 0; i < dealers.size(); i++)
        {
            final byte[] id = router.recv();
            assertTrue(null != id && router.hasReceiveMore(), when + ": routing id of request " + i);
            final byte[] body = router.recv();
            assertTrue(null != body, when + ": body of request " + i);
            router.sendMore(id);
            router.send(body);
        }
        for (int i = 0; i < dealers.size(); i++)
        {
            assertArrayEquals(request(when, i), dealers.get(i).recv(), when + ": reply to dealer " + i);
        }
    }

    private static byte[] request(final String when, final int dealer)
    {
        return (when + ", dealer " + dealer).getBytes(StandardCharsets.US_ASCII);
    }
}
