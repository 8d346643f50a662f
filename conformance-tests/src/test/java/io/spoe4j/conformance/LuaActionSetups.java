package io.spoe4j.conformance;

import static io.spoe4j.conformance.ActionsConformanceTest.get;
import static io.spoe4j.conformance.ActionsConformanceTest.post;
import static io.spoe4j.conformance.DocumentedSetups.txn;

import io.spoe4j.codec.Action;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.conformance.ActionsConformanceTest.Scenario;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The documented configurations whose answers come from a Lua action: the CrowdSec bouncer's
 * (config/haproxy-lua.cfg and config/crowdsec.cfg, {@code lua.crowdsec_handle}) and Datadog's
 * (contrib/haproxy/stream-processing-offload/cmd/spoa/haproxyconf/, {@code lua.send_blocking_response}),
 * loaded as {@link DocumentedSetups} says. HAProxy loads this suite's own Lua scripts (resources next
 * to this class), written to the contracts of spoe4j's Java ports, which spoe4j runs.
 */
final class LuaActionSetups {
    private LuaActionSetups() {
    }

    // -------------------------------------------------------------------------------------- CrowdSec

    /**
     * The bouncer's Lua variant (config/haproxy-lua.cfg, config/crowdsec.cfg): HAProxy loads this
     * suite's crowdsec.lua, spoe4j runs CrowdSecHandleAction; both render spoe4j's bundled pages.
     */
    static ActionSetup crowdsec() {
        String cfg = """
                # https://www.haproxy.com/documentation/hapee/latest/onepage/#home
                global
                    log stdout format raw local0
                    tune.bufsize 65536  # 64KB - SPOE challenge bodies are streamed from the bouncer HTTP backend
                    stats socket @DIR@/haproxy.sock mode 660 level admin
                    stats timeout 30s
                    lua-prepend-path @DIR@/?.lua
                    lua-load @DIR@/crowdsec.lua
                    setenv CROWDSEC_BAN_TEMPLATE_PATH @DIR@/ban.html
                    setenv CROWDSEC_CAPTCHA_TEMPLATE_PATH @DIR@/captcha.html

                defaults
                    log global
                    option httplog
                    option http-buffer-request
                    timeout client 1m
                	timeout server 1m
                	timeout connect 10s
                	timeout http-keep-alive 2m
                	timeout queue 15s
                	timeout tunnel 4h  # for websocket

                frontend test
                    mode http
                    bind 127.0.0.1:@PORT@

                    unique-id-format %[uuid()]
                    unique-id-header X-Unique-ID
                    filter spoe engine crowdsec config @DIR@/crowdsec.cfg
                    acl crowdsec_challenge_backend_path path_beg /crowdsec-challenge/ /crowdsec-internal/challenge/

                    # /crowdsec-internal/challenge/* bypasses the normal SPOE crowdsec-tcp/http
                    # checks below (it's how the bouncer relays challenge follow-up asset/proof
                    # requests to AppSec without re-triggering a fresh challenge decision), so it
                    # gets no dataset-based IP check from CrowdSec at that layer. Rate-limit it
                    # here independently, in addition to the IP/dataset ban check the bouncer
                    # itself now performs in handleInternalChallengeHTTP.
                    stick-table type ip size 100k expire 10s store http_req_rate(10s)
                    http-request track-sc0 src if crowdsec_challenge_backend_path
                    http-request deny status 429 if crowdsec_challenge_backend_path { sc_http_req_rate(0) gt 20 }

                    # ACL for body size limit (100000 bytes = ~100KB) - adjust here to change limit globally
                    # Note spop protocol has limitations on the size of the message, so altering this value will not ensure the whole
                    # body is sent for processing but should be enough to prevent overwhelming the SPOA bouncer.
                    acl body_within_limit req.body_size -m int le 51200  # 50KB - stay safely under SPOE frame limit

                    ## If you don't want to render any content, you can use the following line
                    # tcp-request content reject if !{ var(txn.crowdsec.remediation) -m str "allow" }

                    ## Drop ban requests before http handler is called
                    # tcp-request content reject if { var(txn.crowdsec.remediation) -m str "ban" }

                    # Send HTTP group conditionally based on body size
                    # TCP handler already checked IP (triggered on client session), HTTP handler will use that remediation
                    # Send group with body when body size <= limit (or no body present)
                    http-request send-spoe-group crowdsec crowdsec-http-body if !crowdsec_challenge_backend_path body_within_limit
                    http-request send-spoe-group crowdsec crowdsec-http-body if !crowdsec_challenge_backend_path !{ req.body_size -m found }
                    # Send group without body when body exists and size > limit
                    http-request send-spoe-group crowdsec crowdsec-http-no-body if !crowdsec_challenge_backend_path !body_within_limit { req.body_size -m found }

                    ## Set a custom header on the request for upstream services to use
                    http-request set-header X-Crowdsec-Remediation %[var(txn.crowdsec.remediation)] if { var(txn.crowdsec.remediation) -m found }
                    ## Set a custom header on the request for upstream services to use
                    http-request set-header X-Crowdsec-IsoCode %[var(txn.crowdsec.isocode)] if { var(txn.crowdsec.isocode) -m found }

                    ## Handle 302 redirect for successful captcha validation (redirect to current request URL)
                    http-request redirect code 302 location %[url] if { var(txn.crowdsec.remediation) -m str "allow" } { var(txn.crowdsec.redirect) -m found }

                    acl is_challenge var(txn.crowdsec.remediation) -m str "challenge"
                    http-request set-path %[var(txn.crowdsec.challenge_url)] if is_challenge { var(txn.crowdsec.challenge_url) -m found }

                    ## Challenge pages and support assets are streamed from the bouncer HTTP backend,
                    ## not reassembled inside HAProxy/Lua. Lua remains responsible for captcha/ban
                    ## remediations in this example.
                    http-request lua.crowdsec_handle if { var(txn.crowdsec.remediation) -m str "captcha" }
                    http-request lua.crowdsec_handle if { var(txn.crowdsec.remediation) -m str "ban" }

                    ## Handle captcha cookie management via HAProxy (new approach)
                    ## Set captcha cookie when SPOA provides captcha_status (pending or valid)
                    http-after-response set-header Set-Cookie %[var(txn.crowdsec.captcha_cookie)] if { var(txn.crowdsec.captcha_status) -m found } { var(txn.crowdsec.captcha_cookie) -m found }
                    ## Clear captcha cookie when cookie exists but no captcha_status (Allow decision)
                    http-after-response set-header Set-Cookie %[var(txn.crowdsec.captcha_cookie)] if { var(txn.crowdsec.captcha_cookie) -m found } !{ var(txn.crowdsec.captcha_status) -m found }

                    # REQUIRED if you use challenge mode - do not remove this line.
                    http-request set-header X-Crowdsec-Real-Src %[src] if crowdsec_challenge_backend_path

                    use_backend crowdsec-challenge if is_challenge { var(txn.crowdsec.challenge_url) -m found }
                    use_backend crowdsec-challenge if crowdsec_challenge_backend_path

                    use_backend test_backend

                backend test_backend
                    mode http
                    server s1 127.0.0.1:@UP1@

                backend crowdsec-spoa
                    mode tcp
                    timeout connect 2s
                    timeout server 60s
                    server s2 @AGENT@

                backend crowdsec-challenge
                    mode http
                    option forwardfor
                    timeout connect 2s
                    timeout server 60s
                    # Challenge responses are cached in the bouncer process that handled SPOE.
                    # Keep this backend pinned to that same instance; do not load-balance it
                    # independently unless challenge is shared.
                    server s3 127.0.0.1:@UP2@
                """;
        String spoe = """
                # /etc/haproxy/crowdsec.cfg
                # SPOE configuration for CrowdSec HAProxy bouncer
                # Used for both standard and upstream proxy deployments
                # IP extraction is handled by HAProxy ACLs (see haproxy-upstreamproxy.cfg for upstream proxy setup)
                [crowdsec]
                spoe-agent crowdsec-agent
                    messages    crowdsec-tcp
                    groups      crowdsec-http-body crowdsec-http-no-body

                    option      var-prefix      crowdsec
                    option      set-on-error    error
                    timeout     hello           200ms
                    timeout     idle            55s
                    timeout     processing      500ms
                    use-backend crowdsec-spoa
                    log         global

                ## TCP/IP level check - runs early to check IP remediation
                ## Uses event directive to trigger on each new client session (not sent as a group)
                spoe-message crowdsec-tcp
                    args id=unique-id src-ip=src src-port=src_port
                    event on-client-session

                ## HTTP message with body - used when body size is within limit for AppSec
                ## Note: Host and captcha cookie are extracted from headers=req.hdrs, no need to send separately
                spoe-message crowdsec-http-body
                    args remediation=var(txn.crowdsec.remediation) id=unique-id method=method path=path query=query version=req.ver headers=req.hdrs body=req.body url=url ssl=ssl_fc src-ip=src src-port=src_port

                ## HTTP message without body - used when body is too large or not needed
                ## Note: Host and captcha cookie are extracted from headers=req.hdrs, no need to send separately
                spoe-message crowdsec-http-no-body
                    args remediation=var(txn.crowdsec.remediation) id=unique-id method=method path=path query=query version=req.ver headers=req.hdrs url=url ssl=ssl_fc src-ip=src src-port=src_port

                ## Group for HTTP message with body - used when body size is within limit for AppSec
                spoe-group crowdsec-http-body
                    messages    crowdsec-http-body

                ## Group for HTTP message without body - used when body is too large or not needed
                spoe-group crowdsec-http-no-body
                    messages    crowdsec-http-no-body
                """;
        return new ActionSetup("crowdsec", "test", cfg).file("crowdsec.cfg", spoe)
                .file("crowdsec.lua", DocumentedSetups.resource("crowdsec.lua"))
                .file("ban.html", DocumentedSetups.resource("/io/spoe4j/http/actions/crowdsec-ban.html"))
                .file("captcha.html", DocumentedSetups.resource("/io/spoe4j/http/actions/crowdsec-captcha.html"))
                .answer("crowdsec-http-body", LuaActionSetups::crowdsecDecision)
                .answer("crowdsec-http-no-body", LuaActionSetups::crowdsecDecision)
                .varyingArgs("src-port", "id").varyingHeaders("x-unique-id").undertow();
    }

