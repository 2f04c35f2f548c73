package io.ringmq.internal;

import java.util.ArrayList;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * What an {@link IoAgent} serves besides its channels: the sockets it drives, the commands application threads queue
 * for it (bind, connect, close: the control plane, which may allocate) and its connectors' reconnect timers. The
 * agent's thread only, but for {@link #offer}.
 */
final class AgentSchedule
{
    private static final int COMMAND_QUEUE_CAPACITY = 4096;

    private final ManyToOneConcurrentArrayQueue<Runnable> commands =
        new ManyToOneConcurrentArrayQueue<>(COMMAND_QUEUE_CAPACITY);
    private final ArrayList<SocketCore> sockets = new ArrayList<>();
    private final ArrayList<Connector> timers = new ArrayList<>();

    /**
     * Queue a command; any thread.
     *
     * @return false when the queue is full.
     */
    boolean offer(final Runnable command)
    {
        return commands.offer(command);
    }

    /**
     * Run every queued command.
     *
     * @return commands run.
     */
    int drainCommands()
    {
        int work = 0;
        Runnable command;
        while (null != (command = commands.poll()))
        {
            command.run();
            work++;
        }
        return work;
    }

    void addSocket(final SocketCore core)
    {
        sockets.add(core);
    }

    void removeSocket(final SocketCore core)
    {
        sockets.remove(core);
    }

    /**
     * One duty cycle's share of every socket.
     *
     * @return work done.
     */
    int doSocketWork()
    {
        int work = 0;
        final ArrayList<SocketCore> cores = sockets;
        for (int i = 0; i < cores.size(); i++)
        {
            work += cores.get(i).doWork();
        }
        return work;
    }

    /**
     * @return true when a socket has committed messages not yet handed to the kernel.
     */
    boolean hasUnwrittenOutbound()
    {
        final ArrayList<SocketCore> cores = sockets;
        for (int i = 0; i < cores.size(); i++)
        {
            if (cores.get(i).hasUnwrittenOutbound())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Start closing every socket, the newest first.
     */
    void closeSockets()
    {
        for (int i = sockets.size() - 1; i >= 0; i--)
        {
            sockets.get(i).close();
        }
    }

    void scheduleTimer(final Connector connector)
    {
        if (!timers.contains(connector))
        {
            timers.add(connector);
        }
    }

    /**
     * Fire the reconnect timers that are due.
     *
     * @return timers fired.
     */
    int runTimers(final long nowNs)
    {
        int work = 0;
        for (int i = timers.size() - 1; i >= 0; i--)
        {
            final Connector connector = timers.get(i);
            if (connector.isDue(nowNs))
            {
                timers.remove(i);
                connector.fire();
                work++;
            }
        }
        return work;
    }

    /**
     * @return how long the agent may sleep from {@code nowNs}: until the next reconnect, a tick of {@code tickNs}
     * while a socket has a handshake, heartbeat or linger deadline, or {@code maxWaitNs}; -1 for no limit.
     */
    long nextWaitNs(final long nowNs, final long maxWaitNs, final long tickNs)
    {
        long waitNs = maxWaitNs;
        for (int i = 0; i < timers.size(); i++)
        {
            waitNs = earlier(waitNs, Math.max(0, timers.get(i).dueInNs(nowNs)));
        }
        for (int i = 0; i < sockets.size(); i++)
        {
            if (sockets.get(i).needsTicks())
            {
                waitNs = earlier(waitNs, tickNs);
                break;
            }
        }
        return waitNs;
    }

    private static long earlier(final long waitNs, final long otherNs)
    {
        return waitNs < 0 ? otherNs : Math.min(waitNs, otherNs);
    }
}
