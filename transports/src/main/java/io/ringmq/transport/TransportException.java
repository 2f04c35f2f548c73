package io.ringmq.transport;

/**
 * A transport could not do what was asked: an endpoint is malformed, a bind or connect failed, or a scheme has no
 * transport. Messages name the endpoint involved and say what is wrong.
 */
public final class TransportException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the endpoint.
     */
    public TransportException(final String message)
    {
        super(message);
    }

    /**
     * @param message what failed, naming the endpoint.
     * @param cause   the underlying error, usually an {@link java.io.IOException}.
     */
    public TransportException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