    /** The bouncer's decision for the request's {@code x-test-remediation} (allow when absent). */
    private static List<Action> crowdsecDecision(Message m) {
        String test = DocumentedSetups.header(m, "headers", "x-test-remediation");
        return switch (test == null ? "allow" : test) {
            case "allow-redirect" -> List.of(txn("remediation", "allow"), txn("redirect", "1"),
                    txn("captcha_cookie", "crowdsec_captcha=; Path=/; Max-Age=0"));
            case "ban" -> List.of(txn("remediation", "ban"), txn("contact_us_url", "https://example.com/contact"),
                    txn("isocode", "FR"));
            case "ban-nocontact" -> List.of(txn("remediation", "ban"), txn("contact_us_url", ""));
            case "captcha" -> List.of(txn("remediation", "captcha"), txn("captcha_site_key", "site-key-1"),
                    txn("captcha_frontend_key", "g-recaptcha"),
                    txn("captcha_frontend_js", "https://www.google.com/recaptcha/api.js"),
                    txn("captcha_status", "pending"), txn("captcha_cookie", "crowdsec_captcha=abc; Path=/; HttpOnly"));
            case "challenge" -> List.of(txn("remediation", "challenge"),
                    txn("challenge_url", "/crowdsec-challenge/page"));
            default -> List.of(txn("remediation", "allow"), txn("isocode", "FR"));
        };
    }

