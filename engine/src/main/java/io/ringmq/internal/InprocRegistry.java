package io.ringmq.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;

import io.ringmq.RingmqException;

/**
 * The inproc names of one context. Binding claims a name; connecting opens a pipe at once, attached to the
 * connecting socket, and hands the other end to the bound socket, or keeps it pending until a socket binds the
 * name, as libzmq 4.x does. A connect outlives its peer, as a tcp connect reconnects: when the bound socket
 * unbinds or closes, the connecting socket gets a fresh pending pipe for the next socket to bind the name.
 * Control plane only: every method takes the registry's lock and may allocate.
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
        binder.onBound();
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
        final SocketOptions options = connector.options();
        connector.onEndpointAdded();
        final InprocPipe connectEnd;
        if (isParked(connector, false))
        {
            // What the connecting socket queued without a peer goes to this one.
            connectEnd = unpark(connector, endpoint);
        }
        else if (null != binder && isParked(binder, true))
        {
            connectEnd = unpark(binder, endpoint).peer();
            attach(connector, connectEnd);
        }
        else
        {
            connectEnd = InprocPipe.open(endpoint, ringBytes);
            attach(connector, connectEnd);
        }
        connectEnd.assignedRoutingId = options.connectRoutingId;
        options.connectRoutingId = null;
        if (null == binder)
        {
            pending.computeIfAbsent(endpoint, name -> new ArrayList<>()).add(connectEnd);
        }
        else if (null == connectEnd.peer().owner())
        {
            attach(binder, connectEnd.peer());
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
        final Iterator<InprocPipe> ends = binder.attached().iterator();
        while (ends.hasNext())
        {
            final InprocPipe end = ends.next();
            if (end.bindSide && endpoint.equals(end.endpoint))
            {
                ends.remove();
                end.detach();
                reopen(end.peer());
            }
        }
    }

    /**
     * Detach the pipes a connect to this name opened.
     *
     * @throws RingmqException when the socket did not connect to the name.
     */
    public synchronized void disconnect(final String endpoint, final InprocPeers connector)
    {
        if (detachAll(connector, endpoint) == 0)
        {
            throw new RingmqException("endpoint is not connected: " + endpoint);
        }
        final ArrayList<InprocPipe> waiting = pending.get(endpoint);
        if (null != waiting)
        {
            waiting.removeIf(InprocPipe::isDetached);
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
        final ArrayList<InprocPipe> ends = new ArrayList<>(socket.attached());
        socket.attached().clear();
        for (final InprocPipe end : ends)
        {
            end.detach();
            if (end.bindSide)
            {
                reopen(end.peer());
            }
        }
    }

    /**
     * Give a socket that has no peer a parked pipe to queue in, if it has none yet: its bind end when the socket
     * binds, else its connect end.
     */
    synchronized void park(final InprocPeers socket)
    {
        if (null != socket.parked && !socket.parked.isDetached())
        {
            return;
        }
        final InprocPipe connectEnd = InprocPipe.open(null, ringBytes);
        final InprocPipe end = socket.isBound() ? connectEnd.peer() : connectEnd;
        attach(socket, end);
        socket.parked = end;
    }

    private static boolean isParked(final InprocPeers socket, final boolean bindSide)
    {
        final InprocPipe end = socket.parked;
        return null != end && !end.isDetached() && end.bindSide == bindSide;
    }

    private static InprocPipe unpark(final InprocPeers socket, final String endpoint)
    {
        final InprocPipe end = socket.parked;
        socket.parked = null;
        end.endpoint = endpoint;
        end.peer().endpoint = endpoint;
        return end;
    }

    /**
     * The bound side of a connect went away: give the connecting socket a fresh pipe, pending until the name is
     * bound again, unless it disconnected or closed meanwhile.
     */
    private void reopen(final InprocPipe connectEnd)
    {
        final InprocPeers connector = connectEnd.owner();
        if (null == connector || !connector.attached().remove(connectEnd))
        {
            return;
        }
        final InprocPipe fresh = InprocPipe.open(connectEnd.endpoint, ringBytes);
        fresh.assignedRoutingId = connectEnd.assignedRoutingId;
        attach(connector, fresh);
        pending.computeIfAbsent(fresh.endpoint, name -> new ArrayList<>()).add(fresh);
    }

    private static void attach(final InprocPeers owner, final InprocPipe end)
    {
        owner.attached().removeIf(InprocPipe::isDetached);
        end.owner(owner);
        end.attachTo(owner, owner.options().identity);
        owner.attached().add(end);
        owner.offer(end);
    }

    private static int detachAll(final InprocPeers connector, final String endpoint)
    {
        int detached = 0;
        final Iterator<InprocPipe> ends = connector.attached().iterator();
        while (ends.hasNext())
        {
            final InprocPipe end = ends.next();
            if (!end.bindSide && endpoint.equals(end.endpoint))
            {
                end.detach();
                ends.remove();
                detached++;
            }
        }
        return detached;
    }
}
