package io.ringmq;

import java.util.Locale;

/**
 * How a {@link Context} runs: I/O threads, idle strategy and buffer sizes. Fluent, with defaults read once from
 * system properties so a deployment can tune without code:
 *
 * <pre>
 *  ringmq.io.threads            I/O agent threads; 0 = invoker mode (application threads run the I/O)   1
 *  ringmq.idle.strategy         busy_spin | yield | backoff | blocking                                  backoff
 *  ringmq.idle.spin.ns          backoff: how long a waiting thread spins before it yields              5000
 *  ringmq.idle.yield.ns         backoff: how long it then yields before it blocks until woken          50000
 *  ringmq.invoker.batch.ns      invoker mode: how long a message of a burst of sends may wait          20000
 *                               to be written with the next ones (0: every send written at once)
 *  ringmq.socket.ring.bytes     each socket's outbound ring                                            1 MiB
 *  ringmq.connection.ring.bytes each connection's inbound ring                                         256 KiB
 * </pre>
 *
 * Values are checked when the context is created; a bad one throws {@link RingmqException} naming it.
 */
public final class ContextConfig
{
    /** Default {@link #spinNanos(long)}. */
    public static final long DEFAULT_SPIN_NS = 5_000L;
    /** Default {@link #yieldNanos(long)}. */
    public static final long DEFAULT_YIELD_NS = 50_000L;
    /** Default {@link #invokerBatchNanos(long)}. */
    public static final long DEFAULT_INVOKER_BATCH_NS = 20_000L;
    private static final long MAX_BUDGET_NS = 1_000_000_000L;
    private static final long MAX_BATCH_NS = 1_000_000L;

    /** System property for {@link #ioThreads(int)}. */
    public static final String IO_THREADS_PROP = "ringmq.io.threads";
    /** System property for {@link #idleMode(IdleMode)}. */
    public static final String IDLE_STRATEGY_PROP = "ringmq.idle.strategy";
    /** System property for {@link #spinNanos(long)}. */
    public static final String IDLE_SPIN_NS_PROP = "ringmq.idle.spin.ns";
    /** System property for {@link #yieldNanos(long)}. */
    public static final String IDLE_YIELD_NS_PROP = "ringmq.idle.yield.ns";
    /** System property for {@link #invokerBatchNanos(long)}. */
    public static final String INVOKER_BATCH_NS_PROP = "ringmq.invoker.batch.ns";
    /** System property for {@link #socketRingBytes(int)}. */
    public static final String SOCKET_RING_BYTES_PROP = "ringmq.socket.ring.bytes";
    /** System property for {@link #connectionRingBytes(int)}. */
    public static final String CONNECTION_RING_BYTES_PROP = "ringmq.connection.ring.bytes";

    private int ioThreads = Integer.getInteger(IO_THREADS_PROP, 1);
    private IdleMode idleMode = parseIdleMode(System.getProperty(IDLE_STRATEGY_PROP, "backoff"));
    private long spinNanos = Long.getLong(IDLE_SPIN_NS_PROP, DEFAULT_SPIN_NS);
    private long yieldNanos = Long.getLong(IDLE_YIELD_NS_PROP, DEFAULT_YIELD_NS);
    private long invokerBatchNanos = Long.getLong(INVOKER_BATCH_NS_PROP, DEFAULT_INVOKER_BATCH_NS);
    private int socketRingBytes = Integer.getInteger(SOCKET_RING_BYTES_PROP, 1024 * 1024);
    private int connectionRingBytes = Integer.getInteger(CONNECTION_RING_BYTES_PROP, 256 * 1024);
    private int readBufferBytes = 64 * 1024;
    private int writeBufferBytes = 64 * 1024;
    private int maxCommandBytes = 8 * 1024;

    /**
     * @param threads I/O agent threads; 0 runs the I/O duty cycle on the application threads inside their send,
     *                receive and poll calls (the lowest-latency choice on few cores).
     * @return this.
     */
    public ContextConfig ioThreads(final int threads)
    {
        this.ioThreads = threads;
        return this;
    }

    /**
     * @return I/O agent threads, 0 for invoker mode.
     */
    public int ioThreads()
    {
        return ioThreads;
    }

    /**
     * @param mode how I/O agents and waiting application threads idle.
     * @return this.
     */
    public ContextConfig idleMode(final IdleMode mode)
    {
        this.idleMode = mode;
        return this;
    }

    /**
     * @return how threads idle.
     */
    public IdleMode idleMode()
    {
        return idleMode;
    }

    /**
     * In {@link IdleMode#BACKOFF}: how long a thread with nothing to do spins before it starts yielding. Short, since
     * a spinning thread holds a core another thread of the process may need.
     *
     * @param nanos 0..1 s.
     * @return this.
     */
    public ContextConfig spinNanos(final long nanos)
    {
        this.spinNanos = nanos;
        return this;
    }

