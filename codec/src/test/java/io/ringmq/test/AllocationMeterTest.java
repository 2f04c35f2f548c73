package io.ringmq.test;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The meter must see real garbage, or a zero-allocation test built on it could pass without measuring anything.
 */
class AllocationMeterTest
{
    private static final int ONE_MIB = 1 << 20;

    private static volatile Object sink;

    @Test
    void detectsAMegabyteAllocatedOnTheCallingThread()
    {
        final AllocationMeter meter = new AllocationMeter();

        meter.start();
        allocate(ONE_MIB);
        final long allocated = meter.stop();

        assertTrue(allocated >= ONE_MIB, "measured " + allocated);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void detectsAMegabyteAllocatedOnAnotherThread() throws InterruptedException
    {
        final AllocationMeter meter = new AllocationMeter();
        final CountDownLatch go = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        final CountDownLatch exit = new CountDownLatch(1);
        final Thread worker = new Thread(() ->
        {
            try
            {
                go.await();
                allocate(ONE_MIB);
                done.countDown();
                exit.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "allocation-meter-test-worker");
        worker.start();
        try
        {
            meter.start();
            go.countDown();
            assertTrue(done.await(5, TimeUnit.SECONDS));
            final long allocated = meter.stop();

            assertTrue(allocated >= ONE_MIB, "measured " + allocated);
        }
        finally
        {
            exit.countDown();
            worker.join(5_000);
        }
    }

    @Test
    void anEmptyRegionMeasuresNearlyNothing()
    {
        final AllocationMeter meter = new AllocationMeter();
        for (int i = 0; i < 100; i++)
        {
            meter.start();
            meter.stop();
        }

        meter.start();
        final long allocated = meter.stop();

        assertTrue(allocated < 16 * 1024, "measured " + allocated);
        assertTrue(meter.threadCount() > 0);
    }

    private static void allocate(final int bytes)
    {
        final Object[] chunks = new Object[bytes / 1024];
        for (int i = 0; i < chunks.length; i++)
        {
            chunks[i] = new byte[1024];
        }
        sink = chunks;
    }
}
