package io.ringmq.test;

import java.util.function.LongSupplier;

import io.ringmq.SendClaim;
import io.ringmq.Socket;

/**
 * Sends sequence-numbered messages (the sequence in the first 8 bytes) through claim/commit on its own thread, up
 * to a target the test raises and never more than a window ahead of what the receiver has taken, allocating
 * nothing: the sending side of the zero-garbage tests.
 */
public final class WindowedSender implements Runnable
{
    private final Socket socket;
    private final int messageSize;
    private final long window;
    private final LongSupplier received;
    private volatile long target;
    private volatile boolean running = true;
    private long sent;

    /**
     * @param received how many messages the receiver has taken so far; read on the sender's thread.
     */
    public WindowedSender(final Socket socket, final int messageSize, final long window, final LongSupplier received)
    {
        this.socket = socket;
        this.messageSize = messageSize;
        this.window = window;
        this.received = received;
    }

    /**
     * Send until {@code count} messages in all have gone.
     */
    public void sendUpTo(final long count)
    {
        target = count;
    }

    /**
     * End {@link #run()}.
     */
    public void stop()
    {
        running = false;
    }

    @Override
    public void run()
    {
        while (running)
        {
            if (sent < target && sent - received.getAsLong() < window)
            {
                final SendClaim claim = socket.claim(messageSize);
                claim.buffer().putLong(claim.offset(), sent);
                claim.commit();
                sent++;
            }
            else
            {
                Thread.onSpinWait();
            }
        }
    }
}
