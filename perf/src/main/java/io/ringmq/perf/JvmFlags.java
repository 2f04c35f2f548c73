package io.ringmq.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The JVM flags ringmq needs (the root pom's {@code ringmq.jvm.flags}), as filtered into the
 * {@value #RESOURCE} resource at build time. PerfMain hands them to every JVM it starts, JMH's forks above all:
 * a fork gets neither the jar manifest's entries nor, when given its own JVM arguments, the host's flags.
 */
public final class JvmFlags
{
    /** Classpath resource, a java launcher argument file: one or more flags a line, {@code #} comment lines. */
    public static final String RESOURCE = "/io/ringmq/perf/ringmq-perf.jvmflags";

    private JvmFlags()
    {
    }

    /**
     * @return the flags, one element per command line token.
     * @throws IllegalStateException when the resource is missing or was not filtered by the build.
     */
    public static List<String> load()
    {
        final InputStream in = JvmFlags.class.getResourceAsStream(RESOURCE);
        if (null == in)
        {
            throw new IllegalStateException("missing resource " + RESOURCE + ": rebuild perf with Maven");
        }

        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
        {
            return parse(reader);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<String> parse(final BufferedReader reader) throws IOException
    {
        // Argument files also allow quoting; the flags ringmq needs never contain spaces, so splitting suffices.
        final List<String> flags = new ArrayList<>();
        String line;
        while (null != (line = reader.readLine()))
        {
            final String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#"))
            {
                continue;
            }
            if (trimmed.contains("${"))
            {
                throw new IllegalStateException("unfiltered " + RESOURCE + ": " + trimmed);
            }
            Collections.addAll(flags, trimmed.split("\\s+"));
        }
        return flags;
    }
}
