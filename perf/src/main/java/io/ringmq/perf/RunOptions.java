package io.ringmq.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ringmq.Context;
import io.ringmq.ContextConfig;
import io.ringmq.IdleMode;

/**
 * The options every ringmq-perf tool that runs ringmq sockets shares, parsed out of a command line so that the
 * positional arguments stay exactly libzmq's. Options start with {@code --} and may appear anywhere:
 * <pre>
 *  --mode=invoker|threaded   invoker: no I/O thread, the application thread runs the I/O;
 *                            threaded: one I/O agent thread per context
 *  --idle=spin|yield|backoff|blocking   how waiting threads idle: spin and yield never block; backoff (the
 *                            library's default) spins and yields briefly, then blocks until woken
 *  --warmup=N                untimed messages or round trips before the timed ones (default 0, as libzmq)
 * </pre>
 * Each tool defaults to its fastest configuration on two cores (most: invoker mode with yield, one spinning thread
 * that lets others run; remote_thr: threaded with backoff, whose I/O agent batches writes) and prints it.
 * Both sides of a pair must be given the same {@code --warmup}, since the echoing side has to expect them.
 */
public final class RunOptions
{
    /** How the I/O of a context runs. */
    public enum Mode
    {
        /** Zero I/O threads: the application thread runs the I/O duty cycle in its own calls. */
        INVOKER,
        /** One I/O agent thread per context. */
        THREADED
    }

    private Mode mode = Mode.INVOKER;
    private IdleMode idle = IdleMode.YIELD;
    private long warmup;
    private boolean modeOrIdleGiven;
    private final List<String> positional = new ArrayList<>();
    private final List<String> unknown = new ArrayList<>();

    /**
     * @param args a tool's command line.
     * @return the parsed options; check {@link #unknown()} for options not understood.
     */
    public static RunOptions parse(final String[] args)
    {
        return parse(args, Mode.INVOKER, IdleMode.YIELD);
    }

    /**
     * @param args        a tool's command line.
     * @param defaultMode the tool's fastest mode for its job, used unless {@code --mode} says otherwise.
     * @param defaultIdle the tool's fastest idle strategy for its job, used unless {@code --idle} says otherwise.
     * @return the parsed options; check {@link #unknown()} for options not understood.
     */
    public static RunOptions parse(final String[] args, final Mode defaultMode, final IdleMode defaultIdle)
    {
        final RunOptions options = new RunOptions();
        options.mode = defaultMode;
        options.idle = defaultIdle;
        for (final String arg : args)
        {
            if (arg.startsWith("--mode="))
            {
                options.mode = Mode.valueOf(value(arg).toUpperCase(Locale.ROOT));
                options.modeOrIdleGiven = true;
            }
            else if (arg.startsWith("--idle="))
            {
                options.idle = idleMode(value(arg));
                options.modeOrIdleGiven = true;
            }
            else if (arg.startsWith("--warmup="))
            {
                options.warmup = Long.parseLong(value(arg));
            }
            else if (arg.startsWith("--"))
            {
                options.unknown.add(arg);
            }
            else
            {
                options.positional.add(arg);
            }
        }
        return options;
    }

    /**
     * @param mode how the I/O runs.
     * @param idle how waiting threads idle.
     * @return options with those and nothing else set.
     */
    public static RunOptions of(final Mode mode, final IdleMode idle)
    {
        final RunOptions options = new RunOptions();
        options.mode = mode;
        options.idle = idle;
        return options;
    }

    /**
     * @return true when the command line chose the mode or the idle strategy.
     */
    public boolean modeOrIdleGiven()
    {
        return modeOrIdleGiven;
    }

    /**
     * @param name spin, yield, backoff or blocking (or the {@link IdleMode} constant's name).
     * @return the idle mode.
     */
    public static IdleMode idleMode(final String name)
    {
        final String lower = name.toLowerCase(Locale.ROOT);
        if ("spin".equals(lower) || "busy_spin".equals(lower) || "busy-spin".equals(lower))
        {
            return IdleMode.BUSY_SPIN;
        }
        return IdleMode.valueOf(lower.toUpperCase(Locale.ROOT));
    }

    private static String value(final String arg)
    {
        return arg.substring(arg.indexOf('=') + 1);
    }

    /**
     * @return the I/O mode.
     */
    public Mode mode()
    {
        return mode;
    }

    /**
     * @return how waiting threads idle.
     */
    public IdleMode idle()
    {
        return idle;
    }

    /**
     * @return untimed messages or round trips before the timed ones.
     */
    public long warmup()
    {
        return warmup;
    }

    /**
     * @return the arguments that are not options, in order.
     */
    public List<String> positional()
    {
        return positional;
    }

    /**
     * @return options given but not understood.
     */
    public List<String> unknown()
    {
        return unknown;
    }

    /**
     * @return a context configured by these options.
     */
    public Context newContext()
    {
        return new Context(new ContextConfig().ioThreads(mode == Mode.INVOKER ? 0 : 1).idleMode(idle));
    }

    /**
     * @param applicationThreads the application threads the tool runs in this process.
     * @return a line saying which threads run and how many of them spin.
     */
    public String threadsLine(final int applicationThreads)
    {
        final int ioThreads = mode == Mode.INVOKER ? 0 : 1;
        final boolean spins = !idle.blocks();
        return String.format(Locale.ROOT, "threads: %d application + %d I/O, %s mode, idle %s: %d spinning",
            applicationThreads, ioThreads, mode.name().toLowerCase(Locale.ROOT),
            idle.name().toLowerCase(Locale.ROOT), spins ? applicationThreads + ioThreads : 0);
    }
}
