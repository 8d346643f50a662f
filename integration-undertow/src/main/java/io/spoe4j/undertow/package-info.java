/**
 * SPOE for Undertow: {@link io.spoe4j.undertow.SpoeHandler} runs an engine's events and a proxy's
 * haproxy.cfg {@code send-spoe-group}, {@code set-var} and {@code unset-var} rules per exchange;
 * {@link io.spoe4j.undertow.SpoeExchange} exposes the variables; {@code spoe(...)} and
 * {@code %{spoe,NAME}} plug into Undertow's text configuration.
 *
 * <p><b>Rules.</b> As in HAProxy, each rule set runs in file order right after its event:
 * on-frontend-tcp-request, tcp-request content rules, on-frontend-http-request, http-request rules;
 * on the response side on-tcp-response, tcp-response content rules, on-http-response, http-response
 * rules. set-var and unset-var run inline on the thread the previous step completed on (an engine
 * event loop or the exchange's thread), against the exchange snapshot, and store into this engine's
 * transaction; with several SPOE handlers chained there is no shared store, so each one given the
 * rules runs them in its own engine's transaction. Request variable headers carry such a variable
 * only when its name has the engine's var-prefix (as the agent's do); response variable headers
 * carry only what the response events and groups set.
 *
 * <p><b>Threads.</b> The agent connections run on the engine's own Netty event loop, not on
 * Undertow's XNIO threads. Sharing XNIO threads would save one thread hop per event but would need
 * a second SPOP transport on XNIO; with a separate loop the one Netty-based client is reused, agent
 * I/O never competes with HTTP I/O, and one engine can serve several Undertow instances. The cost
 * is the hop back: results arrive on a Netty thread, and the exchange is resumed with
 * {@code exchange.dispatch(ioThread, ...)} on its own XNIO IO thread (or on a worker when the handler
 * was entered on one). Nothing here blocks an IO thread.
 *
 * <p><b>Response side.</b> The response events run when the next handler first writes, flushes or
 * ends the response: a conduit on top of Undertow's response conduits holds every byte (status line
 * and headers included) until they finish, so their variables can still add response headers.
 * Undertow streams the response from the application, so {@code res.body} is what the first write
 * offers (copied, up to {@code maxBodyBytes}, only when a response step reads it; empty when the
 * response ends without a write, missing when it starts with a file transfer).
 * Under fail-closed a failed response event closes the connection instead of sending the response.
 *
 * <p><b>Sessions.</b> One {@code SpoeSession} per Undertow {@code ServerConnection} (attachment,
 * closed with the connection); {@code on-client-session} fires on its first exchange. With HTTP/2,
 * Undertow makes a {@code ServerConnection} per stream but keeps their attachments on the HTTP/2
 * channel, so one session still spans the streams of a client connection (tested with h2c).
 */
package io.spoe4j.undertow;
