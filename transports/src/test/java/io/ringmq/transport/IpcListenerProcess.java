package io.ringmq.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A process that binds a Unix domain socket and holds it until killed, so a test can leave a socket file behind
 * the way a crashed process does: {@code kill -9} gives no chance to remove it.
 */
final class IpcListenerProcess implements AutoCloseable
{
    static final String READY = "listening";

    private final Process process;

    private IpcListenerProcess(final Process process)
    {
        this.process = process;
    }

    /**
     * Start a JVM listening on {@code path} and wait until it says it is listening.
     */
    static IpcListenerProcess start(final Path path) throws IOException
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process process = new ProcessBuilder(
            java, "-cp", System.getProperty("java.class.path"), IpcListenerProcess.class.getName(), path.toString())
            .redirectErrorStream(true)
            .start();

        final IpcListenerProcess listener = new IpcListenerProcess(process);
        final String line = new String(process.getInputStream().readNBytes(READY.length()));
        if (!READY.equals(line) || !Files.exists(path))
        {
            listener.close();
            throw new IllegalStateException("listener process did not start: '" + line + "'");
        }

        return listener;
    }

    /**
     * Kill the process with SIGKILL (what {@link Process#destroyForcibly()} sends on Unix) and wait for it.
     */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("listener process did not die");
        }
    }

    @Override
    public void close()
    {
        process.destroyForcibly();
    }

    /**
     * Child process entry: bind, report, then accept (and drop) connections until killed.
     */
    public static void main(final String[] args) throws IOException
    {
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX))
        {
            channel.bind(UnixDomainSocketAddress.of(args[0]));
            System.out.print(READY);
            System.out.flush();
            while (true)
            {
                final SocketChannel accepted = channel.accept();
                accepted.close();
            }
        }
    }
}
