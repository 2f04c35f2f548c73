package io.ringmq.test;

import java.util.function.BooleanSupplier;

import io.ringmq.Context;
import io.ringmq.ContextConfig;

/**
 * The two ways a context runs its I/O; engine tests run in both.
 */
public enum Mode
{
    /** One I/O agent thread. */
    THREADED(1),
    /** No I/O thread: the application threads run the I/O inside their calls. */
    INVOKER(0);

    private final int ioThreads;

    Mode(final int ioThreads)
    {
        this.ioThreads = ioThreads;
    }

    /**
     * @return a context running in this mode, with the test idle strategy from system properties.
     */
    public Context newContext()
    {
        return new Context(config());
    }

    /**
     * @return a configuration for this mode, to tune further.
     */
    public ContextConfig config()
    {
        return new ContextConfig().ioThreads(ioThreads);
    }

    /**
     * Wait until a condition holds, running the context's I/O meanwhile in invoker mode (a JeroMQ peer on another
     * thread cannot drive it).
     *
     * @param ctx       the context.
     * @param condition what to wait for.
     * @param timeoutMs how long at most.
     * @return true when the condition held in time.
     */
    public static boolean await(final Context ctx, final BooleanSupplier condition, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted())
            {
                return false;
            }
            if (ctx.invoke() == 0)
            {
                Thread.yield();
            }
        }
        return true;
    }

    /**
     * Keep a context's I/O running for a while (invoker mode), e.g. while a JeroMQ peer connects.
     */
    public static void pump(final Context ctx, final long millis)
    {
        await(ctx, () -> false, millis);
    }
}
