package io.ringmq.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketEvent;
import io.ringmq.SocketType;

/**
 * Reads a socket monitor's PAIR, running the context's I/O meanwhile (invoker mode has no thread of its own).
 */
final class MonitorEvents
{
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Context ctx;
    private final Socket reader;
    /** Events {@link #await} passed over, in order. */
    final List<Event> skipped = new ArrayList<>();

    private MonitorEvents(final Context ctx, final Socket reader)
    {
        this.ctx = ctx;
        this.reader = reader;
        reader.setReceiveTimeOut(1);
    }

    /**
     * Monitor {@code socket} for {@code events} on a fresh inproc endpoint and connect a reader to it.
     */
    static MonitorEvents of(final Context ctx, final Socket socket, final int events)
    {
        final String endpoint = "inproc://monitor-" + NAMES.incrementAndGet();
        assertTrue(socket.monitor(endpoint, events));
        final Socket reader = ctx.socket(SocketType.PAIR);
        reader.connect(endpoint);
        return new MonitorEvents(ctx, reader);
    }

    /**
     * @return the next event, which must come within 5 s.
     */
    Event next()
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() - deadline < 0)
        {
            ctx.invoke();
            final byte[] header = reader.recv();
            if (null != header)
            {
                assertEquals(SocketEvent.HEADER_LENGTH, header.length, "event frame");
                assertTrue(reader.hasReceiveMore(), "an endpoint frame follows");
                reader.setReceiveTimeOut(5_000);
                final byte[] endpoint = reader.recv();
                reader.setReceiveTimeOut(1);
                return new Event(header, new String(endpoint, StandardCharsets.UTF_8));
            }
        }
        return fail("no event within 5 s; skipped so far " + skipped);
    }

    /**
     * @return the next event of this number; others on the way go to {@link #skipped}.
     */
    Event await(final int event)
    {
        while (true)
        {
            final Event next = next();
            if (next.event == event)
            {
                return next;
            }
            skipped.add(next);
        }
    }

    /**
     * One event message.
     */
    static final class Event
    {
        final byte[] header;
        final int event;
        final int value;
        final String endpoint;

        Event(final byte[] header, final String endpoint)
        {
            this.header = header;
            this.event = SocketEvent.event(header);
            this.value = SocketEvent.value(header);
            this.endpoint = endpoint;
        }

        @Override
        public String toString()
        {
            return "event 0x" + Integer.toHexString(event) + " value " + value + " " + endpoint;
        }
    }
}
