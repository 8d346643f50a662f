package io.spoe4j.conformance;

import io.spoe4j.codec.Action;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;

/**
 * The configurations real agents ship (agents-and-users.md §1.3), with the agent backend renamed
 * to {@code agents}, hello/idle timeouts added, environment placeholders replaced by literals and
 * the agent's answers modelled on what each agent sets. What the client and the upstream receive
 * under these agents' documented haproxy.cfg rules is compared by {@link ActionsConformanceTest},
 * with the files as the agents document them ({@link DocumentedSetups}).
 */
final class AgentSetups {
    private AgentSetups() {
    }

    /** As shipped, res.body included (HAProxy sends what it has buffered of the response body). */
    static Setup coraza() {
        String conf = """
                [coraza]
                spoe-agent coraza-agent
                    groups      coraza-req
                    messages    coraza-res
                    option      var-prefix      coraza
                    option      set-on-error    error
                    timeout     processing      500ms
                """ + Setups.AGENT_COMMON + """
                spoe-message coraza-req
                    args app=var(txn.coraza.app) src-ip=src src-port=src_port dst-ip=dst dst-port=dst_port method=method path=path query=query version=req.ver headers=req.hdrs body=req.body exportRuleIDs=bool(false)
                spoe-message coraza-res
                    args app=var(txn.coraza.app) id=var(txn.coraza.id) version=res.ver status=status headers=res.hdrs body=res.body exportRuleIDs=bool(false) detect-only=bool(false)
                    event on-http-response
                spoe-group coraza-req
                    messages coraza-req
                """;
        return new Setup("coraza", "coraza", conf).before("option http-buffer-request")
                .rule("http-request send-spoe-group coraza coraza-req")
                .answer("coraza-req", Action.setVar(Scope.TXN, "id", TypedValue.string("QWERTYUIOPASDFGH")),
                        Action.setVar(Scope.TXN, "rules_hit", TypedValue.int64(3)),
                        Action.setVar(Scope.TXN, "anomaly_score", TypedValue.int64(0)))
                .expose("txn.coraza.id", "txn.coraza.rules_hit", "txn.coraza.anomaly_score", "txn.coraza.error");
    }

    static Setup crowdsec() {
        return crowdsec(false);
    }

    /**
     * With {@code shipped}, the frontend has {@code unique-id-format %[uuid()]} as CrowdSec's
     * documentation sets it (the ids then differ by nature and are compared by type); without it,
     * {@code unique-id} is NULL on both sides.
     */
    static Setup crowdsec(boolean shipped) {
        String conf = """
                [crowdsec]
                spoe-agent crowdsec-agent
                    messages    crowdsec-tcp
                    groups      crowdsec-http-body crowdsec-http-no-body
                    option      var-prefix      crowdsec
                    option      set-on-error    error
                    timeout     processing      500ms
                """ + Setups.AGENT_COMMON + """
                spoe-message crowdsec-tcp
                    args id=unique-id src-ip=src src-port=src_port
                    event on-client-session
                spoe-message crowdsec-http-body
                    args remediation=var(txn.crowdsec.remediation) id=unique-id method=method path=path query=query version=req.ver headers=req.hdrs body=req.body url=url ssl=ssl_fc src-ip=src src-port=src_port
                spoe-message crowdsec-http-no-body
                    args remediation=var(txn.crowdsec.remediation) id=unique-id method=method path=path query=query version=req.ver headers=req.hdrs url=url ssl=ssl_fc src-ip=src src-port=src_port
                spoe-group crowdsec-http-body
                    messages crowdsec-http-body
                spoe-group crowdsec-http-no-body
                    messages crowdsec-http-no-body
                """;
        Setup setup = new Setup("crowdsec", "crowdsec", conf).before("option http-buffer-request");
        if (shipped) {
            setup.before("unique-id-format %[uuid()]");
        }
        return setup
                .rule("http-request send-spoe-group crowdsec crowdsec-http-body if !{ req.hdr(x-nobody) -m found } { req.body_size -m int le 51200 }")
                .rule("http-request send-spoe-group crowdsec crowdsec-http-no-body if { req.hdr(x-nobody) -m found }")
                .answer("crowdsec-tcp", Action.setVar(Scope.SESS, "tcp_remediation", TypedValue.string("allow")))
                .answer("crowdsec-http-body", Action.setVar(Scope.TXN, "remediation", TypedValue.string("allow")),
                        Action.setVar(Scope.TXN, "isocode", TypedValue.string("FR")))
                .answer("crowdsec-http-no-body", Action.setVar(Scope.TXN, "remediation", TypedValue.string("captcha")),
                        Action.setVar(Scope.TXN, "captcha_status", TypedValue.string("pending")))
                .expose("sess.crowdsec.tcp_remediation", "txn.crowdsec.remediation", "txn.crowdsec.isocode",
                        "txn.crowdsec.captcha_status", "txn.crowdsec.error");
    }