    static List<Scenario> crowdsecScenarios() {
        String c = "crowdsec";
        List<Scenario> l = new ArrayList<>();
        l.add(Scenario.both(c, "allow: headers for the upstream, X-Unique-ID", get("/c?x=1"), "x-crowdsec-isocode: FR"));
        l.add(Scenario.both(c, "allow with a body", post("/form", "a=1&b=2"), "x-crowdsec-remediation: allow"));
        l.add(Scenario.both(c, "solved captcha: redirect to the URL, cookie cleared after the response",
                get("/after?x=1", "x-test-remediation: allow-redirect"), "location: /after?x=1"));
        l.add(Scenario.lua(c, "ban page with a contact link (lua.crowdsec_handle)",
                get("/", "Accept: text/html", "x-test-remediation: ban"), "Contact us"));
        l.add(Scenario.lua(c, "ban page without contact link", get("/", "x-test-remediation: ban-nocontact"),
                "Access denied"));
        l.add(Scenario.lua(c, "ban for a client that takes no HTML", get("/", "Accept: application/json",
                "x-test-remediation: ban"), "body 9 bytes: Forbidden"));
        l.add(Scenario.lua(c, "captcha page and its cookie (http-after-response)",
                get("/", "Accept: */*", "x-test-remediation: captcha"), "set-cookie: crowdsec_captcha=abc"));
        l.add(Scenario.gateway(c, "challenge: set-path and use_backend crowdsec-challenge",
                get("/page", "x-test-remediation: challenge"), "upstream: up2"));
        l.add(Scenario.gateway(c, "challenge follow-up path: X-Crowdsec-Real-Src, no SPOE",
                get("/crowdsec-internal/challenge/asset.js"), "x-crowdsec-real-src: 127.0.0.1"));
        return l;
    }

