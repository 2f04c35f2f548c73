package io.ringmq.internal;

/**
 * Where a socket's I/O agent reports what happens to its endpoints and connections (the socket monitor); called
 * on the agent's thread, off the message path.
 */
public interface SocketEvents
{
    /** Reports nothing: a socket without a monitor. */
    SocketEvents NONE = new SocketEvents()
    {
        @Override
        public void onEvent(final int event, final int value, final String endpoint)
        {
        }

        @Override
        public void stop()
        {
        }
    };

    /**
     * @param event    a {@link io.ringmq.SocketEvent} number.
     * @param value    the event's value.
     * @param endpoint the endpoint it concerns.
     */
    void onEvent(int event, int value, String endpoint);

    /**
     * No more events: send the last one and let go.
     */
    void stop();
}
