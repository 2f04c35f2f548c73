package io.ringmq.internal;

/**
 * In invoker mode, whether a socket's send writes now or joins a batch, so that a caller sending in a loop reaches
 * the kernel once per batch instead of once per message. A message that follows the previous send within
 * {@link #BURST_GAP_NS} waits; the batch is written once it holds {@link #BATCH_BYTES}, once its oldest message
 * waited the batch delay, or when the socket receives. A lone message is written at once. What a caller leaves
 * waiting when it stops sending is written by the context's {@link TailFlusher}. Used by the socket's thread only.
 */
public final class SendBatch
{
    /**
     * A batch this large is written at once: a connection's write buffer. Larger than libzmq's 8 KiB batches, since
     * here the sending thread pays for each write itself (64 B messages in a loop: about 1.45 M msg/s with 64 KiB, 1.2 M
     * with 8 KiB).
     */
    public static final int BATCH_BYTES = 64 * 1024;
    /** A send this soon after the previous one (or after the write that followed it) is part of a burst. */
    static final long BURST_GAP_NS = 2_000L;

    private final long delayNs;
    private long lastSendNs;
    private long pendingSinceNs;
    private int bytes;
    private boolean pending;

    /**
     * @param delayNs the longest a message of a burst waits for the batch to fill; 0 writes every message at once.
     */
    public SendBatch(final long delayNs)
    {
        this.delayNs = delayNs;
        this.lastSendNs = System.nanoTime() - BURST_GAP_NS;
    }

    /**
     * A frame was committed.
     *
     * @param frameBytes its body's length.
     */
    public void add(final int frameBytes)
    {
        bytes += frameBytes;
    }

    /**
     * A whole message was committed: write it now, or leave it for the batch.
     *
     * @param nowNs {@link System#nanoTime()}.
     * @return true to write what the socket committed now; false when it waits and the caller tells the flusher.
     */
    public boolean writeNow(final long nowNs)
    {
        final boolean burst = nowNs - lastSendNs < BURST_GAP_NS;
        lastSendNs = nowNs;
        if (!pending)
        {
            if (!burst || 0 == delayNs)
            {
                return true;
            }
            pending = true;
            pendingSinceNs = nowNs;
            return bytes >= BATCH_BYTES;
        }
        return bytes >= BATCH_BYTES || nowNs - pendingSinceNs >= delayNs;
    }

    /**
     * What the socket committed was written (by this socket's thread).
     *
     * @param nowNs {@link System#nanoTime()} after the write, from which the next send's gap counts.
     */
    public void written(final long nowNs)
    {
        lastSendNs = nowNs;
        pending = false;
        bytes = 0;
    }

    /**
     * @return true when committed messages wait for the batch.
     */
    public boolean isPending()
    {
        return pending;
    }
}
