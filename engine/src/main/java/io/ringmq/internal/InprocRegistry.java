package io.ringmq.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;

import io.ringmq.RingmqException;

/**
 * The inproc names of one context. Binding claims a name; connecting opens a pipe at once, attached to the
 * connecting socket, and hands the other end to the bound socket, or keeps it pending until a socket binds the
 * name, as libzmq 4.x does. Control plane only: every method takes the registry's lock and may allocate.
 */
public final class InprocRegistry
{
    private final HashMap<String, InprocPeers> bound = new HashMap<>();
    private final HashMap<String, ArrayList<InprocPipe>> pending = new HashMap<>();
    private final int ringBytes;

    /**
     * @param ringBytes capacity of each direction of each pipe: a socket ring's, so whatever a socket may claim
     *                  fits.
     */
    public InprocRegistry(final int ringBytes)
    {
        this.ringBytes = ringBytes;
    }

    /**
     * Bind a name; connects waiting for it attach now.
     *
     * @throws RingmqException when the name is bound already.
     */
    public synchronized void bind(final String endpoint, final InprocPeers binder)
    {
        if (bound.containsKey(endpoint))
        {
            throw new RingmqException("inproc endpoint is already bound: " + endpoint);
        }
        bound.put(endpoint, binder);
        binder.onEndpointAdded();
        final ArrayList<InprocPipe> waiting = pending.remove(endpoint);
        if (null != waiting)
        {
            for (final InprocPipe connectEnd : waiting)
            {
                if (connectEnd.isDetached())
                {
                    continue;
                }
                if (!binder.type().wireType().isCompatibleWith(connectEnd.owner().type().wireType()))
                {
                    // As a ZMTP handshake would, refuse the peer; the connecting side sees its pipe detached.
                    connectEnd.detach();
                    continue;
                }
                attach(binder, connectEnd.peer());
            }
        }
    }

    /**
     * Connect to a name, bound or not.
     *
     * @throws RingmqException when the socket bound to the name has an incompatible type.
     */
    public synchronized void connect(final String endpoint, final InprocPeers connector)
    {
        final InprocPeers binder = bound.get(endpoint);
        if (null != binder && !connector.type().wireType().isCompatibleWith(binder.type().wireType()))
        {
            throw new RingmqException(
                "inproc endpoint " + endpoint + " is bound by a " + binder.type() + " socket, which a " +
                connector.type() + " socket cannot connect to");
        }
        final InprocPipe connectEnd = InprocPipe.open(endpoint, ringBytes);
        final SocketOptions options = connector.options();
        connectEnd.assignedRoutingId = options.connectRoutingId;
        options.connectRoutingId = null;
        connector.onEndpointAdded();
        attach(connector, connectEnd);
        if (null != binder)
        {
            attach(binder, connectEnd.peer());
        }
        else
        {
            pending.computeIfAbsent(endpoint, name -> new ArrayList<>()).add(connectEnd);
        }
    }

    /**
     * Release a name and detach the pipes accepted through it.
     *
     * @throws RingmqException when the socket did not bind the name.
     */
    public synchronized void unbind(final String endpoint, final InprocPeers binder)
    {
        if (bound.get(endpoint) != binder)
        {
            throw new RingmqException("endpoint is not bound: " + endpoint);
        }
        bound.remove(endpoint);
        binder.onEndpointRemoved();
        detachAll(binder, endpoint, true);
    }

    /**
     * Detach the pipes a connect to this name opened.
     *
     * @throws RingmqException when the socket did not connect to the name.
     */
    public synchronized void disconnect(final String endpoint, final InprocPeers connector)
    {
        if (detachAll(connector, endpoint, false) == 0)
        {
            throw new RingmqException("endpoint is not connected: " + endpoint);
        }
        connector.onEndpointRemoved();
    }

    /**
     * A socket closes: release its names and detach all its pipes.
     */
    public synchronized void close(final InprocPeers socket)
    {
        bound.values().removeIf(owner -> owner == socket);
        for (final ArrayList<InprocPipe> waiting : pending.values())
        {
            waiting.removeIf(end -> end.owner() == socket);
        }
        pending.values().removeIf(ArrayList::isEmpty);
        for (final InprocPipe end : socket.attached())
        {
            end.detach();
        }
        socket.attached().clear();
    }

    private static void attach(final InprocPeers owner, final InprocPipe end)
    {
        owner.attached().removeIf(InprocPipe::isDetached);
        end.owner(owner);
        end.attachTo(owner, owner.options().identity);
        owner.attached().add(end);
        owner.offer(end);
    }

    private static int detachAll(final InprocPeers owner, final String endpoint, final boolean bindSide)
    {
        int detached = 0;
        final Iterator<InprocPipe> ends = owner.attached().iterator();
        while (ends.hasNext())
        {
            final InprocPipe end = ends.next();
            if (end.bindSide == bindSide && end.endpoint.equals(endpoint))
            {
                end.detach();
                ends.remove();
                detached++;
            }
        }
        return detached;
    }
}