    static Setup criteo() {
        String conf = """
                [spoe-auth]
                spoe-agent auth-agents
                    option var-prefix auth
                    timeout processing 1s
                    groups try-auth-all
                """ + Setups.AGENT_COMMON + """
                spoe-group try-auth-all
                    messages try-auth-ldap
                    messages try-auth-oidc
                spoe-message try-auth-ldap
                    args authorization=req.hdr(Authorization) authorized_group=str(users)
                    event on-frontend-http-request if { path_beg /secure } || { hdr_beg(host) -i app1.example.com }
                spoe-message try-auth-oidc
                    args arg_ssl=ssl_fc arg_host=req.hdr(Host) arg_pathq=pathq arg_cookie=req.cook(authsession) arg_client_id=var(req.oidc_client_id) arg_client_secret=var(req.oidc_client_secret) arg_redirect_url=var(req.oidc_redirect_url) arg_token_claims=var(req.oidc_token_claims)
                    event on-frontend-http-request if { path_beg /secure } || { hdr_beg(host) -i app2.example.com }
                """;
        return new Setup("criteo", "spoe-auth", conf)
                .rule("http-request send-spoe-group spoe-auth try-auth-all")
                .answer("try-auth-ldap", Action.setVar(Scope.SESS, "is_authenticated", TypedValue.bool(true)),
                        Action.setVar(Scope.SESS, "authenticated_user", TypedValue.string("alice")))
                .answer("try-auth-oidc", Action.setVar(Scope.SESS, "has_error", TypedValue.bool(false)))
                .expose("sess.auth.is_authenticated", "sess.auth.authenticated_user", "sess.auth.has_error");
    }

    static Setup datadog() {
        String conf = """
                [datadog-aap-engine]
                spoe-agent datadog-aap-agent
                    option set-on-error spoe_error
                    option var-prefix   dd
                    timeout processing  2s
                    groups dd-aap-http-request-headers-msg dd-aap-http-request-body-msg dd-aap-http-response-headers-msg dd-aap-http-response-body-msg
                """ + Setups.AGENT_COMMON + """
                spoe-message http-request-headers-msg
                    args ip=src ip_port=src_port method=method path=pathq headers=req.hdrs_bin https=ssl_fc timeout=var(txn.timeout)
                spoe-message http-request-body-msg
                    args body=req.body span_id=var(txn.dd.span_id)
                spoe-message http-response-headers-msg
                    args headers=res.hdrs_bin status=status span_id=var(txn.dd.span_id)
                spoe-message http-response-body-msg
                    args body=res.body span_id=var(txn.dd.span_id)
                spoe-group dd-aap-http-request-headers-msg
                    messages http-request-headers-msg
                spoe-group dd-aap-http-request-body-msg
                    messages http-request-body-msg
                spoe-group dd-aap-http-response-headers-msg
                    messages http-response-headers-msg
                spoe-group dd-aap-http-response-body-msg
                    messages http-response-body-msg
                """;
        String e = "datadog-aap-engine ";
        return new Setup("datadog", "datadog-aap-engine", conf).before("option http-buffer-request")
                .rule("http-request send-spoe-group " + e + "dd-aap-http-request-headers-msg")
                .rule("http-request send-spoe-group " + e + "dd-aap-http-request-body-msg if { var(txn.dd.request_body) -m bool }")
                .rule("http-response send-spoe-group " + e + "dd-aap-http-response-headers-msg")
                .rule("http-response send-spoe-group " + e + "dd-aap-http-response-body-msg if { var(txn.dd.response_body) -m bool }")
                .answer("http-request-headers-msg", Action.setVar(Scope.TXN, "span_id", TypedValue.string("1234567890")),
                        Action.setVar(Scope.TXN, "request_body", TypedValue.bool(true)))
                .answer("http-request-body-msg", Action.setVar(Scope.TXN, "blocked", TypedValue.bool(false)))
                .expose("txn.dd.span_id", "txn.dd.request_body", "txn.dd.blocked", "txn.dd.spoe_error");
    }

    static Setup mirror() {
        String conf = """
                [mirror]
                spoe-agent mirror-agent
                    messages mirror
                    timeout processing 5s
                    option var-prefix spoe
                """ + Setups.AGENT_COMMON + """
                spoe-message mirror
                    args arg_method=method arg_path=url arg_ver=req.ver arg_hdrs=req.hdrs_bin arg_body=req.body
                    event on-frontend-http-request
                """;
        return new Setup("mirror", "mirror", conf).before("option http-buffer-request");
    }
}
