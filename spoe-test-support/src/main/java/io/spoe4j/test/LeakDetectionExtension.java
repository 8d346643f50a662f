package io.spoe4j.test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs Netty's leak detector at {@code PARANOID} and fails the test (or, for leaks only found
 * later, the test class) that leaked a reference-counted object. Registered automatically for every
 * module through {@code META-INF/services} and {@code junit-platform.properties}.
 *
 * <p>Netty reports a leak only after the garbage collector has reclaimed the leaked buffer and a
 * later allocation polls the reference queue, so after each test this forces a few collections and
 * allocations before it reads the reports.
 */
public final class LeakDetectionExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        check("test " + context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check("class " + context.getDisplayName());
    }

    /** Collects garbage, lets the detectors poll their queues, and fails if any leak was reported. */
    public static void check(String where) {
        for (int i = 0; i < 3; i++) {
            System.gc();
            System.runFinalization();
            provoke(PooledByteBufAllocator.DEFAULT);
            provoke(UnpooledByteBufAllocator.DEFAULT);
            provoke(ByteBufAllocator.DEFAULT);
        }
        if (!LEAKS.isEmpty()) {
            List<String> found = new ArrayList<>(LEAKS);
            LEAKS.clear();
            throw new AssertionError("Netty reported " + found.size() + " leak(s) after " + where + ":\n"
                    + String.join("\n----\n", found));
        }
    }

    private static void provoke(ByteBufAllocator allocator) {
        for (int i = 0; i < 8; i++) {
            ByteBuf heap = allocator.heapBuffer(16);
            heap.release();
            ByteBuf direct = allocator.directBuffer(16);
            direct.release();
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                long maxActive) {
            return new ResourceLeakDetector<T>(resource, samplingInterval) {
                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    LEAKS.add("LEAK: " + resourceType + records);
                    super.reportTracedLeak(resourceType, records);
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    LEAKS.add("LEAK (untraced): " + resourceType);
                    super.reportUntracedLeak(resourceType);
                }
            };
        }
    }
}
