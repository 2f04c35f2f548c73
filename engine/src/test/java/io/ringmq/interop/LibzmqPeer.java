package io.ringmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.test.Mode;

/**
 * A libzmq socket in a child process: Debian's python3-zmq running {@code libzmq_peer.py}. Run by
 * {@code /usr/bin/python3} by name, because the Debian package installs into the system Python only.
 */
final class LibzmqPeer implements AutoCloseable
{
    static final String PYTHON = "/usr/bin/python3";
    private static final long EXIT_TIMEOUT_MS = 20_000;

    private final Process process;
    private final BufferedReader output;
    private final String lastEndpoint;

    private LibzmqPeer(final Process process) throws IOException
    {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        final String ready = output.readLine();
        if (null == ready || !ready.startsWith("ready "))
        {
            process.destroyForcibly();
            fail("libzmq peer did not start: " + ready + "\n" + String.join("\n", rest()));
        }
        this.lastEndpoint = ready.substring("ready ".length());
    }

    /**
     * Fail, naming the package to install, unless the system Python can import zmq. Called before every test so a
     * missing prerequisite is a failure, never a silent skip.
     */
    static void requirePyzmq() throws IOException, InterruptedException
    {
        final Process probe = new ProcessBuilder(PYTHON, "-c", "import zmq; print(zmq.zmq_version())")
            .redirectErrorStream(true)
            .start();
        final String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!probe.waitFor(30, TimeUnit.SECONDS) || 0 != probe.exitValue())
        {
            fail(PYTHON + " cannot import zmq: install Debian's python3-zmq (apt-get install -y python3-zmq), " +
                "as .ci/run does. Output: " + out);
        }
    }

    /**
     * Start a peer and wait until it has bound or connected.
     *
     * @param role     a role of {@code libzmq_peer.py}: pub, sub, push, pull, req, rep or hold.
     * @param bind     true to bind the endpoint, false to connect to it.
     * @param endpoint an {@code ipc://} endpoint.
     * @param count    messages to handle.
     */
    static LibzmqPeer start(final String role, final boolean bind, final String endpoint, final int count)
        throws IOException
    {
        final Process process = new ProcessBuilder(
            PYTHON, script().toString(), role, bind ? "bind" : "connect", endpoint, Integer.toString(count))
            .redirectErrorStream(true)
            .start();

        return new LibzmqPeer(process);
    }

    /**
     * @return the endpoint libzmq reports for its socket (ZMQ_LAST_ENDPOINT).
     */
    String lastEndpoint()
    {
        return lastEndpoint;
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * Write a line to the peer's stdin (a publishing peer stops on it).
     */
    void signal() throws IOException
    {
        final OutputStream in = process.getOutputStream();
        in.write('\n');
        in.flush();
    }

    /**
     * Wait for the peer to finish its part, running the context's I/O meanwhile in invoker mode, and check it
     * succeeded.
     *
     * @return the lines it printed after "ready".
     */
    List<String> awaitSuccess(final Context ctx) throws IOException, InterruptedException
    {
        Mode.await(ctx, () -> !process.isAlive(), EXIT_TIMEOUT_MS);
        if (!process.waitFor(1, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            fail("libzmq peer did not finish in " + EXIT_TIMEOUT_MS + " ms");
        }
        final List<String> lines = rest();
        assertEquals(0, process.exitValue(), "libzmq peer failed:\n" + String.join("\n", lines));
        return lines;
    }

    /**
     * Kill the peer as a crash would (SIGKILL), so it leaves its ipc socket file behind.
     */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * Freeze the peer with SIGSTOP, as a stopped or swapped-out process looks from the network: the kernel still
     * accepts bytes for it, the process answers nothing.
     */
    void freeze() throws IOException, InterruptedException
    {
        final Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start();
        assertEquals(0, stop.waitFor(), "kill -STOP");
    }

    @Override
    public void close()
    {
        process.destroyForcibly();
    }

    private List<String> rest() throws IOException
    {
        final List<String> lines = new ArrayList<>();
        for (String line = output.readLine(); null != line; line = output.readLine())
        {
            lines.add(line);
        }
        return lines;
    }

    private static Path script()
    {
        final URL url = LibzmqPeer.class.getResource("libzmq_peer.py");
        if (null == url)
        {
            throw new IllegalStateException("libzmq_peer.py is not on the test class path");
        }
        try
        {
            return Path.of(url.toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
