package io.ringmq.perf.codec;

import java.util.regex.Pattern;

import org.openjdk.jmh.runner.options.OptionsBuilder;

import io.ringmq.perf.Jmh;
import io.ringmq.perf.PerfTool;

/**
 * {@code codec}: runs {@link CodecBenchmark} with the short configuration its annotations give (one fork,
 * 3 x 1 s warm-up, 5 x 1 s measurement, one benchmark thread), which takes about a minute on two cores. For
 * longer runs or profilers use the {@code jmh} tool, e.g. {@code jmh -f 3 -prof gc CodecBenchmark}.
 */
public final class CodecTool implements PerfTool
{
    @Override
    public String name()
    {
        return "codec";
    }

    @Override
    public String description()
    {
        return "ZMTP codec JMH benchmarks, 64-byte frames, ns/frame (about 1 minute, 1 thread)";
    }

    @Override
    public int run(final String[] args)
    {
        if (0 != args.length)
        {
            System.err.println("codec takes no arguments; for JMH options use: jmh [options] CodecBenchmark");
            return 2;
        }

        return Jmh.run(new OptionsBuilder()
            .include("^" + Pattern.quote(CodecBenchmark.class.getName() + "."))
            .build());
    }
}
