package io.ringmq.perf.zmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The libzmq-style tools print libzmq's result lines, in libzmq's order and wording, so scripts written for
 * libzmq's perf tools read ours. Tiny counts: this checks the format, not the speed.
 */
@Timeout(60)
class ZmqStyleToolsTest
{
    private static final String IDLE = "--idle=yield";

    @Test
    void latencyPairPrintsLibzmqLinesThenPercentiles() throws Exception
    {
        final String endpoint = "tcp://127.0.0.1:" + freePort();
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try
        {
            final Future<Integer> local = executor.submit(
                () -> new LocalLat().run(new String[]{ endpoint, "64", "200", IDLE, "--warmup=50" }));
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            final int exit = new RemoteLat().out(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .run(new String[]{ endpoint, "64", "200", IDLE, "--warmup=50" });

            assertEquals(0, exit);
            assertEquals(0, local.get(30, TimeUnit.SECONDS));
            final String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
            assertEquals("message size: 64 [B]", lines[0]);
            assertEquals("roundtrip count: 200", lines[1]);
            assertTrue(lines[2].matches("average latency: \\d+\\.\\d{3} \\[us]"), lines[2]);
            assertTrue(lines[3].matches("round trip p50: \\d+\\.\\d{3} \\[us]"), lines[3]);
            assertTrue(lines[4].matches("round trip p99: \\d+\\.\\d{3} \\[us]"), lines[4]);
            assertTrue(lines[5].matches("round trip p99\\.9: \\d+\\.\\d{3} \\[us]"), lines[5]);
            assertTrue(lines[6].matches("round trip max: \\d+\\.\\d{3} \\[us]"), lines[6]);
            assertTrue(lines[7].startsWith("threads: "), lines[7]);
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    @Test
    void throughputPairPrintsLibzmqLines() throws Exception
    {
        final int port = freePort();
        final String endpoint = "tcp://127.0.0.1:" + port;
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try
        {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            final LocalThr localThr = new LocalThr();
            localThr.out(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            final Future<Integer> local = executor.submit(
                () -> localThr.run(new String[]{ endpoint, "32", "1000", IDLE }));
            awaitBound(port);
            assertEquals(0, new RemoteThr().run(new String[]{ endpoint, "32", "1000", IDLE }));

            assertEquals(0, local.get(30, TimeUnit.SECONDS));
            final String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
            assertEquals("message size: 32 [B]", lines[0]);
            assertEquals("message count: 1000", lines[1]);
            assertTrue(lines[2].matches("mean throughput: \\d+ \\[msg/s]"), lines[2]);
            assertTrue(lines[3].matches("mean throughput: \\d+\\.\\d{3} \\[Mb/s]"), lines[3]);
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    @Test
    void aWrongCommandLineExitsOne() throws Exception
    {
        assertEquals(1, new RemoteLat().run(new String[]{ "tcp://127.0.0.1:5555", "64" }));
        assertEquals(1, new LocalThr().run(new String[]{ "tcp://127.0.0.1:5555", "x", "10" }));
        assertEquals(1, new LocalLat().run(new String[]{ "tcp://127.0.0.1:5555", "64", "10", "--bogus" }));
    }

    /**
     * Wait until the local side has bound, as a user starts local_thr before remote_thr: a PUSH that closes before
     * it ever connected has nobody to linger for.
     */
    private static void awaitBound(final int port) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline)
        {
            try
            {
                new ServerSocket(port).close();
            }
            catch (final IOException bound)
            {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
