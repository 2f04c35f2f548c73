package io.ringmq.internal;

import java.nio.channels.SelectionKey;
import java.util.ArrayList;

import io.ringmq.SocketEvent;
import io.ringmq.transport.StreamChannel;
import io.ringmq.transport.StreamListener;
import io.ringmq.transport.TransportException;

/**
 * One bind() endpoint: accepts connections and remembers them, so unbind can close them as libzmq does.
 */
final class Acceptor implements Selectable
{
    private final SocketCore core;
    private final StreamListener listener;
    private final ArrayList<Connection> accepted = new ArrayList<>();
    private SelectionKey key;
    private boolean listening = true;

    Acceptor(final SocketCore core, final StreamListener listener)
    {
        this.core = core;
        this.listener = listener;
    }

    void register(final IoAgent agent)
    {
        key = agent.register(listener.channel(), SelectionKey.OP_ACCEPT, this);
    }

    @Override
    public void onSelect(final int readyOps)
    {
        while (listening)
        {
            final StreamChannel channel;
            try
            {
                channel = listener.accept();
            }
            catch (final TransportException ex)
            {
                core.emit(SocketEvent.ACCEPT_FAILED, 0, listener.resolvedEndpoint());
                return;
            }
            if (null == channel)
            {
                return;
            }
            final Connection connection = new Connection(
                core, channel, null, channel.remoteEndpoint(), listener.resolvedEndpoint(), false);
            accepted.removeIf(Connection::isClosed);
            accepted.add(connection);
            core.addConnection(connection);
            core.emit(SocketEvent.ACCEPTED, 0, listener.resolvedEndpoint());
            connection.register(core.agent());
        }
    }

    void closeListener()
    {
        if (listening)
        {
            listening = false;
            if (null != key)
            {
                key.cancel();
            }
            listener.close();
            core.emit(SocketEvent.CLOSED, 0, listener.resolvedEndpoint());
        }
    }

    void close()
    {
        closeListener();
        for (int i = accepted.size() - 1; i >= 0; i--)
        {
            accepted.get(i).closeOnRequest();
        }
        accepted.clear();
    }
}
