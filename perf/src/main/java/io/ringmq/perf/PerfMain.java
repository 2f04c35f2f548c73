package io.ringmq.perf;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import io.ringmq.perf.codec.CodecTool;
import io.ringmq.perf.compare.CompareTool;
import io.ringmq.perf.fanout.FanoutTool;
import io.ringmq.perf.inproc.InprocLatencyTool;
import io.ringmq.perf.zmq.LocalLat;
import io.ringmq.perf.zmq.LocalThr;
import io.ringmq.perf.zmq.RemoteLat;
import io.ringmq.perf.zmq.RemoteThr;

/**
 * Entry point of {@code ringmq-perf.jar}: {@code ringmq-perf <tool> [args]}. With no tool, or {@code help}, it
 * lists the tools and exits 0; an unknown tool prints the list and exits 2. The JVM needs ringmq's flags
 * ({@code perf/bin/ringmq-perf} passes them from {@code target/ringmq-perf.jvmflags}); tools that fork JVMs
 * pass them on themselves.
 */
public final class PerfMain
{
    /** Exit code for a command line that names no known tool. */
    public static final int EXIT_USAGE = 2;

    /** Every tool, in listing order: the one place a new tool is registered. */
    private static final List<PerfTool> TOOLS = List.of(
        new LocalLat(),
        new RemoteLat(),
        new LocalThr(),
        new RemoteThr(),
        new FanoutTool(),
        new CompareTool(),
        new CodecTool(),
        new InprocLatencyTool(),
        new JmhTool());

    private PerfMain()
    {
    }

    /**
     * @param args the tool name, then its arguments.
     * @throws Exception when the tool fails.
     */
    public static void main(final String[] args) throws Exception
    {
        // Exit explicitly: a tool may leave non-daemon threads behind (JMH's, later ringmq's own agents).
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Choose and run a tool.
     *
     * @param args the tool name, then its arguments.
     * @param out  where the tool listing goes when it was asked for.
     * @param err  where usage errors go.
     * @return the exit code.
     * @throws Exception when the tool fails.
     */
    static int run(final String[] args, final PrintStream out, final PrintStream err) throws Exception
    {
        if (0 == args.length || "help".equals(args[0]) || "-h".equals(args[0]) || "--help".equals(args[0]))
        {
            printTools(out);
            return 0;
        }

        final PerfTool tool = find(args[0]);
        if (null == tool)
        {
            err.println("unknown tool: " + args[0]);
            printTools(err);
            return EXIT_USAGE;
        }

        return tool.run(Arrays.copyOfRange(args, 1, args.length));
    }

    /**
     * @return the registered tools, in listing order.
     */
    static List<PerfTool> tools()
    {
        return TOOLS;
    }

    private static PerfTool find(final String name)
    {
        for (final PerfTool tool : TOOLS)
        {
            if (tool.name().equals(name))
            {
                return tool;
            }
        }
        return null;
    }

    private static void printTools(final PrintStream out)
    {
        int width = 0;
        for (final PerfTool tool : TOOLS)
        {
            width = Math.max(width, tool.name().length());
        }

        out.println("usage: ringmq-perf <tool> [args]");
        out.println();
        out.println("tools:");
        for (final PerfTool tool : TOOLS)
        {
            out.printf("  %-" + width + "s  %s%n", tool.name(), tool.description());
        }
    }
}
