package io.ringmq.internal;

import java.util.Arrays;

/**
 * The connections an I/O agent serves by trying each one's socket every duty cycle, as Aeron's transport poller
 * does below a handful of channels: a read (and, for a peer whose kernel buffer was full, a write) costs one system
 * call per connection where the selector costs {@code epoll_wait} and then the read. A request-reply round trip
 * pays that on both sides. Past {@link #MAX_CONNECTIONS} connections one {@code epoll_wait} is cheaper than a read
 * on each, and the selector alone reports readiness. Connections keep their selector interest either way: an
 * agent with nothing to do blocks in the selector, which must then wake it.
 * <p>
 * Runs on whichever thread holds the agent's duty flag: its own, or an application thread running its duty cycle.
 */
final class DirectPolling
{
    /** Connections an agent polls directly at most; beyond this the selector reports readiness. */
    static final int MAX_CONNECTIONS = 4;

    private Connection[] connections = new Connection[MAX_CONNECTIONS + 1];
    private int count;

    /**
     * @return true while the agent tries every connection's socket each cycle, so they need no selector interest.
     */
    boolean isDirect()
    {
        return count <= MAX_CONNECTIONS;
    }

    /**
     * A connection whose transport connected: poll it from now until {@link #remove(Connection)}.
     */
    void add(final Connection connection)
    {
        if (count == connections.length)
        {
            connections = Arrays.copyOf(connections, count * 2);
        }
        connections[count++] = connection;
        connection.updateInterest();
    }

    /**
     * A connection that closed.
     */
    void remove(final Connection connection)
    {
        for (int i = 0; i < count; i++)
        {
            if (connections[i] == connection)
            {
                System.arraycopy(connections, i + 1, connections, i, count - i - 1);
                connections[--count] = null;
                break;
            }
        }
    }

    /**
     * Read every connection's socket, and write those whose backlog the kernel refused last time; nothing while
     * the selector serves them.
     *
     * @return work done.
     */
    int poll()
    {
        if (!isDirect())
        {
            return 0;
        }
        int work = 0;
        // Backwards: serving a connection may close it (or, with ROUTER_HANDOVER, another one) and shift the array.
        for (int i = count - 1; i >= 0; i--)
        {
            if (i < count)
            {
                final Connection connection = connections[i];
                try
                {
                    work += connection.pollDirect();
                }
                catch (final RuntimeException ex)
                {
                    // A failure while serving one connection costs that connection only.
                    connection.close();
                }
            }
        }
        return work;
    }
}
