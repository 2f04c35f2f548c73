package io.ringmq.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * The transports engine tests run over, each knowing how to write its endpoints. This enum is the one list of
 * transports in the engine tests: a test that takes a {@code TestTransport} (or uses {@link ModesAndTransports})
 * runs over every constant here.
 */
public enum TestTransport
{
    /** Loopback tcp on ports the system chooses. */
    TCP
    {
        @Override
        public String bindEndpoint()
        {
            return "tcp://127.0.0.1:*";
        }

        @Override
        public String concreteEndpoint()
        {
            try (ServerSocket socket = new ServerSocket(0))
            {
                return "tcp://127.0.0.1:" + socket.getLocalPort();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public String wildcardEndpoint()
        {
            return "tcp://127.0.0.1:*";
        }

        @Override
        public String resolvedPattern()
        {
            return "tcp://127\\.0\\.0\\.1:\\d{1,5}";
        }
    },

    /** Unix domain sockets on fresh files in a directory of this test run. */
    IPC
    {
        @Override
        public String bindEndpoint()
        {
            return concreteEndpoint();
        }

        @Override
        public String concreteEndpoint()
        {
            return "ipc://" + IpcPaths.DIRECTORY.resolve(IpcPaths.NEXT.incrementAndGet() + ".sock");
        }

        @Override
        public String wildcardEndpoint()
        {
            return "ipc://*";
        }

        @Override
        public String resolvedPattern()
        {
            final String directory = Path.of(System.getProperty("java.io.tmpdir")).toString();
            return "ipc://" + Pattern.quote(directory) + "/ringmq-[0-9a-f]+\\.sock";
        }
    },

    /** Sockets of one context joined ring to ring, by fresh names. */
    INPROC
    {
        @Override
        public String bindEndpoint()
        {
            return concreteEndpoint();
        }

        @Override
        public String concreteEndpoint()
        {
            return "inproc://test-" + InprocNames.NEXT.incrementAndGet();
        }

        /**
         * inproc has no wildcard (a name is bound as written), so a fresh name stands in for one.
         */
        @Override
        public String wildcardEndpoint()
        {
            return concreteEndpoint();
        }

        @Override
        public String resolvedPattern()
        {
            return "inproc://test-\\d+";
        }
    };

    /**
     * @return an endpoint to bind, fresh to this call, e.g. {@code tcp://127.0.0.1:*}; read the bound endpoint from
     * {@code getLastEndpoint()}.
     */
    public abstract String bindEndpoint();

    /**
     * @return a concrete endpoint nobody is bound to, that can be connected to before anyone binds it.
     */
    public abstract String concreteEndpoint();

    /**
     * @return the endpoint whose address the system chooses at bind: {@code tcp://127.0.0.1:*} or {@code ipc://*}.
     */
    public abstract String wildcardEndpoint();

    /**
     * @return a regular expression that what a {@link #wildcardEndpoint()} resolves to matches.
     */
    public abstract String resolvedPattern();

    /**
     * @return every {@link Mode} with every transport, the arguments of {@link ModesAndTransports} tests.
     */
    public static Stream<Arguments> modesAndTransports()
    {
        return Stream.of(Mode.values())
            .flatMap(mode -> Stream.of(values()).map(transport -> Arguments.of(mode, transport)));
    }

    /**
     * Fresh inproc names for the run.
     */
    private static final class InprocNames
    {
        static final AtomicInteger NEXT = new AtomicInteger();
    }

    /**
     * One directory for the run's socket files, short enough for sun_path, removed at exit once its files are
     * (listeners remove their own).
     */
    private static final class IpcPaths
    {
        static final AtomicInteger NEXT = new AtomicInteger();
        static final Path DIRECTORY = createDirectory();

        private static Path createDirectory()
        {
            try
            {
                final Path directory = Files.createTempDirectory("ringmq-test-");
                directory.toFile().deleteOnExit();
                return directory;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