    // ---------------------------------------------------------------------------------------- Datadog

    /** Datadog's global-config.cfg, frontend-config.cfg, backend.cfg and spoe.cfg in one haproxy.cfg. */
    static ActionSetup datadog() {
        String cfg = """
                global
                    # ========== Datadog App & API Protection Configuration ==========
                    # Please edit the values below to match your configuration.

                    # This lua file needs to be loaded to allow HAProxy to send custom response in case
                    # of a triggered blocking event. Adapt the path to the file to match your installation.
                    lua-load @DIR@/datadog_aap_blocking_response.lua

                    # This is the path to the SPOE configuration file. Please edit the path to match your installation.
                    setenv DD_SPOA_SPOA_CONF_FILE @DIR@/spoe.cfg

                    # The timeout value should be equal to the bigger backend server timeout where the SPOA Agent is running on.
                    # Default value is 1 minute.
                    # Example: If the biggest backend server timeout is 1 minute, set the timeout to 1m.
                    setenv DD_SPOA_TIMEOUT 1m

                    # The processing timeout value is used to set the timeout for the SPOA Agent to process the request.
                    # Please increase this value if you are sending large request or response bodies. Default value is 200ms.
                    setenv DD_SPOA_PROCESSING_TIMEOUT 2s
                    # ================================================================

                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s

                frontend main
                    bind 127.0.0.1:@PORT@

                    # ========== Datadog App & API Protection Configuration ==========
                    # DO NOT EDIT
                    # This configuration should be placed at the most top of the file
                    # to ensure it is executed first.

                    filter spoe engine datadog-aap-engine config "$DD_SPOA_SPOA_CONF_FILE"

                    # Process the Request Headers
                    http-request set-var(txn.timeout) str("$DD_SPOA_TIMEOUT")
                    http-request send-spoe-group datadog-aap-engine dd-aap-http-request-headers-msg
                    http-request set-var(sess.span_id) var(txn.dd.span_id)

                    ## Inject tracing headers when needed. Supporting only Datadog tracing format.
                    ## https://docs.datadoghq.com/tracing/trace_collection/trace_context_propagation/#datadog-format
                    http-request set-header x-datadog-trace-id %[var(txn.dd.tracing_x_datadog_trace_id)] if { var(txn.dd.tracing_x_datadog_trace_id) -m str }
                    http-request set-header x-datadog-parent-id %[var(txn.dd.tracing_x_datadog_parent_id)] if { var(txn.dd.tracing_x_datadog_parent_id) -m str }
                    http-request set-header x-datadog-origin %[var(txn.dd.tracing_x_datadog_origin)] if { var(txn.dd.tracing_x_datadog_origin) -m str }
                    http-request set-header x-datadog-sampling-priority %[var(txn.dd.tracing_x_datadog_sampling_priority)] if { var(txn.dd.tracing_x_datadog_sampling_priority) -m str }
                    http-request set-header x-datadog-tags %[var(txn.dd.tracing_x_datadog_tags)] if { var(txn.dd.tracing_x_datadog_tags) -m str }

                    http-request set-var(sess.send_request_body) var(txn.dd.request_body)
                    http-request lua.send_blocking_response if { var(txn.dd.blocked) -m bool }

                    # Process the Request Body (when needed)
                    http-request wait-for-body time 1s if { var(sess.send_request_body) -m bool }
                    http-request send-spoe-group datadog-aap-engine dd-aap-http-request-body-msg if { var(sess.send_request_body) -m bool }
                    http-request lua.send_blocking_response if { var(sess.send_request_body) -m bool } { var(txn.dd.blocked) -m bool }

                    # Process the Response Headers
                    http-response send-spoe-group datadog-aap-engine dd-aap-http-response-headers-msg
                    http-response set-var(sess.send_response_body) var(txn.dd.request_body)
                    http-request lua.send_blocking_response if { var(txn.dd.blocked) -m bool }

                    # Process the Response Body (when needed)
                    http-response wait-for-body time 1s if { var(sess.send_response_body) -m bool }
                    http-response send-spoe-group datadog-aap-engine dd-aap-http-response-body-msg if { var(sess.send_response_body) -m bool }
                    http-request lua.send_blocking_response if { var(sess.send_response_body) -m bool } { var(txn.dd.blocked) -m bool }
                    # ================= END OF DATADOG CONFIGURATION =================

                    # ...
                    default_backend webserver

                backend webserver
                    server web1 127.0.0.1:@UP1@

                # ========== Datadog App & API Protection Configuration ==========
                # This is the backend that will be used to send the request to the SPOA Agent.
                # Please edit the values below to match your configuration.
                backend spoa-backend
                    mode tcp
                    timeout connect 5s
                    timeout server 3m
                    option spop-check
                    balance roundrobin
                    server spoa1 @AGENT@ check
                # ================================================================
                """;
        String spoe = """
                [datadog-aap-engine]

                spoe-agent datadog-aap-agent
                    option           set-on-error      spoe_error
                    option           var-prefix        dd

                    timeout          hello          100ms
                    timeout          idle           "$DD_SPOA_TIMEOUT"
                    timeout          processing     "$DD_SPOA_PROCESSING_TIMEOUT"

                    use-backend      spoa-backend
                    log              global

                    groups           dd-aap-http-request-headers-msg
                    groups           dd-aap-http-request-body-msg
                    groups           dd-aap-http-response-headers-msg
                    groups           dd-aap-http-response-body-msg

                # Groups defining messages
                spoe-group dd-aap-http-request-headers-msg
                    messages http-request-headers-msg

                spoe-group dd-aap-http-request-body-msg
                    messages http-request-body-msg

                spoe-group dd-aap-http-response-headers-msg
                    messages http-response-headers-msg

                spoe-group dd-aap-http-response-body-msg
                    messages http-response-body-msg

                # Messages
                spoe-message http-request-headers-msg
                    args ip=src
                    args ip_port=src_port
                    args method=method
                    args path=pathq
                    args headers=req.hdrs_bin
                    args https=ssl_fc
                    args timeout=var(txn.timeout)

                spoe-message http-request-body-msg
                    args body=req.body
                    args span_id=var(sess.span_id)

                spoe-message http-response-headers-msg
                    args headers=res.hdrs_bin
                    args status=status
                    args span_id=var(sess.span_id)

                spoe-message http-response-body-msg
                    args body=res.body
                    args span_id=var(sess.span_id)
                """;
        return new ActionSetup("datadog", "main", cfg).file("spoe.cfg", spoe)
                .file("datadog_aap_blocking_response.lua", DocumentedSetups.resource("datadog_aap_blocking_response.lua"))
                .adapted("global-config.cfg: DD_SPOA_PROCESSING_TIMEOUT 2s instead of 200ms, as its comment invites"
                        + " (a loaded test machine)")
                .adapted("a defaults section (mode http, timeouts) and a webserver backend for frontend-config.cfg's"
                        + " commented 'default_backend webserver'; its commented '# bind *:80' bound")
                .adapted("backend.cfg: 'mode spop' (HAProxy 3.1+) is 'mode tcp' for HAProxy 2.6")
                .answer("http-request-headers-msg", LuaActionSetups::datadogHeaders)
                .answer("http-request-body-msg", LuaActionSetups::datadogBody)
                .varyingArgs("ip_port").undertow();
    }

