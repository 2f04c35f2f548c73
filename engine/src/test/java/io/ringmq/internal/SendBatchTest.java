package io.ringmq.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * When an invoker-mode send writes at once and when it waits for its batch.
 */
class SendBatchTest
{
    private static final long DELAY_NS = 20_000;
    private static final long START = 1_000_000_000L;

    @Test
    void aLoneMessageIsWrittenAtOnce()
    {
        final SendBatch batch = new SendBatch(DELAY_NS);
        batch.add(64);
        assertTrue(batch.writeNow(System.nanoTime() + SendBatch.BURST_GAP_NS));
        assertFalse(batch.isPending());
    }

    @Test
    void aMessageRightAfterAWriteWaitsForTheBatch()
    {
        final SendBatch batch = new SendBatch(DELAY_NS);
        batch.written(START);
        batch.add(64);
        assertFalse(batch.writeNow(START + 100));
        assertTrue(batch.isPending());
        batch.add(64);
        assertFalse(batch.writeNow(START + 200));
    }

    @Test
    void aFullBatchIsWritten()
    {
        final SendBatch batch = new SendBatch(DELAY_NS);
        batch.written(START);
        long now = START;
        int sent = 0;
        do
        {
            batch.add(1024);
            now += 10;
            sent++;
        }
        while (!batch.writeNow(now));
        assertTrue(sent * 1024 >= SendBatch.BATCH_BYTES, "written after " + sent + " KiB");
        assertTrue((sent - 1) * 1024 < SendBatch.BATCH_BYTES, "written after " + sent + " KiB");
    }

    @Test
    void aBatchIsWrittenOnceItsFirstMessageWaitedTheDelay()
    {
        final SendBatch batch = new SendBatch(DELAY_NS);
        batch.written(START);
        long now = START + 100;
        batch.add(64);
        assertFalse(batch.writeNow(now));
        final long first = now;
        while (now - first < DELAY_NS - 1_000)
        {
            now += 1_000;
            batch.add(64);
            assertFalse(batch.writeNow(now), "written " + (now - first) + " ns after the first message");
        }
        now = first + DELAY_NS;
        batch.add(64);
        assertTrue(batch.writeNow(now));
        batch.written(now + 100);
        assertFalse(batch.isPending());
    }

    @Test
    void aSendAfterAGapIsWrittenAtOnceEvenWhileABatchStarts()
    {
        final SendBatch batch = new SendBatch(DELAY_NS);
        batch.written(START);
        batch.add(64);
        assertTrue(batch.writeNow(START + SendBatch.BURST_GAP_NS));
    }

    @Test
    void noDelayWritesEverySend()
    {
        final SendBatch batch = new SendBatch(0);
        batch.written(START);
        for (int i = 1; i <= 10; i++)
        {
            batch.add(64);
            assertTrue(batch.writeNow(START + i * 10L));
            batch.written(START + i * 10L + 5);
        }
    }
}