    /**
     * @return how long a waiting thread spins; 0 in {@link IdleMode#BLOCKING}.
     */
    public long spinNanos()
    {
        return idleMode == IdleMode.BLOCKING ? 0 : spinNanos;
    }

    /**
     * In {@link IdleMode#BACKOFF}: how long a thread yields after spinning, before it blocks until woken. Traffic
     * that comes back within spin plus yield (a request's reply, the next message of a burst) costs no wake-up.
     *
     * @param nanos 0..1 s.
     * @return this.
     */
    public ContextConfig yieldNanos(final long nanos)
    {
        this.yieldNanos = nanos;
        return this;
    }

    /**
     * @return how long a waiting thread yields before it blocks; 0 in {@link IdleMode#BLOCKING}.
     */
    public long yieldNanos()
    {
        return idleMode == IdleMode.BLOCKING ? 0 : yieldNanos;
    }

    /**
     * In invoker mode: how long a message sent in a burst (within a couple of microseconds of the previous send)
     * may wait to be written in one system call with the ones that follow it. A batch is written once it holds
     * 64 KiB, once its first message waited this long, or when the socket receives; if the caller stops sending, a
     * blocked helper thread writes it after this delay. A message sent on its own is always written at once.
     *
     * @param nanos 0..1 ms; 0 writes every send at once.
     * @return this.
     */
    public ContextConfig invokerBatchNanos(final long nanos)
    {
        this.invokerBatchNanos = nanos;
        return this;
    }

    /**
     * @return how long a message of a burst may wait for its batch in invoker mode.
     */
    public long invokerBatchNanos()
    {
        return invokerBatchNanos;
    }

    /**
     * @param bytes of each socket's outbound ring (rounded up to a power of two).
     * @return this.
     */
    public ContextConfig socketRingBytes(final int bytes)
    {
        this.socketRingBytes = bytes;
        return this;
    }

    /**
     * @return bytes of each socket's outbound ring.
     */
    public int socketRingBytes()
    {
        return socketRingBytes;
    }

    /**
     * @param bytes of each connection's inbound ring (rounded up to a power of two). Frames above a quarter of it
     *              are held outside the ring, which allocates.
     * @return this.
     */
    public ContextConfig connectionRingBytes(final int bytes)
    {
        this.connectionRingBytes = bytes;
        return this;
    }

    /**
     * @return bytes of each connection's inbound ring.
     */
    public int connectionRingBytes()
    {
        return connectionRingBytes;
    }

    /**
     * @return bytes each connection reads from the kernel at most per call.
     */
    public int readBufferBytes()
    {
        return readBufferBytes;
    }

    /**
     * @return initial bytes of each connection's outbound backlog.
     */
    public int writeBufferBytes()
    {
        return writeBufferBytes;
    }

    /**
     * @return the largest ZMTP command accepted (READY, SUBSCRIBE); larger ones close the connection.
     */
    public int maxCommandBytes()
    {
        return maxCommandBytes;
    }

    void validate()
    {
        if (ioThreads < 0 || ioThreads > 64)
        {
            throw new RingmqException(IO_THREADS_PROP + " must be 0..64: " + ioThreads);
        }
        if (null == idleMode)
        {
            throw new RingmqException(IDLE_STRATEGY_PROP + " must be set");
        }
        if (spinNanos < 0 || spinNanos > MAX_BUDGET_NS)
        {
            throw new RingmqException(IDLE_SPIN_NS_PROP + " must be 0..1000000000: " + spinNanos);
        }
        if (yieldNanos < 0 || yieldNanos > MAX_BUDGET_NS)
        {
            throw new RingmqException(IDLE_YIELD_NS_PROP + " must be 0..1000000000: " + yieldNanos);
        }
        if (invokerBatchNanos < 0 || invokerBatchNanos > MAX_BATCH_NS)
        {
            throw new RingmqException(INVOKER_BATCH_NS_PROP + " must be 0..1000000: " + invokerBatchNanos);
        }
        if (socketRingBytes < 1024 || socketRingBytes > (1 << 30))
        {
            throw new RingmqException(SOCKET_RING_BYTES_PROP + " must be 1 KiB..1 GiB: " + socketRingBytes);
        }
        if (connectionRingBytes < 1024 || connectionRingBytes > (1 << 30))
        {
            throw new RingmqException(CONNECTION_RING_BYTES_PROP + " must be 1 KiB..1 GiB: " + connectionRingBytes);
        }
    }

    private static IdleMode parseIdleMode(final String value)
    {
        switch (value.trim().toLowerCase(Locale.ROOT))
        {
            case "busy_spin":
            case "spin":
                return IdleMode.BUSY_SPIN;
            case "yield":
                return IdleMode.YIELD;
            case "backoff":
                return IdleMode.BACKOFF;
            case "blocking":
                return IdleMode.BLOCKING;
            default:
                throw new RingmqException(IDLE_STRATEGY_PROP + " must be busy_spin, yield, backoff or blocking: " + value);
        }
    }
}
