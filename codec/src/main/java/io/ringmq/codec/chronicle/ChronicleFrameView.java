package io.ringmq.codec.chronicle;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.PointerBytesStore;
import org.agrona.DirectBuffer;

/**
 * A Chronicle Bytes view of a frame body in off-heap memory, without copying: for services already built on
 * Chronicle. One instance is reused for every frame, so viewing allocates nothing; the view is valid only while
 * the underlying memory holds the frame (for a receive handler, until it returns).
 *
 * <p>Chronicle Bytes is an optional dependency of the codec: add {@code net.openhft:chronicle-bytes} and the JVM
 * flags in the README to use this class.
 */
public final class ChronicleFrameView
{
    private final PointerBytesStore store = new PointerBytesStore();

    /**
     * Point the view at a body.
     *
     * @param buffer an off-heap buffer (its {@code byteArray()} is null).
     * @param offset of the body in the buffer.
     * @param length of the body.
     * @return the view, positioned over exactly the body.
     * @throws IllegalArgumentException when the buffer is on the heap, which Chronicle cannot view in place.
     */
    public BytesStore<?, ?> wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != buffer.byteArray())
        {
            throw new IllegalArgumentException("a zero-copy Chronicle view needs an off-heap buffer");
        }
        buffer.boundsCheck(offset, length);
        store.set(buffer.addressOffset() + offset, length);
        return store;
    }
}
