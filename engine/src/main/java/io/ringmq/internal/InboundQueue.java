package io.ringmq.internal;

import java.util.Arrays;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * The application side of a socket's inbound path: the rings of its connections, fair-queued. New rings arrive
 * from the I/O agent through a queue; a ring that is closed and drained is dropped. Owned by the thread that
 * uses the socket.
 */
public final class InboundQueue
{
    private final ManyToOneConcurrentArrayQueue<FrameRing> arrivals = new ManyToOneConcurrentArrayQueue<>(4096);
    private FrameRing[] rings = new FrameRing[8];
    private int size;
    private int next;
    private FrameRing current;

    /**
     * Called by the I/O agent when a connection completes its handshake.
     *
     * @return false when too many rings are waiting to be picked up.
     */
    public boolean offer(final FrameRing ring)
    {
        return arrivals.offer(ring);
    }

    /**
     * @return the ring to read next: the one in the middle of a message, else round-robin the next ring holding
     * a whole message; null when none does.
     */
    public FrameRing nextReadable()
    {
        pickUpArrivals();
        if (null != current)
        {
            return current;
        }

        int checked = 0;
        while (checked < size)
        {
            if (next >= size)
            {
                next = 0;
            }
            final FrameRing ring = rings[next];
            if (ring.availableMessages() > 0)
            {
                next++;
                return ring;
            }
            if (ring.isClosed() && ring.isEmpty())
            {
                remove(next);
            }
            else
            {
                next++;
                checked++;
            }
        }
        return null;
    }

    /**
     * Keep reading from {@code ring} until the current message ends.
     *
     * @param ring the ring in the middle of a message, or null when the message ended.
     */
    public void stayOn(final FrameRing ring)
    {
        current = ring;
    }

    /**
     * @return true when some ring holds a whole message, without moving the round-robin position.
     */
    public boolean hasMessage()
    {
        pickUpArrivals();
        if (null != current)
        {
            return true;
        }
        for (int i = 0; i < size; i++)
        {
            if (rings[i].availableMessages() > 0)
            {
                return true;
            }
        }
        return false;
    }

    private void pickUpArrivals()
    {
        FrameRing ring;
        while (null != (ring = arrivals.poll()))
        {
            if (size == rings.length)
            {
                rings = Arrays.copyOf(rings, size * 2);
            }
            rings[size++] = ring;
        }
    }

    private void remove(final int index)
    {
        size--;
        rings[index] = rings[size];
        rings[size] = null;
    }
}
