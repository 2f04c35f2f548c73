package io.ringmq.internal;

import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.function.Consumer;

import io.ringmq.transport.TransportPoller;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * An I/O agent: one thread's duty cycle over the sockets assigned to it. Each cycle takes commands from
 * application threads (bind, connect, close: the control plane, which may allocate), polls the network without
 * blocking, moves each socket's outbound ring to its peers' backlogs, writes the backlogs (one system call per
 * peer per cycle) and runs reconnect timers. It returns the work done so the runner's idle strategy can back off.
 */
public final class IoAgent implements Agent
{
    private static final Consumer<SelectionKey> DISPATCH = IoAgent::dispatch;

    private final String name;
    private final TransportPoller poller = new TransportPoller();
    private final ManyToOneConcurrentArrayQueue<Runnable> commands = new ManyToOneConcurrentArrayQueue<>(4096);
    private final ArrayList<SocketCore> sockets = new ArrayList<>();
    private final ArrayList<Connector> timers = new ArrayList<>();
    private long nowNs = System.nanoTime();

    /**
     * @param name for the thread and diagnostics.
     */
    public IoAgent(final String name)
    {
        this.name = name;
    }

    @Override
    public String roleName()
    {
        return name;
    }

    @Override
    public int doWork()
    {
        nowNs = System.nanoTime();
        int work = drainCommands();
        work += poller.pollNow(DISPATCH);
        final ArrayList<SocketCore> cores = sockets;
        for (int i = 0; i < cores.size(); i++)
        {
            work += cores.get(i).doWork();
        }
        if (!timers.isEmpty())
        {
            work += runTimers();
        }
        return work;
    }

    @Override
    public void onClose()
    {
        drainCommands();
        for (int i = sockets.size() - 1; i >= 0; i--)
        {
            sockets.get(i).close();
        }
        poller.close();
    }

    /**
     * Queue a command for the agent's thread.
     *
     * @return false when the command queue is full.
     */
    public boolean submit(final Runnable command)
    {
        return commands.offer(command);
    }

    /**
     * Adopt a socket; runs on the agent.
     */
    public void addSocket(final SocketCore core)
    {
        sockets.add(core);
    }

    void removeSocket(final SocketCore core)
    {
        sockets.remove(core);
    }

    long nowNs()
    {
        return nowNs;
    }

    SelectionKey register(final SelectableChannel channel, final int ops, final Selectable attachment)
    {
        return poller.register(channel, ops, attachment);
    }

    void scheduleTimer(final Connector connector)
    {
        if (!timers.contains(connector))
        {
            timers.add(connector);
        }
    }

    private int runTimers()
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

    private int drainCommands()
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

    private static void dispatch(final SelectionKey key)
    {
        if (!key.isValid())
        {
            return;
        }
        final Selectable selectable = (Selectable)key.attachment();
        try
        {
            selectable.onSelect(key.readyOps());
        }
        catch (final RuntimeException ex)
        {
            // A failure while serving one connection costs that connection only.
            if (selectable instanceof Connection)
            {
                ((Connection)selectable).close();
            }
        }
    }
}
