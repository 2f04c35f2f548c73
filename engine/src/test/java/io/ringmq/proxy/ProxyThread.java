package io.ringmq.proxy;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a proxy call on its own thread, as an application would, and keeps what it threw. Closing interrupts the
 * thread, which ends the proxy, and waits for it, so the test thread owns the sockets again afterwards.
 */
final class ProxyThread implements AutoCloseable
{
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ProxyThread(final Runnable proxy)
    {
        thread = new Thread(() ->
        {
            try
            {
                proxy.run();
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }, "test-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @return true while the proxy call has neither returned nor thrown.
     */
    boolean isRunning()
    {
        return thread.isAlive();
    }

    /**
     * @return true when the proxy call returned within the time.
     */
    boolean awaitReturn(final long millis) throws InterruptedException
    {
        thread.join(millis);
        return !thread.isAlive();
    }

    @Override
    public void close()
    {
        thread.interrupt();
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the proxy", ex);
        }
        if (thread.isAlive())
        {
            final StringBuilder stack = new StringBuilder();
            for (final StackTraceElement frame : thread.getStackTrace())
            {
                stack.append("\n\tat ").append(frame);
            }
            fail("the proxy did not return when its thread was interrupted (interrupt flag " + thread.isInterrupted() +
                "); it is at:" + stack);
        }
        final Throwable ex = failure.get();
        if (null != ex)
        {
            throw new AssertionError("the proxy threw", ex);
        }
    }
}
