package io.ringmq.transport;

/**
 * Test helpers for loopback connections. Loops call {@link #checkInterrupt()} so that the interrupt JUnit's
 * {@code @Timeout} sends ends a spinning test instead of leaving it running.
 */
final class Loopback
{
    static final String IPV4_WILDCARD = "tcp://127.0.0.1:*";

    private Loopback()
    {
    }

    /**
     * Throw if the test thread was interrupted by a timeout. Allocation free until it throws.
     */
    static void checkInterrupt()
    {
        if (Thread.currentThread().isInterrupted())
        {
            throw new IllegalStateException("interrupted, most likely by @Timeout");
        }
    }

    static void yieldAndCheck()
    {
        Thread.yield();
        checkInterrupt();
    }

    /**
     * Accept the connection a client started, finishing the client's connect on the way.
     */
    static StreamChannel accept(final StreamListener listener, final StreamChannel client)
    {
        StreamChannel accepted = null;
        while (null == accepted || !client.finishConnect())
        {
            if (null == accepted)
            {
                accepted = listener.accept();
            }
            yieldAndCheck();
        }

        return accepted;
    }
}
