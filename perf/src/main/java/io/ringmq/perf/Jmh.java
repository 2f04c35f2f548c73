package io.ringmq.perf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.ProfilersFailedException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs JMH with ringmq's {@link JvmFlags} appended to every forked JVM. Without them a fork fails as soon as
 * Agrona touches {@code jdk.internal.misc.Unsafe}: JMH starts forks with a plain {@code java -cp}, so a jar
 * manifest's {@code Add-Exports} never reaches them, and {@code -jvmArgs} drops the flags inherited from the host.
 */
public final class Jmh
{
    private Jmh()
    {
    }

    /**
     * @param options to run with.
     * @return the same options with {@link JvmFlags} after any {@code jvmArgsAppend} they already carry.
     */
    public static Options withJvmFlags(final Options options)
    {
        final Collection<String> given = options.getJvmArgsAppend().orElse(Collections.emptyList());
        final List<String> append = new ArrayList<>(given);
        append.addAll(JvmFlags.load());

        return new OptionsBuilder()
            .parent(options)
            .jvmArgsAppend(append.toArray(new String[0]))
            .build();
    }

    /**
     * Run the benchmarks the options select, printing JMH's usual output and result table to standard out.
     *
     * @param options to run with; {@link JvmFlags} are added here.
     * @return the exit code: 0 on success, 1 when nothing matched, a profiler failed or a benchmark failed, as
     * {@code org.openjdk.jmh.Main} does.
     */
    public static int run(final Options options)
    {
        try
        {
            new Runner(withJvmFlags(options)).run();
            return 0;
        }
        catch (final NoBenchmarksException ex)
        {
            System.err.println("No matching benchmarks. Misspelled regexp? List them with: jmh -l");
            return 1;
        }
        catch (final ProfilersFailedException ex)
        {
            System.err.println(ex.getMessage());
            return 1;
        }
        catch (final RunnerException ex)
        {
            System.err.print("ERROR: ");
            ex.printStackTrace(System.err);
            return 1;
        }
    }
}
