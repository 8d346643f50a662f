package io.spoe4j.http.internal;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.test.Delegation;
import org.junit.jupiter.api.Test;

/** The rules' overlay must forward every fact, including those with a default (else a fetch reads the default). */
class EditedAttributesTest {

    @Test
    void overridesEveryMethodOfTheInterface() {
        Delegation.assertOverridesEveryMethod(RequestAttributes.class, EditedAttributes.class);
    }
}