    /** The request-headers phase: blocking when the path says so, asking for the body of a POST. */
    private static List<Action> datadogHeaders(Message m) {
        String path = m.arg("path") instanceof TypedValue.Str s ? s.asString() : "";
        boolean post = m.arg("method") instanceof TypedValue.Str s && s.asString().equals("POST");
        List<Action> out = new ArrayList<>(List.of(txn("span_id", "1234567890"),
                Action.setVar(Scope.TXN, "request_body", TypedValue.bool(post))));
        if (path.contains("attack")) {
            out.addAll(blocking(403, "{\"errors\":[{\"title\":\"You've been blocked\"}]}"));
        }
        if (path.contains("trace")) {
            out.add(txn("tracing_x_datadog_trace_id", "42"));
        }
        return out;
    }

    /** The request-body phase: blocks a body holding "attack". */
    private static List<Action> datadogBody(Message m) {
        String body = m.arg("body") instanceof TypedValue.Binary b ? new String(b.bytes(), StandardCharsets.UTF_8) : "";
        return body.contains("attack") ? blocking(406, "blocked body") : List.of(Action.setVar(Scope.TXN, "blocked",
                TypedValue.bool(false)));
    }

    private static List<Action> blocking(long status, String body) {
        return List.of(Action.setVar(Scope.TXN, "blocked", TypedValue.bool(true)), txn("status", status),
                txn("headers", "Content-Type: application/json\nX-Blocked-By: datadog\nbad line\nX-Short: a"),
                Action.setVar(Scope.TXN, "body", TypedValue.binary(body.getBytes(StandardCharsets.UTF_8))));
    }

    static List<Scenario> datadogScenarios() {
        String d = "datadog";
        List<Scenario> l = new ArrayList<>();
        l.add(Scenario.both(d, "clean GET: forwarded, no tracing header (-m str without pattern never matches)",
                get("/trace/ok"), "upstream: up1"));
        l.add(Scenario.lua(d, "blocked on the headers: lua.send_blocking_response", get("/attack?x=1"),
                "x-blocked-by: datadog"));
        l.add(Scenario.both(d, "clean POST: wait-for-body, then the body group", post("/form", "{\"a\":1}"),
                "upstream: up1"));
        l.add(Scenario.lua(d, "blocked on the body", post("/form", "{\"q\":\"attack\"}"), "HTTP/1.1 406"));
        return l;
    }

}
