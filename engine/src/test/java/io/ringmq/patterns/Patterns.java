package io.ringmq.patterns;

import java.util.concurrent.atomic.AtomicReference;

import io.ringmq.Context;
import io.ringmq.MessageHandler;
import io.ringmq.SendClaim;
import io.ringmq.Socket;
import io.ringmq.test.Mode;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * Helpers shared by the pattern tests: sequence-numbered senders on their own
 * thread, and handlers that check every sequence number they see.
 */
final class Patterns
{
    private Patterns()
    {
    }

    static IdleStrategy newIdle()
    {
        return new BackoffIdleStrategy(100, 10, 1_000, 100_000);
    }

    /**
     * Send {@code count} 8-byte messages numbered {@code first..first+count-1} through the zero-copy claim.
     */
    static void sendSequence(final Socket socket, final long first, final long count)
    {
        sendSequence(socket, first, count, 8);
    }

    /**
     * Send {@code count} messages of {@code length} bytes numbered in their first 8 bytes.
     */
    static void sendSequence(final Socket socket, final long first, final long count, final int length)
    {
        for (long i = 0; i < count; i++)
        {
            final SendClaim claim = socket.claim(length);
            if (null == claim)
            {
                throw new IllegalStateException("claim timed out at " + (first + i));
            }
            claim.buffer().putLong(claim.offset(), first + i);
            claim.commit();
        }
    }

    /**
     * Runs a body on its own thread and keeps what it threw, so the test thread can fail with it.
     */
    static final class Worker implements AutoCloseable
    {
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Worker(final String name, final Runnable body)
        {
            thread = new Thread(() ->
            {
                try
                {
                    body.run();
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        boolean isAlive()
        {
            return thread.isAlive();
        }

        /**
         * Wait for the body to finish and rethrow what it threw.
         */
        void join(final long timeoutMs) throws InterruptedException
        {
            thread.join(timeoutMs);
            if (thread.isAlive())
            {
                throw new AssertionError(thread.getName() + " did not finish in " + timeoutMs + " ms");
            }
            final Throwable ex = failure.get();
            if (null != ex)
            {
                throw new AssertionError(thread.getName() + " failed", ex);
            }
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
            }
        }
    }

    /**
     * Checks that messages of 8 bytes or more arrive numbered (in their first 8 bytes) first, first+1, ... with
     * none missing or repeated; skips shorter ones (warm-up probes). Records the first mismatch rather than throwing from inside
     * the ring.
     */
    static final class SequenceChecker implements MessageHandler
    {
        long expected;
        long received;
        long probes;
        String error;

        SequenceChecker(final long first)
        {
            this.expected = first;
        }

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
        {
            if (length < 8)
            {
                probes++;
                return;
            }
            final long sequence = buffer.getLong(offset);
            if (sequence != expected && null == error)
            {
                error = "expected " + expected + " but got " + sequence + " after " + received + " messages";
            }
            expected = sequence + 1;
            received++;
        }

        /**
         * Receive until {@code count} numbered messages arrived or the deadline passed.
         */
        void drain(final Socket socket, final long count, final long timeoutMs)
        {
            final IdleStrategy idle = newIdle();
            final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            while (received < count && System.nanoTime() - deadline < 0)
            {
                idle.idle(socket.receive(this, 4096));
            }
        }
    }

    /**
     * Run the context's I/O (invoker mode) or just wait (threaded mode) for a while.
     */
    static void pause(final Context ctx, final long millis)
    {
        Mode.pump(ctx, millis);
    }
}
