package io.spoe4j.conformance;

import io.spoe4j.codec.Action;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The configurations of {@link ActionsConformanceTest} that exercise every HTTP action: each rule
 * is triggered by a variable the agent sets from a request header ({@code x-act: deny} makes the
 * agent set {@code txn.x.action} to {@code deny}), or by a plain ACL.
 */
final class ActionSetups {
    private ActionSetups() {
    }

    private static final String AGENT = """
                timeout hello 2s
                timeout idle 30s
                timeout processing 2s
                use-backend agents
            """;

    /** The agent copies each named arg that is a string into a txn variable of the same name. */
    static List<Action> copyArgs(Message m) {
        List<Action> out = new ArrayList<>();
        for (var a : m.args()) {
            if (a.value() instanceof TypedValue.Str s) {
                out.add(Action.setVar(Scope.TXN, a.name(), TypedValue.string(s.asString())));
            }
        }
        return out;
    }

    private static String when(String action) {
        return " if { var(txn.x.action) -m str " + action + " }";
    }

    /** Every action but wait-for-body, on one frontend with two backends. */
    static ActionSetup actions() {
        String spoe = """
                [act]
                spoe-agent act-agent
                    messages act-req act-res
                    groups act-late
                    option var-prefix x
                """ + AGENT + """
                spoe-message act-req
                    args action=req.hdr(x-act) data=req.hdr(x-data) target=req.hdr(x-target)
                    event on-frontend-http-request
                spoe-message act-res
                    args status=status fmt=var(txn.fmt)
                    event on-http-response
                spoe-message act-late
                    args fmt=var(txn.fmt) method=method path=path
                spoe-group act-late
                    messages act-late
                """;
        List<String> fe = new ArrayList<>();
        fe.add("tcp-request content reject if { req.hdr(x-tcp) -m str reject }");
        fe.add("tcp-request content accept if { req.hdr(x-tcp) -m str accept }");
        fe.add("tcp-request content reject if { req.hdr(x-tcp) -m str accept }");
        fe.add("http-request set-var-fmt(txn.fmt) \"%[method] %[path] act=%[var(txn.x.action)]\"" + when("set-var-fmt"));
        fe.add("http-request set-header x-fmt \"%[var(txn.fmt)]\" if { var(txn.fmt) -m found }");
        fe.add("http-request send-spoe-group act act-late" + when("set-var-fmt"));
        // deny
        fe.add("http-request deny" + when("deny"));
        fe.add("http-request deny deny_status 429" + when("deny-429"));
        fe.add("http-request deny deny_status 403 hdr x-why \"%[var(txn.x.action)]\" hdr x-id 42" + when("deny-hdr"));
        fe.add("http-request deny deny_status 400 content-type text/plain string \"blocked by rule\\n\""
                + when("deny-string"));
        fe.add("http-request deny deny_status 503" + when("deny-errorfile"));
        // return
        fe.add("http-request return status 200 content-type text/plain string \"hello\\n\" hdr x-r one hdr x-r two"
                + when("return-string"));
        fe.add("http-request return status 201 content-type \"text/plain; charset=utf-8\" lf-string "
                + "\"path=%[path] act=%[var(txn.x.action)]\\n\"" + when("return-lf-string"));
        fe.add("http-request return status 200 content-type text/html file @DIR@/page.html" + when("return-file"));
        fe.add("http-request return status 202 content-type text/plain lf-file @DIR@/page.lf" + when("return-lf-file"));
        fe.add("http-request return hdr x-empty yes" + when("return-empty"));
        fe.add("http-request return status 204" + when("return-204"));
        // redirect
        fe.add("http-request redirect location /moved code 301" + when("redirect-location"));
        fe.add("http-request redirect location %[var(txn.x.target)] code 303" + when("redirect-var"));
        fe.add("http-request redirect prefix /pre" + when("redirect-prefix"));
        fe.add("http-request redirect prefix /pre code 307 drop-query" + when("redirect-drop-query"));
        fe.add("http-request redirect prefix /pre append-slash" + when("redirect-append-slash"));
        fe.add("http-request redirect location /dir drop-query append-slash" + when("redirect-location-slash"));
        fe.add("http-request redirect scheme https code 308" + when("redirect-scheme"));
        fe.add("http-request redirect location /c set-cookie SESSION=abc" + when("redirect-set-cookie"));
        fe.add("http-request redirect location /c clear-cookie SESSION" + when("redirect-clear-cookie"));
        // drop, tarpit
        fe.add("http-request silent-drop" + when("silent-drop"));
        fe.add("http-request tarpit" + when("tarpit"));
        // header rewrites
        fe.add("http-request set-header x-a new-a" + when("set-header"));
        fe.add("http-request add-header x-a \"added %[var(txn.x.action)]\"" + when("add-header"));
        fe.add("http-request del-header x-a" + when("del-header"));
        fe.add("http-request del-header X-A -m str" + when("del-header-str"));
        fe.add("http-request del-header x- -m beg" + when("del-header-beg"));
        fe.add("http-request del-header dup -m sub" + when("del-header-sub"));
        fe.add("http-request del-header ^x-(a|b)$ -m reg" + when("del-header-reg"));
        fe.add("http-request replace-header x-r ^(\\w+)-(\\w+)$ \\2-\\1" + when("replace-header"));
        fe.add("http-request replace-value x-list ^a(.*)$ b\\1" + when("replace-value"));
        // request line
        fe.add("http-request set-path /new/path" + when("set-path"));
        fe.add("http-request set-pathq /new/path?n=1" + when("set-pathq"));
        fe.add("http-request set-query n=2&m=%[var(txn.x.action)]" + when("set-query"));
        fe.add("http-request set-uri /uri?u=1" + when("set-uri"));
        fe.add("http-request set-method PUT" + when("set-method"));
        // response side
        fe.add("http-response set-status 299 reason \"Fine Thanks\"" + when("res-set-status"));
        fe.add("http-response set-status 404" + when("res-set-status-code"));
        fe.add("http-response set-header x-up replaced" + when("res-set-header"));
        fe.add("http-response add-header x-up three" + when("res-add-header"));
        fe.add("http-response del-header x-up" + when("res-del-header"));
        fe.add("http-response replace-value x-up ^t(.*)$ T\\1" + when("res-replace-value"));
        fe.add("http-response deny" + when("res-deny"));
        fe.add("http-response deny deny_status 502 hdr x-why response" + when("res-deny-hdr"));
        fe.add("http-response return status 200 content-type text/plain string \"replaced\\n\"" + when("res-return"));
        fe.add("http-response redirect location /elsewhere code 302" + when("res-redirect"));
        fe.add("http-response set-var(txn.rv) status" + when("res-set-var"));
        fe.add("http-response set-header x-rv %[var(txn.rv)] if { var(txn.rv) -m found }");
        fe.add("http-response set-header x-res %[var(txn.x.status)] if { var(txn.x.status) -m found }");
        // after-response: on upstream answers and on local ones, keyed on x-data
        fe.add("http-after-response set-header x-after \"%[var(txn.x.action)]\" if { var(txn.x.data) -m beg after }");
        fe.add("http-after-response add-header x-after2 two if { var(txn.x.data) -m beg after }");
        fe.add("http-after-response del-header x-up if { var(txn.x.data) -m str after-del }");
        fe.add("http-after-response del-header content-type if { var(txn.x.data) -m str after-del }");
        fe.add("http-after-response set-status 418 if { var(txn.x.data) -m str after-status }");
        fe.add("http-after-response set-status 299 reason Yes if { var(txn.x.data) -m str after-status-reason }");
        fe.add("http-after-response set-var(txn.av) str(after-var) if { var(txn.x.data) -m str after-var }");
        fe.add("http-after-response set-header x-av %[var(txn.av)] if { var(txn.av) -m found }");
        // routing
        fe.add("use_backend be2" + when("backend2"));
        fe.add("use_backend be2 if { path_beg /two }");
        fe.add("default_backend be1");
        StringBuilder cfg = new StringBuilder("""
                global
                    nbthread 1
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend fe
                    bind 127.0.0.1:@PORT@
                    timeout tarpit 500ms
                    errorfile 503 @DIR@/503.http
                    filter spoe engine act config @DIR@/spoe.conf
                """);
        fe.forEach(l -> cfg.append("    ").append(l).append('\n'));
        cfg.append("""
                backend be1
                    server s1 127.0.0.1:@UP1@
                backend be2
                    http-request set-header x-be be2
                    http-response set-header x-be-res be2
                    server s2 127.0.0.1:@UP2@
                backend agents
                    mode tcp
                    server a1 @AGENT@
                """);
        return new ActionSetup("actions", "fe", cfg.toString())
                .file("spoe.conf", spoe)
                .file("503.http", "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nCache-Control: no-cache\r\n"
                        + "Connection: close\r\nContent-Length: 22\r\n\r\nour own 503 errorfile\n")
                .file("page.html", "<html><body>a page</body></html>\n")
                .file("page.lf", "method=%[method] path=%[path] act=%[var(txn.x.action)]\n")
                .answer("act-req", ActionSetups::copyArgs)
                .answer("act-res", m -> List.of(Action.setVar(Scope.TXN, "status", TypedValue.string("res-seen"))))
                .answer("act-late", m -> List.of(Action.setVar(Scope.TXN, "late", TypedValue.string("late-seen"))))
                .undertow();
    }

    /** wait-for-body before a group reading the body. */
    static ActionSetup body() {
        String spoe = """
                [bd]
                spoe-agent bd-agent
                    groups body-group
                    option var-prefix bd
                """ + AGENT + """
                spoe-message body-msg
                    args body=req.body len=req.body_len size=req.body_size
                spoe-group body-group
                    messages body-msg
                """;
        String cfg = """
                global
                    nbthread 1
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend fe
                    bind 127.0.0.1:@PORT@
                    filter spoe engine bd config @DIR@/spoe.conf
                    http-request wait-for-body time 1s at-least 16
                    http-request send-spoe-group bd body-group
                    http-request set-header x-len %[var(txn.bd.len)] if { var(txn.bd.len) -m found }
                    default_backend be1
                backend be1
                    server s1 127.0.0.1:@UP1@
                backend agents
                    mode tcp
                    server a1 @AGENT@
                """;
        return new ActionSetup("body", "fe", cfg).file("spoe.conf", spoe)
                .answer("body-msg", m -> {
                    TypedValue len = m.arg("len");
                    return len instanceof TypedValue.Int64 i ? List.of(Action.setVar(Scope.TXN, "len",
                            TypedValue.string(Long.toString(i.value())))) : List.of();
                });
    }
}
