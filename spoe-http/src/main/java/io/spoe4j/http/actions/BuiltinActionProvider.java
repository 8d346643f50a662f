package io.spoe4j.http.actions;

import io.spoe4j.http.JavaAction;
import io.spoe4j.http.JavaActionProvider;
import java.util.Map;

/**
 * Ships spoe4j's replacements for the Lua actions agents document, found through
 * {@link java.util.ServiceLoader}: {@code crowdsec_handle} ({@link CrowdSecHandleAction}, with the
 * bundled pages) and {@code send_blocking_response} ({@link DatadogBlockingResponseAction}). An action
 * registered under the same name on the rules' builder takes precedence, e.g.
 * {@link CrowdSecHandleAction#withTemplates} with your own pages.
 */
public final class BuiltinActionProvider implements JavaActionProvider {
    private final Map<String, JavaAction> actions = Map.of(
            CrowdSecHandleAction.NAME, new CrowdSecHandleAction(),
            DatadogBlockingResponseAction.NAME, new DatadogBlockingResponseAction());

    /** Called by {@link java.util.ServiceLoader}. */
    public BuiltinActionProvider() {
    }

    @Override
    public Map<String, JavaAction> actions() {
        return actions;
    }
}
