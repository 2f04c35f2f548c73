package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;

import io.ringmq.codec.chronicle.ChronicleFrameView;
import net.openhft.chronicle.bytes.BytesStore;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class ChronicleFrameViewTest
{
    private static final int BODY_OFFSET = 40;

    private final UnsafeBuffer offHeap = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final ChronicleFrameView view = new ChronicleFrameView();

    @Test
    void viewShowsExactlyTheBodyBytes()
    {
        final byte[] body = Hex.ascii("prices.eur 1.0842");
        offHeap.putBytes(BODY_OFFSET, body);

        final BytesStore<?, ?> store = view.wrap(offHeap, BODY_OFFSET, body.length);

        assertEquals(body.length, store.readRemaining());
        final byte[] seen = new byte[body.length];
        for (int i = 0; i < body.length; i++)
        {
            seen[i] = store.readByte(store.readPosition() + i);
        }
        assertEquals(Hex.of(body), Hex.of(seen));
    }

    @Test
    void viewIsZeroCopyOverTheSameMemory()
    {
        offHeap.putBytes(BODY_OFFSET, Hex.ascii("abcd"));
        final BytesStore<?, ?> store = view.wrap(offHeap, BODY_OFFSET, 4);

        offHeap.putInt(BODY_OFFSET, 0x01020304, java.nio.ByteOrder.BIG_ENDIAN);

        assertEquals(offHeap.addressOffset() + BODY_OFFSET, store.addressForRead(store.readPosition()));
        assertEquals(1, store.readByte(store.readPosition()));
        assertEquals(4, store.readByte(store.readPosition() + 3));
    }

    @Test
    void aWriteThroughAgronaIsSeenThroughTheView()
    {
        offHeap.putBytes(BODY_OFFSET, Hex.ascii("abcd"));
        final BytesStore<?, ?> store = view.wrap(offHeap, BODY_OFFSET, 4);

        offHeap.putByte(BODY_OFFSET + 2, (byte)'Z');

        assertEquals((byte)'Z', store.readByte(store.readPosition() + 2));
    }

    @Test
    void oneViewIsReusedForEveryFrame()
    {
        final BytesStore<?, ?> first = view.wrap(offHeap, 0, 8);
        final BytesStore<?, ?> second = view.wrap(offHeap, 100, 16);

        assertSame(first, second);
        assertEquals(16, second.readRemaining());
        assertEquals(offHeap.addressOffset() + 100, second.addressForRead(second.readPosition()));
    }

    @Test
    void heapBufferIsRefused()
    {
        final UnsafeBuffer heap = new UnsafeBuffer(new byte[64]);

        assertThrows(IllegalArgumentException.class, () -> view.wrap(heap, 0, 8));
    }

    @Test
    void rangeOutsideTheBufferIsRefused()
    {
        assertThrows(IndexOutOfBoundsException.class, () -> view.wrap(offHeap, 250, 8));
    }
}
