package io.spoe4j.http;

import java.util.Map;

/**
 * Ships {@link JavaAction}s by name through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.spoe4j.http.JavaActionProvider}); {@link HttpRules} loads them when
 * built, and actions registered on its builder take precedence. spoe4j ships
 * {@code crowdsec_handle} and {@code send_blocking_response} this way.
 */
public interface JavaActionProvider {

    /** The actions by the name a rule calls them with ({@code lua.NAME}). */
    Map<String, JavaAction> actions();
}
