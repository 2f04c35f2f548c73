package io.ringmq;

import java.nio.charset.StandardCharsets;

import io.ringmq.internal.SocketEvents;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A socket's monitor: sends the events it is asked for on an inproc PAIR socket bound at the monitor's endpoint,
 * as libzmq's zmq_socket_monitor. Runs on the monitored socket's I/O agent, which owns the PAIR socket; an event
 * that finds no connected peer, or a peer at its high-water mark, is dropped, as libzmq drops it.
 */
final class SocketMonitor implements SocketEvents
{
    private final Socket pair;
    private final int events;
    private final byte[] header = new byte[SocketEvent.HEADER_LENGTH];
    private final UnsafeBuffer headerBuffer = new UnsafeBuffer(header);

    SocketMonitor(final Socket pair, final int events)
    {
        this.pair = pair;
        this.events = events;
    }

    @Override
    public void onEvent(final int event, final int value, final String eventEndpoint)
    {
        if ((events & event) == 0)
        {
            return;
        }
        SocketEvent.writeHeader(headerBuffer, event, value);
        if (pair.sendMore(header))
        {
            pair.send(eventEndpoint.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void stop()
    {
        onEvent(SocketEvent.MONITOR_STOPPED, 0, "");
        pair.close();
    }
}
