package io.ringmq;

/**
 * Misuse of the API: a bad endpoint, an option out of range, a call the socket's type or state does not allow.
 * The message names the endpoint or option. A peer's bad bytes never raise this; they close that connection.
 */
public class RingmqException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, naming the endpoint or option.
     */
    public RingmqException(final String message)
    {
        super(message);
    }

    /**
     * @param message what was wrong, naming the endpoint or option.
     * @param cause   the underlying failure.
     */
    public RingmqException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
