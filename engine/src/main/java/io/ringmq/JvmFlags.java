package io.ringmq;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Agrona 2.x reaches {@code jdk.internal.misc.Unsafe}; without the export the JVM throws IllegalAccessError on
 * first use, far from the cause. Checking once at context creation turns that into a message that names the flag.
 */
final class JvmFlags
{
    /** The flag every JVM running ringmq needs. */
    static final String REQUIRED = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";

    private static volatile boolean checked;

    private JvmFlags()
    {
    }

    static void check()
    {
        if (checked)
        {
            return;
        }
        try
        {
            new UnsafeBuffer(new byte[8]).putLong(0, 1L);
            checked = true;
        }
        catch (final IllegalAccessError | ExceptionInInitializerError | NoClassDefFoundError ex)
        {
            throw new RingmqException("ringmq needs the JVM flag " + REQUIRED, ex);
        }
    }
}
