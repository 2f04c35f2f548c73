package io.ringmq.transport;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

import org.agrona.CloseHelper;

/**
 * One {@link Selector} for an I/O agent's listeners and streams. Ready keys go straight to a handler through
 * {@link Selector#selectNow(Consumer)}, so no selected-key set is built or iterated. Keep the handler in a field
 * rather than passing a fresh lambda, and a poll allocates nothing.
 * <p>
 * One JDK detail: the Linux epoll selector finds each ready key by a boxed file descriptor, which allocates a
 * 16-byte Integer per ready key once descriptors pass the autobox cache (127 by default). Run with
 * {@code -XX:AutoBoxCacheMax=65536} (or above the process's descriptor limit) to keep polling allocation free.
 * <p>
 * Not thread safe, except {@link #wakeup()}.
 */
public final class TransportPoller implements AutoCloseable
{
    private final Selector selector;

    /**
     * @throws TransportException if the system cannot open a selector.
     */
    public TransportPoller()
    {
        try
        {
            selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new TransportException("Cannot open a selector: " + ex.getMessage(), ex);
        }
    }

    /**
     * Register a channel, or change the interest and attachment of one already registered.
     *
     * @param channel    from a {@link StreamListener} or {@link StreamChannel}.
     * @param ops        {@link SelectionKey} interest set.
     * @param attachment handed back through {@link SelectionKey#attachment()}, typically the connection.
     * @return the key, whose interest set can be changed later without allocating.
     * @throws TransportException if the channel is closed.
     */
    public SelectionKey register(final SelectableChannel channel, final int ops, final Object attachment)
    {
        try
        {
            return channel.register(selector, ops, attachment);
        }
        catch (final ClosedChannelException ex)
        {
            throw new TransportException("Cannot register a closed channel: " + channel, ex);
        }
    }

    /**
     * Hand every ready key to the handler, without waiting.
     *
     * @param handler kept in a field by the caller; exceptions it throws propagate to the caller.
     * @return the number of keys handled.
     */
    public int pollNow(final Consumer<SelectionKey> handler)
    {
        try
        {
            return selector.selectNow(handler);
        }
        catch (final IOException ex)
        {
            throw new TransportException("Poll failed: " + ex.getMessage(), ex);
        }
    }

    /**
     * Block until a key is ready, {@code timeoutMs} passed or {@link #wakeup()} was called (also before this call),
     * then hand the ready keys to the handler.
     *
     * @param timeoutMs longest wait in milliseconds; 0 waits with no limit.
     * @param handler   kept in a field by the caller; exceptions it throws propagate to the caller.
     * @return the number of keys handled.
     */
    public int select(final long timeoutMs, final Consumer<SelectionKey> handler)
    {
        try
        {
            return selector.select(handler, timeoutMs);
        }
        catch (final IOException ex)
        {
            throw new TransportException("Poll failed: " + ex.getMessage(), ex);
        }
    }

    /**
     * Make a blocked or the next {@link #select(long, Consumer)} return at once. Safe from any thread.
     */
    public void wakeup()
    {
        selector.wakeup();
    }

    /**
     * Close the selector, cancelling every key. Registered channels stay open. Safe to call more than once.
     */
    @Override
    public void close()
    {
        CloseHelper.quietClose(selector);
    }
}
