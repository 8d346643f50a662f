package io.spoe4j.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** Checks on wrapper classes that must forward every method of an interface. */
public final class Delegation {
    private Delegation() {
    }

    /**
     * Fails naming each instance method of {@code iface} that {@code wrapper} does not declare itself
     * (one with a default would otherwise answer the default instead of the wrapped object).
     */
    public static void assertOverridesEveryMethod(Class<?> iface, Class<?> wrapper) {
        List<String> inherited = new ArrayList<>();
        for (Method m : iface.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                if (wrapper.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass() != wrapper) {
                    inherited.add(m.getName());
                }
            } catch (NoSuchMethodException e) {
                inherited.add(m.getName());
            }
        }
        assertEquals(List.of(), inherited, wrapper.getSimpleName() + " must forward these methods of "
                + iface.getSimpleName());
    }
}
