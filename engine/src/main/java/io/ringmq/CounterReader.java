package io.ringmq;

/**
 * A live set of {@link Counter}s, readable from any thread while the I/O agent updates it.
 */
public interface CounterReader
{
    /**
     * @return what this set counts: the socket, or the connection's peer endpoint.
     */
    String label();

    /**
     * @param counter which one.
     * @return its current value; reading allocates nothing.
     */
    long get(Counter counter);
}
