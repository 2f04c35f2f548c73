package io.ringmq;

import io.ringmq.internal.IdleWait;
import org.agrona.DirectBuffer;

/**
 * Connects a frontend socket to a backend socket, as {@code zmq_proxy}: every whole message either one receives is
 * sent, frame by frame and in place, out of the other, and copied to an optional capture socket. The forwarding
 * knows nothing of socket types: a direction runs while its source has a message and its target (and the capture)
 * can take one without blocking, so the same call builds
 * <ul>
 *     <li>a forwarder: XSUB frontend, XPUB backend; data flows XSUB to XPUB, subscriptions XPUB to XSUB;</li>
 *     <li>a streamer: PULL frontend, PUSH backend;</li>
 *     <li>a broker: ROUTER frontend, DEALER backend.</li>
 * </ul>
 *
 * <p>A proxy owns its sockets while it runs, on the calling thread; it allocates nothing per message (frames larger
 * than a quarter of a ring excepted, as for any send). It returns when
 * <ul>
 *     <li>the control socket of {@link #proxySteerable} receives {@code TERMINATE};</li>
 *     <li>the calling thread is interrupted (the interrupt stays set);</li>
 *     <li>one of its sockets is closed, for instance because another thread closed the context.</li>
 * </ul>
 * Its sockets stay open on return; the caller closes them.
 */
public final class Proxy
{
    /** Messages one direction forwards before the other direction and the control socket get their turn. */
    private static final int BATCH = 256;

    /** A proxy that runs another invoker context's I/O looks at it at least this often. */
    private static final long OTHER_INVOKER_PARK_NS = 1_000_000L;
    private static final byte[] PAUSE = {'P', 'A', 'U', 'S', 'E'};
    private static final byte[] RESUME = {'R', 'E', 'S', 'U', 'M', 'E'};
    private static final byte[] TERMINATE = {'T', 'E', 'R', 'M', 'I', 'N', 'A', 'T', 'E'};

    private final Socket frontend;
    private final Socket backend;
    private final Socket capture;
    private final Socket control;
    private final Context context;
    private final IdleWait wait;
    /** A socket of another context in invoker mode, whose I/O this thread runs: it cannot block for good. */
    private final boolean drivesOtherInvoker;
    private boolean armed;
    private final SocketWakers wakers;
    private final Forwarder toBackend;
    private final Forwarder toFrontend;
    private final Commands commands = new Commands();

    private Proxy(final Socket frontend, final Socket backend, final Socket capture, final Socket control)
    {
        if (null == frontend || null == backend)
        {
            throw new RingmqException("a proxy needs a frontend and a backend socket");
        }
        this.frontend = frontend;
        this.backend = backend;
        this.capture = capture;
        this.control = control;
        this.context = frontend.getContext();
        this.wait = context.newIdleWait();
        this.drivesOtherInvoker = isOtherInvoker(backend) || isOtherInvoker(capture) || isOtherInvoker(control);
        this.wakers = new SocketWakers().of(new Socket[] {frontend, backend, capture, control}, 4);
        this.toBackend = new Forwarder(backend, capture);
        this.toFrontend = new Forwarder(frontend, capture);
    }

    /**
     * Forward messages between two sockets until the thread is interrupted or a socket is closed.
     *
     * @param frontend one side, e.g. XSUB, PULL or ROUTER.
     * @param backend  the other side, e.g. XPUB, PUSH or DEALER.
     * @param capture  receives a copy of every message forwarded either way, or null.
     */
    public static void proxy(final Socket frontend, final Socket backend, final Socket capture)
    {
        new Proxy(frontend, backend, capture, null).run();
    }

    /**
     * Forward as {@link #proxy}, steered by single-frame commands on a control socket: {@code PAUSE} stops
     * forwarding (messages wait in the sockets, up to their high-water marks), {@code RESUME} starts it again and
     * {@code TERMINATE} returns. Other messages on the control socket are ignored.
     *
     * @param frontend one side.
     * @param backend  the other side.
     * @param capture  receives a copy of every message forwarded either way, or null.
     * @param control  receives the commands, e.g. a PULL or PAIR socket.
     */
    public static void proxySteerable(
        final Socket frontend, final Socket backend, final Socket capture, final Socket control)
    {
        if (null == control)
        {
            throw new RingmqException("a steerable proxy needs a control socket");
        }
        new Proxy(frontend, backend, capture, control).run();
    }

