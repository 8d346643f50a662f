package io.spoe4j.http.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.spoe4j.http.JavaActionProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltinActionProviderTest {

    @Test
    void foundThroughServiceLoader() {
        List<JavaActionProvider> builtin = ServiceLoader.load(JavaActionProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof BuiltinActionProvider)
                .toList();
        assertEquals(1, builtin.size());
        var actions = builtin.get(0).actions();
        assertEquals(Set.of("crowdsec_handle", "send_blocking_response"), actions.keySet());
        assertInstanceOf(CrowdSecHandleAction.class, actions.get(CrowdSecHandleAction.NAME));
        assertInstanceOf(DatadogBlockingResponseAction.class, actions.get(DatadogBlockingResponseAction.NAME));
    }
}
