/**
 * Java replacements for the HAProxy Lua actions that agents' documented setups call
 * ({@code http-request lua.crowdsec_handle}, {@code http-request lua.send_blocking_response}),
 * shipped through {@link io.spoe4j.http.JavaActionProvider} so those haproxy.cfg files run
 * unchanged. Each ports the behaviour of the agent's script (variables read, statuses, headers, as
 * HAProxy's {@code txn:reply}/{@code txn:done} writes them); code and pages are spoe4j's own.
 */
package io.spoe4j.http.actions;
