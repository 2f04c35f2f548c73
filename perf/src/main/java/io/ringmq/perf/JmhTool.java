package io.ringmq.perf;

import java.io.IOException;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * {@code jmh [JMH options] [benchmark regexps]}: the JMH command line, as {@code org.openjdk.jmh.Main} takes it
 * (for example {@code jmh -prof gc CodecBenchmark} or {@code jmh -l}). It repeats Main's few steps rather than
 * calling it, so that the JVM flags can be added to the parsed options: adding them as arguments would clash
 * with a {@code -jvmArgsAppend} the user gives, since JMH stops splitting that option once it appears twice.
 */
public final class JmhTool implements PerfTool
{
    @Override
    public String name()
    {
        return "jmh";
    }

    @Override
    public String description()
    {
        return "run JMH with its own options, e.g. jmh -prof gc CodecBenchmark (jmh -h for help)";
    }

    @Override
    public int run(final String[] args) throws IOException
    {
        final CommandLineOptions options;
        try
        {
            options = new CommandLineOptions(args);
        }
        catch (final CommandLineOptionException ex)
        {
            System.err.println("Error parsing command line:");
            System.err.println(" " + ex.getMessage());
            return 1;
        }

        if (options.shouldHelp())
        {
            options.showHelp();
        }
        else if (options.shouldList())
        {
            new Runner(options).list();
        }
        else if (options.shouldListWithParams())
        {
            new Runner(options).listWithParams(options);
        }
        else if (options.shouldListProfilers())
        {
            options.listProfilers();
        }
        else if (options.shouldListResultFormats())
        {
            options.listResultFormats();
        }
        else
        {
            return Jmh.run(options);
        }
        return 0;
    }
}
