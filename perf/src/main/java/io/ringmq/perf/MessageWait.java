package io.ringmq.perf;

import io.ringmq.MessageHandler;
import io.ringmq.Socket;
import org.agrona.concurrent.IdleStrategy;

/**
 * How a perf tool waits for the next message through the zero-copy API, as its run options say: in a blocking
 * (event-driven) idle mode the socket's own {@link Socket#receive(MessageHandler, int, int)} spins, yields, then
 * blocks until woken; in a spinning mode a loop of {@link Socket#receive(MessageHandler, int)} idles with Agrona's
 * strategy between tries. Either way nothing is allocated. One per waiting thread.
 */
public final class MessageWait
{
    /** Null when the socket blocks by itself. */
    private final IdleStrategy spinning;

    /**
     * @param options the tool's mode and idle strategy.
     */
    public MessageWait(final RunOptions options)
    {
        this.spinning = options.idle().blocks() ? null : options.idle().newIdleStrategy();
    }

    /**
     * Deliver at least one whole message, waiting as long as it takes.
     *
     * @param socket  to receive from.
     * @param handler sees each frame in place.
     * @param limit   the most messages to deliver.
     * @return messages delivered, at least one.
     */
    public int receive(final Socket socket, final MessageHandler handler, final int limit)
    {
        if (null == spinning)
        {
            return socket.receive(handler, limit, -1);
        }
        spinning.reset();
        int delivered;
        while (0 == (delivered = socket.receive(handler, limit)))
        {
            spinning.idle();
        }
        return delivered;
    }
}
