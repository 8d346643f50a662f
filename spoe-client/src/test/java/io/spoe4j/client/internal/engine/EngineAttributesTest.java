package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.test.Delegation;
import org.junit.jupiter.api.Test;

/** The engine's wrapper must forward every fact, including those with a default (else a fetch reads the default). */
class EngineAttributesTest {

    @Test
    void overridesEveryMethodOfTheInterface() {
        Delegation.assertOverridesEveryMethod(RequestAttributes.class, EngineAttributes.class);
    }
}
