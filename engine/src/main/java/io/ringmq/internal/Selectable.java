package io.ringmq.internal;

/**
 * Something registered with an I/O agent's poller: a listener, a connection.
 */
interface Selectable
{
    /**
     * @param readyOps the {@link java.nio.channels.SelectionKey} operations that are ready.
     */
    void onSelect(int readyOps);
}
