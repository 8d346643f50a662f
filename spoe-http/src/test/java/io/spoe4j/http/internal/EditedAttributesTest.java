package io.spoe4j.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spoe4j.acl.RequestAttributes;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules' overlay must forward every fact, including those with a default (else a fetch reads the default). */
class EditedAttributesTest {

    @Test
    void overridesEveryMethodOfTheInterface() {
        List<String> inherited = new ArrayList<>();
        for (Method m : RequestAttributes.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                Method own = EditedAttributes.class.getMethod(m.getName(), m.getParameterTypes());
                if (own.getDeclaringClass() != EditedAttributes.class) {
                    inherited.add(m.getName());
                }
            } catch (NoSuchMethodException e) {
                inherited.add(m.getName());
            }
        }
        assertEquals(List.of(), inherited);
    }
}
