package io.ringmq.perf.zmq;

import java.io.PrintStream;

import io.ringmq.IdleMode;
import io.ringmq.MessageHandler;
import io.ringmq.Socket;
import io.ringmq.perf.MessageWait;
import io.ringmq.perf.PerfTool;
import io.ringmq.perf.RunOptions;
import org.agrona.DirectBuffer;

/**
 * What the four libzmq-style tools share: the command line {@code <endpoint> <message-size> <count>} plus
 * {@link RunOptions}, and waiting for one message through the zero-copy API. Result lines go to standard out in
 * libzmq's exact wording; anything ringmq adds comes after them.
 */
abstract class ZmqStyleTool implements PerfTool, MessageHandler
{
    /** Exit code for a bad command line, as libzmq's tools use 1 for everything. */
    static final int EXIT_USAGE = 1;

    PrintStream out = System.out;
    int lastLength;
    boolean wrongSize;
    int expectedSize;

    /**
     * @return the names of the three positional arguments, for the usage line.
     */
    abstract String usageArguments();

    /**
     * Run with parsed arguments.
     *
     * @return the exit code.
     */
    abstract int run(String endpoint, int messageSize, long count, RunOptions options) throws Exception;

    @Override
    public final int run(final String[] args) throws Exception
    {
        final RunOptions options;
        try
        {
            options = RunOptions.parse(args, defaultMode(), defaultIdle());
        }
        catch (final IllegalArgumentException ex)
        {
            return usage(ex.getMessage());
        }
        if (options.positional().size() != 3 || !options.unknown().isEmpty())
        {
            return usage(options.unknown().isEmpty() ? null : "unknown option " + options.unknown().get(0));
        }
        final int size;
        final long count;
        try
        {
            size = Integer.parseInt(options.positional().get(1));
            count = Long.parseLong(options.positional().get(2));
        }
        catch (final NumberFormatException ex)
        {
            return usage(ex.getMessage());
        }
        if (size < 0 || count < 1)
        {
            return usage("message size must be >= 0 and count >= 1");
        }
        return run(options.positional().get(0), size, count, options);
    }

    /**
     * @return the mode this tool runs in unless told otherwise: its fastest on two cores. Invoker mode, where the
     * application thread reads and writes the socket itself, unless a tool says otherwise.
     */
    RunOptions.Mode defaultMode()
    {
        return RunOptions.Mode.INVOKER;
    }

    /**
     * @return the idle strategy this tool waits with unless told otherwise: yield (one spinning thread that lets
     * others run) unless a tool says otherwise.
     */
    IdleMode defaultIdle()
    {
        return IdleMode.YIELD;
    }

    private int usage(final String problem)
    {
        if (null != problem)
        {
            System.err.println(name() + ": " + problem);
        }
        System.err.println("usage: " + name() + " " + usageArguments() +
            " [--mode=invoker|threaded] [--idle=spin|yield|backoff|blocking] [--warmup=N]");
        return EXIT_USAGE;
    }

    /**
     * Redirect the result lines (tests read them).
     */
    final ZmqStyleTool out(final PrintStream stream)
    {
        this.out = stream;
        return this;
    }

    /**
     * Wait for one whole message, running the I/O in invoker mode.
     *
     * @return false when a message of the wrong size arrived.
     */
    final boolean receiveOne(final Socket socket, final MessageWait wait)
    {
        wait.receive(socket, this, 1);
        return !wrongSize;
    }

    @Override
    public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        lastLength = length;
        if (length != expectedSize || more)
        {
            wrongSize = true;
        }
    }

    static int incorrectSize()
    {
        System.err.println("message of incorrect size received");
        return -1;
    }
}
