package io.spoe4j.conformance;

import static io.spoe4j.conformance.ActionsConformanceTest.close;
import static io.spoe4j.conformance.ActionsConformanceTest.get;
import static io.spoe4j.conformance.ActionsConformanceTest.post;

import io.spoe4j.codec.Action;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.conformance.ActionsConformanceTest.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The haproxy.cfg and spoe.conf files real agents document, loaded as written but for addresses,
 * ports and paths ({@code @PORT@}, {@code @AGENT@}, {@code @UP1@}, {@code @UP2@}, {@code @DIR@}; other
 * changes are listed with {@link ActionSetup#adapted}), each with a recording agent answering as the
 * agent would. Sources: corazawaf/coraza-spoa {@code example/haproxy/}, crowdsecurity/
 * cs-haproxy-spoa-bouncer {@code config/haproxy-lua.cfg} and {@code config/crowdsec.cfg},
 * criteo/haproxy-spoe-auth {@code resources/haproxy/}, DataDog/dd-trace-go
 * {@code contrib/haproxy/stream-processing-offload/cmd/spoa/haproxyconf/}, haproxy/haproxy
 * {@code contrib/modsecurity/README}. CrowdSec's and Datadog's, whose answers come from Lua actions,
 * are in {@link LuaActionSetups}: the Lua scripts HAProxy loads for them are this suite's own
 * (resources next to this class), written to the contracts of spoe4j's Java ports.
 */
final class DocumentedSetups {
    private DocumentedSetups() {
    }

    static String resource(String path) {
        try (InputStream in = DocumentedSetups.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of {@code name} in a {@code req.hdrs} text block ({@code name: value} lines), or null. */
    static String header(Message m, String arg, String name) {
        if (!(m.arg(arg) instanceof TypedValue.Str s)) {
            return null;
        }
        for (String line : s.asString().split("\r?\n")) {
            int c = line.indexOf(':');
            if (c > 0 && line.substring(0, c).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(c + 1).strip();
            }
        }
        return null;
    }

    static Action txn(String name, String value) {
        return Action.setVar(Scope.TXN, name, TypedValue.string(value));
    }

    static Action txn(String name, long value) {
        return Action.setVar(Scope.TXN, name, TypedValue.int64(value));
    }

    // ---------------------------------------------------------------------------------------- Coraza

    /** coraza-spoa's example haproxy.cfg and coraza.cfg, coraza-res enabled as its comment says to. */
    static ActionSetup coraza() {
        String cfg = """
                # https://docs.haproxy.org/
                global
                    log stdout format raw local0

                defaults
                    log global
                    option httplog
                    timeout client 1m
                    timeout server 1m
                    timeout connect 10s

                frontend default
                    mode http
                    bind 127.0.0.1:@PORT@
                    log-format "%ci:%cp\\ [%t]\\ %ft\\ %b/%s\\ %Th/%Ti/%TR/%Tq/%Tw/%Tc/%Tr/%Tt\\ %ST\\ %B\\ %CC\\ %CS\\ %tsc\\ %ac/%fc/%bc/%sc/%rc\\ %sq/%bq\\ %hr\\ %hs\\ %{+Q}r\\ %[var(txn.coraza.id)]\\ spoa-error:\\ %[var(txn.coraza.error)]\\ waf-hit:\\ %[var(txn.coraza.fail)]"

                    # Set coraza app in HAProxy config to allow customized configs per host.
                    # You can also just leave this as is or even replace the use of a variable
                    # inside the coraza.cfg.
                    http-request set-var(txn.coraza.app) str(sample_app)

                    # !! Every http-request line will be executed before this !!
                    # Execute coraza request check.
                    filter spoe engine coraza config @DIR@/coraza.cfg
                    http-request send-spoe-group coraza coraza-req

                    # Currently haproxy cannot use variables to set the code or deny_status, so this needs to be manually configured here
                    http-request redirect code 302 location %[var(txn.coraza.data)] if { var(txn.coraza.action) -m str redirect }
                    http-response redirect code 302 location %[var(txn.coraza.data)] if { var(txn.coraza.action) -m str redirect }

                    http-request deny deny_status 403 hdr waf-block "request"  if { var(txn.coraza.action) -m str deny }
                    http-response deny deny_status 403 hdr waf-block "response" if { var(txn.coraza.action) -m str deny }

                    http-request silent-drop if { var(txn.coraza.action) -m str drop }
                    http-response silent-drop if { var(txn.coraza.action) -m str drop }

                    # Deny in case of an error, when processing with the Coraza SPOA
                    http-request deny deny_status 500 if { var(txn.coraza.error) -m int gt 0 }
                    http-response deny deny_status 500 if { var(txn.coraza.error) -m int gt 0 }

                    use_backend httpbin_backend

                resolvers host_dns
                    parse-resolv-conf

                backend httpbin_backend
                    mode http
                    server backend 127.0.0.1:@UP1@

                backend coraza-spoa
                    mode tcp
                    server coraza_spoa @AGENT@
                """;
        String spoe = """
                # https://github.com/haproxy/haproxy/blob/master/doc/SPOE.txt
                # /usr/local/etc/haproxy/coraza.cfg
                [coraza]
                spoe-agent coraza-agent
                    # Uncomment the following line, to process responses also.
                    messages   coraza-res
                    groups      coraza-req
                    option      var-prefix      coraza
                    option      set-on-error    error
                    timeout     hello           2s
                    timeout     idle            2m
                    timeout     processing      500ms
                    use-backend coraza-spoa
                    log         global

                spoe-message coraza-req
                    # Arguments are required to be in this order
                    args app=var(txn.coraza.app) src-ip=src src-port=src_port dst-ip=dst dst-port=dst_port method=method path=path query=query version=req.ver headers=req.hdrs body=req.body exportRuleIDs=bool(false)

                spoe-message coraza-res
                    # Arguments are required to be in this order
                    args app=var(txn.coraza.app) id=var(txn.coraza.id) version=res.ver status=status headers=res.hdrs body=res.body exportRuleIDs=bool(false)
                    event on-http-response

                spoe-group coraza-req
                    messages coraza-req

                """;
        return new ActionSetup("coraza", "default", cfg).file("coraza.cfg", spoe)
                .adapted("coraza.cfg: '#messages coraza-res' uncommented, as its comment says to process responses")
                .answer("coraza-req", DocumentedSetups::corazaRequest)
                .answer("coraza-res", DocumentedSetups::corazaResponse)
                .varyingArgs("src-port").undertow();
    }

    /** Coraza's request phase: an interruption when the request carries {@code x-waf-test: deny|redirect|drop}. */
    private static List<Action> corazaRequest(Message m) {
        String test = header(m, "headers", "x-waf-test");
        String id = test != null && test.startsWith("res-") ? "RES" + test.substring(4).toUpperCase(Locale.ROOT) : "QWERTYUIOPASDFGH";
        List<Action> out = new ArrayList<>(List.of(txn("id", id), txn("rules_hit", test == null ? 0 : 1),
                txn("anomaly_score", test == null ? 0 : 5)));
        interruption(test == null ? "" : test, out);
        return out;
    }

    /** The response phase interrupts when the request phase's id says so ({@code res-deny} and so on). */
    private static List<Action> corazaResponse(Message m) {
        List<Action> out = new ArrayList<>();
        if (m.arg("id") instanceof TypedValue.Str s && s.asString().startsWith("RES")) {
            interruption(s.asString().substring(3).toLowerCase(Locale.ROOT), out);
        }
        return out;
    }

    private static void interruption(String action, List<Action> out) {
        switch (action) {
            case "deny" -> out.addAll(List.of(txn("action", "deny"), txn("status", 403), txn("ruleid", 949110)));
            case "redirect" -> out.addAll(List.of(txn("action", "redirect"), txn("status", 302),
                    txn("data", "https://example.com/blocked?by=coraza"), txn("ruleid", 949111)));
            case "drop" -> out.addAll(List.of(txn("action", "drop"), txn("ruleid", 949112)));
            default -> {
            }
        }
    }

    static List<Scenario> corazaScenarios() {
        String c = "coraza";
        List<Scenario> l = new ArrayList<>();
        l.add(Scenario.both(c, "clean request goes to httpbin_backend", get("/anything?x=1"), "upstream: up1"));
        l.add(Scenario.both(c, "deny: 403 with waf-block: request", get("/?q=%3Cscript%3E", "x-waf-test: deny"),
                "waf-block: request"));
        l.add(Scenario.both(c, "deny of a form POST", post("/login", "user=' or 1=1 --", "x-waf-test: deny"),
                "waf-block: request"));
        l.add(Scenario.both(c, "redirect to txn.coraza.data", get("/", "x-waf-test: redirect"),
                "location: https://example.com/blocked?by=coraza"));
        l.add(Scenario.vanishing(c, "drop: silent-drop", get("/", "x-waf-test: drop")));
        l.add(Scenario.gateway(c, "response phase deny: waf-block: response", get("/page", "x-waf-test: res-deny"),
                "waf-block: response"));
        l.add(Scenario.gateway(c, "response phase redirect", get("/page", "x-waf-test: res-redirect"),
                "location: https://example.com/blocked?by=coraza"));
        l.add(Scenario.vanishing(c, "response phase drop", get("/page", "x-waf-test: res-drop")));
        return l;
    }

    // ----------------------------------------------------------------------------------- criteo auth

    /** criteo/haproxy-spoe-auth's docker-compose haproxy.cfg and spoe-auth.conf. */
    static ActionSetup criteo() {
        String cfg = """
                global
                    log 127.0.0.1 local0
                    # log 127.0.0.1 local1 notice
                    user root
                    group root
                    daemon
                    maxconn 4096

                defaults
                    log     global
                    mode    http
                    option  httplog
                    option  dontlognull
                    timeout connect 5000
                    timeout client  50000
                    timeout server  50000

                frontend haproxynode
                    bind 127.0.0.1:@PORT@
                    mode http

                    # Domains to protect
                    acl acl_public hdr_beg(host) -i public.example.com
                    acl acl_app1 hdr_beg(host) -i app1.example.com

                    acl acl_app2 hdr_beg(host) -i app2.example.com
                    http-request set-var(req.oidc_client_id) str(app2-client) if acl_app2
                    http-request set-var(req.oidc_client_secret) str(app2-secret) if acl_app2
                    http-request set-var(req.oidc_redirect_url) str(http://app2.example.com:9080/oauth2/callback) if acl_app2

                    acl acl_app3 hdr_beg(host) -i app3.example.com
                    http-request set-var(req.oidc_client_id) str(app3-client) if acl_app3
                    http-request set-var(req.oidc_client_secret) str(app3-secret) if acl_app3
                    http-request set-var(req.oidc_redirect_url) str(http://app3.example.com:9080/oauth2/callback) if acl_app3

                    acl oauth2callback path_beg /oauth2/callback
                    acl oauth2logout path_beg /oauth2/logout

                    acl dex_domain hdr_beg(host) -i dex.example.com
                    # define the spoe agent
                    http-request send-spoe-group spoe-auth try-auth-all
                    filter spoe engine spoe-auth config @DIR@/spoe-auth.conf

                    # map the spoe response to acl variables
                    acl authenticated var(sess.auth.is_authenticated) -m bool
                    acl auth_error var(sess.auth.has_error) -m bool

                    use_backend backend_dex if dex_domain
                    use_backend backend_oauth2 if oauth2callback || oauth2logout

                    use_backend backend_error if auth_error

                    # app1 returns 401 when it's not authenticated
                    use_backend backend_unauthorized if acl_app1 ! authenticated
                    use_backend backend_app if acl_app1 authenticated

                    # app2 redirects the user to the OAuth2 server when not authenticated
                    use_backend backend_redirect if acl_app2 ! authenticated
                    use_backend backend_app if acl_app2 authenticated

                    # app3 redirects the user to the OAuth2 server when not authenticated
                    use_backend backend_redirect if acl_app3 ! authenticated
                    use_backend backend_app if acl_app3 authenticated

                    # otherwise, simply serve the public domain
                    default_backend backend_public

                # Public page
                backend backend_public
                    mode http
                    balance roundrobin
                    server node-unprotected-app 127.0.0.1:@UP1@ check

                # Page supposed to be protected
                backend backend_app
                    mode http
                    balance roundrobin
                    http-request add-header X-Authorized-User %[var(sess.auth.authenticated_user)]

                    server node-protected-app 127.0.0.1:@UP2@ check

                # Serve dex application
                backend backend_dex
                    mode http
                    balance roundrobin
                    option tcp-check

                    server node-dex-app 127.0.0.1:@UP1@ check

                # Page the user is redirected to when unauthorized
                backend backend_unauthorized
                    mode http
                    balance roundrobin
                    http-response set-status 401
                    http-response add-header WWW-Authenticate 'Basic realm="Access the webapp"'

                    server node-noauth 127.0.0.1:@UP1@ check

                # Return an internal error
                backend backend_error
                    mode http
                    balance roundrobin
                    http-response set-status 500

                # Page the user is redirected to when unauthorized
                backend backend_redirect
                    mode http
                    balance roundrobin
                    http-request redirect location %[var(sess.auth.redirect_url)]

                # Backend bridging with the SPOE agent
                backend backend_spoe-agent
                    mode tcp
                    balance roundrobin
                    option tcp-check

                    timeout connect 5s
                    timeout server  3m

                    server node-auth @AGENT@ check

                backend backend_oauth2
                    mode http
                    balance roundrobin
                    option tcp-check

                    timeout connect 5s
                    timeout server  3m

                    server node-auth 127.0.0.1:@UP2@ check
                """;
        String spoe = """
                [spoe-auth]
                spoe-agent auth-agents
                    option var-prefix auth

                    timeout hello      2s
                    timeout idle       2m
                    timeout processing 1s

                    groups try-auth-all
                    use-backend backend_spoe-agent

                spoe-group try-auth-all
                    messages try-auth-ldap
                    messages try-auth-oidc

                spoe-message try-auth-ldap
                    args authorization=req.hdr(Authorization) authorized_group=str(users)
                    event on-frontend-http-request if { hdr_beg(host) -i app1.example.com } || { hdr_beg(host) -i app2.example.com } || { hdr_beg(host) -i app3.example.com }

                spoe-message try-auth-oidc
                    args arg_ssl=ssl_fc arg_host=req.hdr(Host) arg_pathq=pathq arg_cookie=req.cook(authsession) arg_client_id=var(req.oidc_client_id) arg_client_secret=var(req.oidc_client_secret) arg_redirect_url=var(req.oidc_redirect_url) arg_token_claims=var(req.oidc_token_claims)
                    event on-frontend-http-request if { hdr_beg(host) -i app1.example.com } || { hdr_beg(host) -i app2.example.com } || { hdr_beg(host) -i app3.example.com }
                """;
        return new ActionSetup("criteo", "haproxynode", cfg).file("spoe-auth.conf", spoe)
                .answer("try-auth-ldap", DocumentedSetups::ldap).answer("try-auth-oidc", DocumentedSetups::oidc);
    }

    private static Action sess(String name, TypedValue value) {
        return Action.setVar(Scope.SESS, name, value);
    }

    /** LDAP: john:password is a user; other credentials are not; no credentials, no answer. */
    private static List<Action> ldap(Message m) {
        if (!(m.arg("authorization") instanceof TypedValue.Str s)) {
            return List.of();
        }
        boolean ok = s.asString().equals("Basic am9objpwYXNzd29yZA==");
        return ok ? List.of(sess("is_authenticated", TypedValue.bool(true)), sess("authenticated_user",
                TypedValue.string("john"))) : List.of(sess("is_authenticated", TypedValue.bool(false)));
    }

    /** OIDC, for the hosts with a client id: a valid session cookie, a broken one, or a redirect to log in. */
    private static List<Action> oidc(Message m) {
        if (!(m.arg("arg_client_id") instanceof TypedValue.Str client)) {
            return List.of();
        }
        String cookie = m.arg("arg_cookie") instanceof TypedValue.Str s ? s.asString() : "";
        return switch (cookie) {
            case "valid" -> List.of(sess("is_authenticated", TypedValue.bool(true)),
                    sess("authenticated_user", TypedValue.string("alice@example.com")));
            case "broken" -> List.of(sess("has_error", TypedValue.bool(true)));
            default -> List.of(sess("is_authenticated", TypedValue.bool(false)), sess("redirect_url",
                    TypedValue.string("http://dex.example.com:9080/dex/auth?client_id=" + client.asString())));
        };
    }

    static List<Scenario> criteoScenarios() {
        String c = "criteo";
        List<Scenario> l = new ArrayList<>();
        l.add(Scenario.gateway(c, "public domain: default_backend", get("/").replace("example.org", "public.example.com"),
                "upstream: up1"));
        l.add(Scenario.gateway(c, "app1 without credentials: backend_unauthorized, 401 and WWW-Authenticate",
                get("/").replace("example.org", "app1.example.com"), "HTTP/1.1 401 Unauthorized"));
        l.add(Scenario.gateway(c, "app1 with bad credentials: 401", get("/", "Authorization: Basic am9objpiYWQ=")
                .replace("example.org", "app1.example.com"), "www-authenticate: Basic realm=\"Access the webapp\""));
        l.add(Scenario.gateway(c, "app1 with good credentials: backend_app with X-Authorized-User",
                get("/secret.html", "Authorization: Basic am9objpwYXNzd29yZA==").replace("example.org", "app1.example.com"),
                "x-authorized-user: john"));
        l.add(Scenario.gateway(c, "app2 without a session: backend_redirect to the login page",
                get("/secret.html").replace("example.org", "app2.example.com"),
                "location: http://dex.example.com:9080/dex/auth?client_id=app2-client"));
        l.add(Scenario.gateway(c, "app3 with a session cookie: backend_app",
                get("/", "Cookie: authsession=valid").replace("example.org", "app3.example.com"),
                "x-authorized-user: alice@example.com"));
        l.add(Scenario.gateway(c, "auth error: backend_error has no server, 503",
                close(get("/", "Cookie: authsession=broken").replace("example.org", "app2.example.com")), "HTTP/1.1 503"));
        l.add(Scenario.gateway(c, "OAuth2 callback: backend_oauth2", get("/oauth2/callback?code=x")
                .replace("example.org", "app2.example.com"), "upstream: up2"));
        l.add(Scenario.gateway(c, "dex domain: backend_dex", get("/dex/auth").replace("example.org", "dex.example.com"),
                "upstream: up1"));
        return l;
    }

    // ------------------------------------------------------------------------------------ ModSecurity

    /** HAProxy's contrib/modsecurity README: its spoe.conf template, frontend and backend lines. */
    static ActionSetup modsecurity() {
        String cfg = """
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s

                frontend my-front
                    bind 127.0.0.1:@PORT@
                    filter spoe engine modsecurity config @DIR@/spoe-modsecurity.conf
                    http-request deny if { var(txn.modsec.code) -m int gt 0 }
                    default_backend app

                backend app
                    server app1 127.0.0.1:@UP1@

                backend spoe-modsecurity
                    mode tcp
                    balance roundrobin
                    timeout connect 5s
                    timeout server  3m
                    server modsec1 @AGENT@
                """;
        String spoe = """
                [modsecurity]

                spoe-agent modsecurity-agent
                   messages check-request
                   option var-prefix modsec
                   timeout hello      100ms
                   timeout idle       30s
                   timeout processing 1s
                   use-backend spoe-modsecurity

                spoe-message check-request
                   args unique-id method path query req.ver req.hdrs_bin req.body_size req.body
                   event on-frontend-http-request
                """;
        return new ActionSetup("modsecurity", "my-front", cfg).file("spoe-modsecurity.conf", spoe)
                .adapted("spoe.conf: timeout processing 1s instead of 15ms (a loaded test machine)")
                .adapted("haproxy.cfg: the README's 'filter spoe', 'http-request deny' and 'backend spoe-modsecurity'"
                        + " lines in a minimal frontend with a default backend")
                .answer("check-request", m -> {
                    String path = m.args().get(2).value() instanceof TypedValue.Str s ? s.asString() : "";
                    return List.of(Action.setVar(Scope.TXN, "code", TypedValue.int64(path.contains("attack") ? 403 : 0)));
                })
                .undertow();
    }

    static List<Scenario> modsecurityScenarios() {
        String m = "modsecurity";
        return List.of(
                Scenario.both(m, "clean request: txn.modsec.code 0", get("/index.html?a=1"), "upstream: up1"),
                Scenario.both(m, "attack: denied with HAProxy's 403 page", get("/attack.php?id=1"), "HTTP/1.1 403"),
                Scenario.both(m, "attack in a POST", post("/attack", "x=1"), "HTTP/1.1 403"));
    }

    static List<Scenario> scenarios() {
        List<Scenario> l = new ArrayList<>();
        l.addAll(corazaScenarios());
        l.addAll(LuaActionSetups.crowdsecScenarios());
        l.addAll(criteoScenarios());
        l.addAll(LuaActionSetups.datadogScenarios());
        l.addAll(modsecurityScenarios());
        return l;
    }
}