    private void run()
    {
        final Thread thread = Thread.currentThread();
        wait.reset();
        try
        {
            forwardUntilStopped(thread);
        }
        finally
        {
            arm(false);
        }
    }

    private void forwardUntilStopped(final Thread thread)
    {
        while (!thread.isInterrupted() && !anySocketClosed())
        {
            int work = 0;
            try
            {
                if (null != control)
                {
                    work += control.receive(commands, 1);
                    if (commands.terminated)
                    {
                        return;
                    }
                }
                if (!commands.paused)
                {
                    work += forward(frontend, toBackend);
                    work += forward(backend, toFrontend);
                }
            }
            catch (final RingmqException ex)
            {
                // Another thread closing a socket (or the context) between the check above and a call is an
                // ending, not an error.
                if (anySocketClosed())
                {
                    return;
                }
                throw ex;
            }
            work += invokeOtherContexts() + context.invoke();
            idle(work);
        }
    }

    /**
     * Spin and yield within the budget, then block until a peer or I/O agent of one of the sockets wakes this
     * thread (a close of one of them does too).
     */
    private void idle(final int work)
    {
        if (work > 0)
        {
            wait.reset();
            arm(false);
        }
        else if (!wait.budgetSpent())
        {
            wait.step();
        }
        else if (!armed)
        {
            arm(true);
        }
        else
        {
            context.blockInterruptibly(drivesOtherInvoker ? System.nanoTime() + OTHER_INVOKER_PARK_NS : 0, true, wakers);
            // A wake disarms the waker that fired: arm them all again, and look, before blocking again.
            armed = false;
        }
    }

    private void arm(final boolean arm)
    {
        armed = arm;
        wakers.arm(arm);
    }

    private boolean isOtherInvoker(final Socket socket)
    {
        return null != socket && socket.getContext() != context && socket.getContext().isInvokerMode();
    }

    private int forward(final Socket from, final Forwarder forwarder)
    {
        int messages = 0;
        while (messages < BATCH && forwarder.canSend() && (from.getEvents() & Poller.POLLIN) != 0 &&
            from.receive(forwarder, 1) > 0)
        {
            messages++;
        }
        return messages;
    }

    private boolean anySocketClosed()
    {
        return frontend.isClosed() || backend.isClosed() ||
            (null != capture && capture.isClosed()) || (null != control && control.isClosed());
    }

    /**
     * Sockets from other contexts in invoker mode need their I/O run too; {@link Context#idle} runs the
     * frontend's.
     */
    private int invokeOtherContexts()
    {
        int work = 0;
        final Context backendContext = backend.getContext();
        if (backendContext != context)
        {
            work += backendContext.invoke();
        }
        if (null != capture && capture.getContext() != context && capture.getContext() != backendContext)
        {
            work += capture.getContext().invoke();
        }
        return work;
    }

    /**
     * Sends each frame it is shown to a target and a capture socket, with the frame's MORE flag.
     */
    private static final class Forwarder implements MessageHandler
    {
        private final Socket target;
        private final Socket capture;

        Forwarder(final Socket target, final Socket capture)
        {
            this.target = target;
            this.capture = capture;
        }

        boolean canSend()
        {
            return (target.getEvents() & Poller.POLLOUT) != 0 &&
                (null == capture || (capture.getEvents() & Poller.POLLOUT) != 0);
        }

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
        {
            target.send(buffer, offset, length, more);
            if (null != capture)
            {
                capture.send(buffer, offset, length, more);
            }
        }
    }

    /**
     * Reads the control socket's single-frame commands in place.
     */
    private static final class Commands implements MessageHandler
    {
        private boolean paused;
        private boolean terminated;
        private boolean multipart;

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
        {
            final boolean single = !multipart && !more;
            multipart = more;
            if (!single)
            {
                return;
            }
            if (equals(buffer, offset, length, PAUSE))
            {
                paused = true;
            }
            else if (equals(buffer, offset, length, RESUME))
            {
                paused = false;
            }
            else if (equals(buffer, offset, length, TERMINATE))
            {
                terminated = true;
            }
        }

        private static boolean equals(final DirectBuffer buffer, final int offset, final int length, final byte[] word)
        {
            if (length != word.length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                if (buffer.getByte(offset + i) != word[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}
