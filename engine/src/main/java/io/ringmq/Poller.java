package io.ringmq;

import java.util.Arrays;

import io.ringmq.internal.IdleWait;

/**
 * Waits until one of several sockets can receive or send, as JeroMQ's {@code ZMQ.Poller} and {@code zmq_poll}:
 *
 * <pre>{@code
 * Poller poller = new Poller(ctx);
 * int prices = poller.register(pricesSub, Poller.POLLIN);
 * int orders = poller.register(ordersPull, Poller.POLLIN);
 * while (poller.poll(-1) > 0)
 * {
 *     if (poller.pollin(prices)) { pricesSub.receive(onPrice, 64); }
 *     if (poller.pollin(orders)) { ordersPull.receive(onOrder, 64); }
 * }
 * }</pre>
 *
 * Readiness is {@link Socket#getEvents()}: a whole message to receive, or a send that would not block. Waiting
 * spins and yields within the context's budget, then blocks until a registered socket's peer or I/O agent wakes
 * it; in invoker mode it runs the context's I/O each round and blocks in the I/O selector, so a poller works with no
 * I/O thread. Arrays grow in {@link #register}; {@link #poll(long)} allocates nothing. Like a socket, a poller is
 * used by one thread at a time, and it polls sockets of its own context only.
 */
public final class Poller
{
    /** A whole message is waiting to be received. */
    public static final int POLLIN = 1;
    /** A send would not block now. */
    public static final int POLLOUT = 2;

    private static final int DEFAULT_SIZE = 8;

    private final Context context;
    private final IdleWait wait;
    private final SocketWakers wakers = new SocketWakers();
    private Socket[] sockets;
    private int[] interest;
    private int[] ready;
    private int slots;

    /**
     * @param context whose sockets are polled and whose I/O runs while waiting in invoker mode.
     */
    public Poller(final Context context)
    {
        this(context, DEFAULT_SIZE);
    }

    /**
     * @param context      whose sockets are polled and whose I/O runs while waiting in invoker mode.
     * @param expectedSize sockets expected, so {@link #register} need not grow the arrays.
     */
    public Poller(final Context context, final int expectedSize)
    {
        this.context = context;
        this.wait = context.newIdleWait();
        final int size = Math.max(1, expectedSize);
        sockets = new Socket[size];
        interest = new int[size];
        ready = new int[size];
    }

    /**
     * Poll a socket for some events; registering a socket again replaces its events and keeps its index.
     *
     * @param socket of this poller's context.
     * @param events {@link #POLLIN}, {@link #POLLOUT} or both.
     * @return the socket's index, for {@link #pollin(int)}, {@link #pollout(int)} and {@link #readyEvents(int)};
     * stable until the socket is unregistered.
     */
    public int register(final Socket socket, final int events)
    {
        if (socket.getContext() != context)
        {
            throw new RingmqException("a poller polls sockets of its own context only");
        }
        if ((events & ~(POLLIN | POLLOUT)) != 0)
        {
            throw new RingmqException("poll events must be POLLIN, POLLOUT or both: " + events);
        }
        int index = indexOf(socket);
        if (index < 0)
        {
            index = indexOf(null);
            if (index < 0)
            {
                index = slots == sockets.length ? grow() : slots;
                slots++;
            }
            sockets[index] = socket;
        }
        interest[index] = events;
        ready[index] = 0;
        return index;
    }

    /**
     * Stop polling a socket; the indexes of the others stay valid and its index may be reused.
     *
     * @return true when the socket was registered.
     */
    public boolean unregister(final Socket socket)
    {
        final int index = indexOf(socket);
        if (index < 0)
        {
            return false;
        }
        sockets[index] = null;
        interest[index] = 0;
        ready[index] = 0;
        return true;
    }

    /**
     * Wait until at least one registered socket is ready for an event it was registered for. Returns early, with
     * 0, when the calling thread is interrupted (the interrupt stays set).
     *
     * @param timeoutMs how long to wait: -1 forever, 0 not at all (one I/O duty cycle still runs in invoker mode).
     * @return how many registered sockets are ready.
     */
    public int poll(final long timeoutMs)
    {
        if (timeoutMs < -1)
        {
            throw new RingmqException("poll timeout must be >= -1: " + timeoutMs);
        }
        final long deadlineNs = timeoutMs > 0 ? System.nanoTime() + timeoutMs * 1_000_000L : 0;
        final boolean invoker = context.isInvokerMode();
        boolean armed = false;
        wait.reset();
        try
        {
            while (true)
            {
                final int work = invoker ? context.invoke() : 0;
                final int count = scan();
                if (count > 0 || timeoutMs == 0 || Thread.currentThread().isInterrupted() ||
                    (timeoutMs > 0 && System.nanoTime() - deadlineNs >= 0))
                {
                    return count;
                }
                if (work > 0)
                {
                    wait.reset();
                }
                else if (!wait.budgetSpent())
                {
                    wait.step();
                }
                else if (!armed)
                {
                    // Peers and I/O agents wake this thread from now on; look once more before blocking.
                    armed = true;
                    wakers.of(sockets, slots).arm(true);
                }
                else
                {
                    context.blockInterruptibly(deadlineNs, true, wakers);
                    // A wake disarms the waker that fired: arm them all again, and look, before blocking again.
                    armed = false;
                }
            }
        }
        finally
        {
            wakers.of(sockets, slots).arm(false);
        }
    }

    /**
     * @return true when the socket at {@code index} was ready to receive at the last {@link #poll(long)}.
     */
    public boolean pollin(final int index)
    {
        return (readyEvents(index) & POLLIN) != 0;
    }

    /**
     * @return true when the socket at {@code index} was ready to send at the last {@link #poll(long)}.
     */
    public boolean pollout(final int index)
    {
        return (readyEvents(index) & POLLOUT) != 0;
    }

    /**
     * @return the registered events the socket at {@code index} was ready for at the last {@link #poll(long)}.
     */
    public int readyEvents(final int index)
    {
        return index >= 0 && index < slots ? ready[index] : 0;
    }

    /**
     * @return the socket registered at {@code index}, or null.
     */
    public Socket getSocket(final int index)
    {
        return index >= 0 && index < slots ? sockets[index] : null;
    }

    private int scan()
    {
        int count = 0;
        for (int i = 0; i < slots; i++)
        {
            final Socket socket = sockets[i];
            final int events = null == socket ? 0 : socket.getEvents() & interest[i];
            ready[i] = events;
            if (events != 0)
            {
                count++;
            }
        }
        return count;
    }

    private int indexOf(final Socket socket)
    {
        for (int i = 0; i < slots; i++)
        {
            if (sockets[i] == socket)
            {
                return i;
            }
        }
        return -1;
    }

    private int grow()
    {
        final int length = sockets.length * 2;
        sockets = Arrays.copyOf(sockets, length);
        interest = Arrays.copyOf(interest, length);
        ready = Arrays.copyOf(ready, length);
        return slots;
    }
}
