package io.ringmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The steady-state data path (pollNow, read, write, gathering write) allocates nothing. Measured on the test
 * thread, which does all the work, over a fixed number of round trips after warm-up; the bound allows for the
 * meter itself and stray JVM bookkeeping, not for anything per message.
 * <p>
 * The JDK's epoll selector looks keys up by a boxed file descriptor, so each ready key allocates an Integer
 * once descriptors pass the autobox cache (127 by default). The module's surefire argLine raises the cache with
 * {@code -XX:AutoBoxCacheMax}, and one test pushes the descriptors past 127 to prove that flag is needed and
 * enough.
 */
@Timeout(30)
class AllocationTest
{
    private static final int MESSAGE_LENGTH = 32;
    private static final int WARM_UP_ROUND_TRIPS = 30_000;
    private static final int MEASURED_ROUND_TRIPS = 100_000;
    private static final long ALLOCATION_BOUND = 64 * 1024;
    private static final int DELIBERATE_ALLOCATION = 256 * 1024;
    private static final int DESCRIPTOR_PADDING_PIPES = 100;

    static volatile Object blackhole;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private final TransportPoller poller = new TransportPoller();
    private StreamListener listener;
    private StreamChannel client;
    private StreamChannel server;
    private Echo echo;
    private final List<Pipe> padding = new ArrayList<>();

    @BeforeEach
    void before()
    {
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation metering unsupported");
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    private void connect(final String wildcard)
    {
        final Endpoint endpoint = Endpoint.parse(wildcard);
        final Transport transport = Transports.forScheme(endpoint.scheme());
        listener = transport.bind(endpoint);
        client = transport.connect(Endpoint.parse(listener.resolvedEndpoint()));
        server = Loopback.accept(listener, client);
        echo = new Echo(client, server);
        poller.register(client.channel(), SelectionKey.OP_READ, client);
        poller.register(server.channel(), SelectionKey.OP_READ, server);
    }

    @AfterEach
    void after()
    {
        CloseHelper.closeAll(client, server, listener, poller);
        for (final Pipe pipe : padding)
        {
            CloseHelper.closeAll(pipe.source(), pipe.sink());
        }
    }

    @Test
    void meterShouldSeeADeliberateAllocation()
    {
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        blackhole = new byte[DELIBERATE_ALLOCATION];
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertTrue(allocated >= DELIBERATE_ALLOCATION, "meter saw only " + allocated + " bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = { Loopback.IPV4_WILDCARD, "ipc://*" })
    void roundTripsThroughPollNowShouldNotAllocate(final String wildcard)
    {
        connect(wildcard);
        assertRoundTripsDoNotAllocate();
    }

    @Test
    void roundTripsShouldNotAllocateWithDescriptorsBeyondTheDefaultAutoboxCache() throws IOException
    {
        for (int i = 0; i < DESCRIPTOR_PADDING_PIPES; i++)
        {
            padding.add(Pipe.open());
        }
        connect(Loopback.IPV4_WILDCARD);

        assertRoundTripsDoNotAllocate();
    }

    private void assertRoundTripsDoNotAllocate()
    {
        final long threadId = Thread.currentThread().getId();
        echo.roundTrips(WARM_UP_ROUND_TRIPS);

        final long before = threads.getThreadAllocatedBytes(threadId);
        echo.roundTrips(MEASURED_ROUND_TRIPS);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertEquals((long)(WARM_UP_ROUND_TRIPS + MEASURED_ROUND_TRIPS) * MESSAGE_LENGTH, echo.bytesEchoed);
        assertTrue(allocated < ALLOCATION_BOUND,
            allocated + " bytes allocated over " + MEASURED_ROUND_TRIPS + " round trips");
    }

    /**
     * The client sends, alternating plain and gathering writes; the server echoes; the client reads the echo.
     * Both ends are driven by one pollNow loop with this handler, held in a field as the engine will.
     */
    private final class Echo implements Consumer<SelectionKey>
    {
        private final StreamChannel client;
        private final StreamChannel server;
        private final ByteBuffer message = ByteBuffer.allocateDirect(MESSAGE_LENGTH);
        private final ByteBuffer[] halves = new ByteBuffer[2];
        private final ByteBuffer serverBuffer = ByteBuffer.allocateDirect(4096);
        private final ByteBuffer clientBuffer = ByteBuffer.allocateDirect(4096);
        private long bytesExpected;
        private long bytesEchoed;

        Echo(final StreamChannel client, final StreamChannel server)
        {
            this.client = client;
            this.server = server;
            halves[0] = message.duplicate().limit(MESSAGE_LENGTH / 2);
            halves[1] = message.duplicate().position(MESSAGE_LENGTH / 2);
        }

        void roundTrips(final int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (0 == (i & 1))
                {
                    message.clear();
                    writeFully(client, message);
                }
                else
                {
                    halves[0].position(0);
                    halves[1].position(MESSAGE_LENGTH / 2);
                    while (halves[1].hasRemaining())
                    {
                        checkWritten(client.write(halves, 0, 2));
                    }
                }

                bytesExpected += MESSAGE_LENGTH;
                while (bytesEchoed < bytesExpected)
                {
                    poller.pollNow(this);
                    Loopback.checkInterrupt();
                }
            }
        }

        @Override
        public void accept(final SelectionKey key)
        {
            final StreamChannel channel = (StreamChannel)key.attachment();
            if (channel == server)
            {
                serverBuffer.clear();
                checkRead(server.read(serverBuffer));
                serverBuffer.flip();
                writeFully(server, serverBuffer);
            }
            else
            {
                clientBuffer.clear();
                bytesEchoed += checkRead(client.read(clientBuffer));
            }
        }

        private void writeFully(final StreamChannel channel, final ByteBuffer buffer)
        {
            while (buffer.hasRemaining())
            {
                checkWritten(channel.write(buffer));
            }
        }

        private int checkRead(final int read)
        {
            if (read < 0)
            {
                throw new IllegalStateException("stream ended");
            }
            return read;
        }

        private void checkWritten(final long written)
        {
            if (written < 0)
            {
                throw new IllegalStateException("stream failed");
            }
        }
    }
}
