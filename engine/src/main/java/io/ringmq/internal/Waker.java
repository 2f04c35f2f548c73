package io.ringmq.internal;

/**
 * Whoever waits for a ring: told after its producer published or its consumer freed space. An implementation pays
 * for a wake-up (an unpark, a selector wake-up) only when the other side announced it sleeps, so under load a
 * message costs no system call. Callers make their change visible before calling {@link #wake()}; the
 * implementation fences before it reads the sleeper's announcement, so a wake-up cannot be lost.
 */
public interface Waker
{
    /**
     * The state the waiting side looks at has changed: wake it if it sleeps.
     */
    void wake();
}
