package io.spoe4j.conformance;

import io.spoe4j.codec.Action;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** The configurations the scenarios run under: each runs once in HAProxy and once in spoe4j. */
final class Setups {
    private Setups() {
    }

    static final String AGENT_COMMON = """
                timeout hello 2s
                timeout idle 30s
                use-backend agents
            """;

    /** Sample fetches and converters: one message per scenario, selected by the x-scn header. */
    static Setup fetches() {
        String conf = """
                [fx]
                spoe-agent fx-agent
                    messages basic headers cookies params conn typed hdrs body conv-case conv-enc conv-split positional missing
                    option var-prefix fx
                    timeout processing 2s
                """ + AGENT_COMMON + """
                spoe-message basic
                    args method=method path=path query=query url=url pathq=pathq base=base ver=req.ver
                    event on-frontend-http-request if { req.hdr(x-scn) -m str basic }
                spoe-message headers
                    args host=req.hdr(host) a=req.hdr(x-a) dup=req.hdr(x-dup) dup1=req.hdr(x-dup,1) dupm1=req.hdr(x-dup,-1) cnt=req.hdr_cnt(x-dup) f=req.fhdr(x-list) fcnt=req.fhdr_cnt(x-list) list=req.hdr(x-list) listcnt=req.hdr_cnt(x-list) num=req.hdr_val(x-num) ip=req.hdr_ip(x-ip) legacy=hdr(x-a)
                    event on-frontend-http-request if { req.hdr(x-scn) -m str headers }
                spoe-message cookies
                    args a=req.cook(a) b=req.cook(b) cnt=req.cook_cnt(a) val=req.cook_val(n) missing=req.cook(zz) all=req.cook_cnt
                    event on-frontend-http-request if { req.hdr(x-scn) -m str cookies }
                spoe-message params
                    args a=url_param(a) b=urlp(b) missing=url_param(zz) empty=url_param(e)
                    event on-frontend-http-request if { req.hdr(x-scn) -m str params }
                spoe-message conn
                    args src=src dst=dst dport=dst_port sport=src_port ssl=ssl_fc sni=ssl_fc_sni
                    event on-frontend-http-request if { req.hdr(x-scn) -m str conn }
                spoe-message typed
                    args null=req.hdr(x-absent) t=bool(1) f=bool(0) small=int(7) neg=int(-300) big=int(4294967296) ip4=ipv4(198.51.100.7) ip6=ipv6(2001:db8::42) s=str(spoe) b=bin(deadbeef)
                    event on-frontend-http-request if { req.hdr(x-scn) -m str typed }
                spoe-message hdrs
                    args text=req.hdrs bin=req.hdrs_bin
                    event on-frontend-http-request if { req.hdr(x-scn) -m str hdrs }
                spoe-message body
                    args body=req.body len=req.body_len size=req.body_size
                    event on-frontend-http-request if { req.hdr(x-scn) -m str body }
                spoe-message conv-case
                    args l=req.hdr(x-a),lower u=req.hdr(x-a),upper len=req.hdr(x-a),length
                    event on-frontend-http-request if { req.hdr(x-scn) -m str conv-case }
                spoe-message conv-enc
                    args hex=str(abc),hex b64=str(hello),base64 d64=str(aGVsbG8=),b64dec ud=str(a%20b),url_dec json=req.hdr(x-j),json
                    event on-frontend-http-request if { req.hdr(x-scn) -m str conv-enc }
                spoe-message conv-split
                    args field=str(a:b:c),field(2,:) word=str(a/b/c),word(3,/) rs=str(foo-bar-baz),regsub(-,_,g) bytes=bin(616263646566),bytes(1,3) sbytes=str(abcdef),bytes(1,3) b=req.hdr_val(x-n),bool mask=src,ipmask(8)
                    event on-frontend-http-request if { req.hdr(x-scn) -m str conv-split }
                spoe-message positional
                    args method path query
                    event on-frontend-http-request if { req.hdr(x-scn) -m str positional }
                spoe-message missing
                    args h=req.hdr(x-absent) q=query c=req.cook(none) v=var(txn.fx.none) p=url_param(none) n=req.hdr_val(x-absent)
                    event on-frontend-http-request if { req.hdr(x-scn) -m str missing }
                """;
        return new Setup("fetches", "fx", conf).before("option http-buffer-request");
    }

    /** ACL matchers and operators: every request is evaluated against all conditions; the messages sent show which held. */
    static Setup acls() {
        StringBuilder b = new StringBuilder("""
                [ac]
                spoe-agent ac-agent
                    messages m-str m-str-i m-beg m-end m-sub m-reg m-dom m-dir m-len m-int-gt m-int-range m-ip m-ip-hdr m-found m-not-ssl m-unless m-or m-and m-multi m-bin m-named m-path-beg m-hdr-sub m-bool m-int-eq-neg
                    option var-prefix ac
                    timeout processing 2s
                """ + AGENT_COMMON);
        String[][] msgs = {
            {"m-str", "if { req.hdr(x-t) -m str abc }"},
            {"m-str-i", "if { req.hdr(x-t) -i -m str ABC }"},
            {"m-beg", "if { req.hdr(x-t) -m beg ab }"},
            {"m-end", "if { req.hdr(x-t) -m end bc }"},
            {"m-sub", "if { req.hdr(x-t) -m sub b }"},
            {"m-reg", "if { req.hdr(x-t) -m reg ^a.c$ }"},
            {"m-dom", "if { req.hdr(x-d) -m dom example }"},
            {"m-dir", "if { path -m dir api }"},
            {"m-len", "if { req.hdr(x-t) -m len 3 }"},
            {"m-int-gt", "if { req.hdr_val(x-n) gt 10 }"},
            {"m-int-range", "if { req.hdr_val(x-n) 5:15 }"},
            {"m-ip", "if { src 127.0.0.0/8 }"},
            {"m-ip-hdr", "if { req.hdr_ip(x-ip) 10.0.0.0/8 192.168.1.1 }"},
            {"m-found", "if { req.hdr(x-f) -m found }"},
            {"m-not-ssl", "if !{ ssl_fc }"},
            {"m-unless", "unless { req.hdr(x-t) -m str abc }"},
            {"m-or", "if { req.hdr(x-t) -m str abc } || { req.hdr(x-t) -m str xyz }"},
            {"m-and", "if { req.hdr(x-t) -m beg a } { req.hdr(x-t) -m end c }"},
            {"m-multi", "if { req.hdr(x-t) -m str one two abc }"},
            {"m-bin", "if { req.hdr(x-t) -m bin 616263 }"},
            {"m-named", "if is_xyz or has_f"},
            {"m-path-beg", "if { path_beg /api }"},
            {"m-hdr-sub", "if { hdr_sub(x-t) y }"},
            {"m-bool", "if { req.hdr_val(x-n),bool }"},
            {"m-int-eq-neg", "if { req.hdr_val(x-n) eq -3 }"},
        };
        for (String[] m : msgs) {
            b.append("spoe-message ").append(m[0]).append('\n');
            if (m[0].equals("m-named")) {
                b.append("    acl is_xyz req.hdr(x-t) -m str xyz\n    acl has_f req.hdr(x-f) -m found\n");
            }
            b.append("    args t=req.hdr(x-t)\n    event on-frontend-http-request ").append(m[1]).append('\n');
        }
        return new Setup("acls", "ac", b.toString());
    }

    /** Every HTTP event, multi-message events, dropped messages, response data, variables chained between events. */
    /** The TCP events HAProxy also fires in HTTP mode, around the HTTP ones of each side. */
    static Setup tcpEvents() {
        String conf = """
                [tc]
                spoe-agent tc-agent
                    messages fe-tcp fe-http be-tcp be-http tcp-res http-res
                    option var-prefix tc
                    timeout processing 2s
                """ + AGENT_COMMON + """
                spoe-message fe-tcp
                    args ip=src path=path
                    event on-frontend-tcp-request
                spoe-message fe-http
                    args method=method fromtcp=var(txn.tc.t)
                    event on-frontend-http-request
                spoe-message be-tcp
                    args path=path
                    event on-backend-tcp-request
                spoe-message be-http
                    args q=query
                    event on-backend-http-request
                spoe-message tcp-res
                    args one=int(1) fromtcp=var(txn.tc.t)
                    event on-tcp-response
                spoe-message http-res
                    args status=status
                    event on-http-response
                """;
        return new Setup("tcp", "tc", conf)
                .answer("fe-tcp", Action.setVar(Scope.TXN, "t", TypedValue.string("tcp")))
                .expose("txn.tc.t");
    }

    static Setup events() {
        return events(false);
    }

    /**
     * The response message also reads {@code res.body} and a req-scope variable at response time
     * (HAProxy has pruned it by then: NULL). With {@code all}, also the TCP events.
     */
    static Setup events(boolean all) {
        String conf = """
                [ev]
                spoe-agent ev-agent
                    messages session fe-http fe-http-2 dropped be-http http-res""" + (all ? " fe-tcp be-tcp tcp-res" : "") + """


                    option var-prefix ev
                    timeout processing 2s
                """ + AGENT_COMMON + """
                spoe-message session
                    args ip=src
                    event on-client-session
                spoe-message fe-tcp
                    args ip=src
                    event on-frontend-tcp-request
                spoe-message be-tcp
                    args ip=src
                    event on-backend-tcp-request
                spoe-message fe-http
                    args method=method path=path body=req.body
                    event on-frontend-http-request
                spoe-message fe-http-2
                    args q=query
                    event on-frontend-http-request
                spoe-message dropped
                    args d=req.hdr(x-drop)
                    event on-frontend-http-request if { req.hdr(x-drop) -m found }
                spoe-message be-http
                    args path=path fromfe=var(txn.ev.fe) sess=var(sess.ev.s)
                    event on-backend-http-request
                spoe-message tcp-res
                    args one=int(1)
                    event on-tcp-response
                spoe-message http-res
                    args status=status ver=res.ver h=res.hdr(x-up) hcnt=res.hdr_cnt(x-up) hdrs=res.hdrs hb=res.hdrs_bin fromreq=var(txn.ev.fe) breq=var(req.ev.r) body=res.body

                    event on-http-response
                """;
        return new Setup(all ? "events-all" : "events", "ev", conf).before("option http-buffer-request")
                .answer("session", Action.setVar(Scope.SESS, "s", TypedValue.int64(42)))
                .answer("fe-http", Action.setVar(Scope.TXN, "fe", TypedValue.string("from-fe")),
                        Action.setVar(Scope.TXN, "gone", TypedValue.string("x")),
                        Action.unsetVar(Scope.TXN, "gone"))
                .answer("fe-http-2", Action.setVar(Scope.TXN, "vs", TypedValue.string("text")),
                        Action.setVar(Scope.TXN, "vi", TypedValue.int64(-5)),
                        Action.setVar(Scope.TXN, "vu", TypedValue.uint32(4000000000L)),
                        Action.setVar(Scope.TXN, "vb", TypedValue.bool(true)),
                        Action.setVar(Scope.TXN, "vf", TypedValue.bool(false)),
                        Action.setVar(Scope.TXN, "v4", TypedValue.ipv4(new byte[] {10, 1, 2, 3})),
                        Action.setVar(Scope.TXN, "v6", TypedValue.ipv6(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0,
                            0, 0, 0, 0, 0, 0, 0, 1})),
                        Action.setVar(Scope.TXN, "vbin", TypedValue.binary("AB".getBytes(StandardCharsets.US_ASCII))))
                .answer("be-http", Action.setVar(Scope.REQ, "r", TypedValue.string("req-scope")))
                .answer("http-res", Action.setVar(Scope.RES, "rs", TypedValue.string("res-scope")),
                        Action.setVar(Scope.TXN, "after", TypedValue.int64(7)))
                .expose("sess.ev.s", "txn.ev.fe", "txn.ev.gone", "txn.ev.vs", "txn.ev.vi", "txn.ev.vu", "txn.ev.vb",
                        "txn.ev.vf", "txn.ev.v4", "txn.ev.v6", "req.ev.r", "res.ev.rs", "txn.ev.after")
                .exposeBinary("txn.ev.vbin");
    }

    /** spoe-groups sent by send-spoe-group rules, with conditions, on both directions. */
    static Setup groups() {
        String conf = """
                [gr]
                spoe-agent gr-agent
                    groups g1 g2 g3
                    option var-prefix gr
                    timeout processing 2s
                """ + AGENT_COMMON + """
                spoe-message a
                    args p=path
                spoe-message b
                    args m=method n=str(second)
                spoe-message c
                    args g=req.hdr(x-g)
                spoe-message d
                    args s=status v=var(txn.gr.a)
                spoe-group g1
                    messages a b
                spoe-group g2
                    messages c
                spoe-group g3
                    messages d
                """;
        return new Setup("groups", "gr", conf)
                .rule("http-request send-spoe-group gr g1")
                .rule("http-request send-spoe-group gr g2 if { req.hdr(x-g) -m str two }")
                .rule("http-response send-spoe-group gr g3")
                .answer("a", Action.setVar(Scope.TXN, "a", TypedValue.string("set-by-a")))
                .answer("c", Action.setVar(Scope.TXN, "c", TypedValue.int32(2)))
                .answer("d", Action.setVar(Scope.TXN, "d", TypedValue.string("set-by-d")))
                .expose("txn.gr.a", "txn.gr.c", "txn.gr.d");
    }

    /**
     * haproxy.cfg set-var/unset-var rules feeding messages through var(): in order with the events
     * (each rule set runs after its event) and the send-spoe-group rules, conditional ones, a
     * missing sample, an unset, a response-side rule, next to a variable the agent sets.
     */
    static Setup setVars() {
        String conf = """
                [sv]
                spoe-agent sv-agent
                    messages fe-http http-res
                    groups g-req g-res
                    option var-prefix sv
                    timeout processing 2s
                """ + AGENT_COMMON + """
                spoe-message fe-http
                    args client=var(req.oidc_client_id) path=var(txn.path) early=var(txn.early)
                    event on-frontend-http-request
                spoe-message req-msg
                    args client=var(req.oidc_client_id) path=var(txn.path) early=var(txn.early) gone=var(txn.gone) missing=var(txn.missing) n=var(txn.n) fromagent=var(txn.sv.a)
                spoe-group g-req
                    messages req-msg
                spoe-message http-res
                    args st=var(txn.st) after=var(txn.after)
                    event on-http-response
                spoe-message res-msg
                    args st=var(txn.st) after=var(txn.after) path=var(txn.path)
                spoe-group g-res
                    messages res-msg
                """;
        return new Setup("setvars", "sv", conf)
                .rule("tcp-request content set-var(txn.early) str(tcp)")
                .rule("http-request set-var(req.oidc_client_id) str(myclient)")
                .rule("http-request set-var(txn.path) path if { path_beg /api }")
                .rule("http-request set-var(txn.gone) str(x)")
                .rule("http-request unset-var(txn.gone)")
                .rule("http-request set-var(txn.missing) req.hdr(x-absent)")
                .rule("http-request set-var(txn.n) req.hdr_val(x-n) unless { req.hdr(x-skip) -m found }")
                .rule("http-request send-spoe-group sv g-req")
                .rule("http-request set-var(txn.after) str(late)")
                .rule("http-response set-var(txn.st) status")
                .rule("http-response send-spoe-group sv g-res")
                .answer("fe-http", Action.setVar(Scope.TXN, "a", TypedValue.string("from-agent")))
                .expose("txn.early", "req.oidc_client_id", "txn.path", "txn.gone", "txn.missing", "txn.n", "txn.after",
                        "txn.st", "txn.sv.a");
    }

    /** set-on-error, set-process-time, set-total-time and a timing-out agent. */
    static Setup options() {
        String conf = """
                [op]
                spoe-agent op-agent
                    messages fast slow
                    option var-prefix op
                    option set-on-error err
                    option set-process-time ptime
                    option set-total-time ttime
                    timeout processing 300ms
                """ + AGENT_COMMON + """
                spoe-message fast
                    args p=path
                    event on-frontend-http-request unless { req.hdr(x-slow) -m found }
                spoe-message slow
                    args p=path
                    event on-frontend-http-request if { req.hdr(x-slow) -m found }
                """;
        return new Setup("options", "op", conf)
                .answer("fast", Action.setVar(Scope.TXN, "ok", TypedValue.string("yes")))
                .answer("slow", Action.setVar(Scope.TXN, "late", TypedValue.string("too-late")))
                .delay("slow", Duration.ofSeconds(2))
                .expose("txn.op.ok", "txn.op.late", "txn.op.err", "txn.op.ptime", "txn.op.ttime");
    }

    /**
     * A unique-id-format whose every part is the same through both proxies (addresses in hex and in
     * text, the request line's parts, a sample, a missing sample, flags, separators), so the id is
     * compared byte for byte, in the NOTIFY and in the unique-id-header the upstream receives.
     */
    static Setup uniqueId() {
        String conf = """
                [uid]
                spoe-agent uid-agent
                    messages uid-msg
                    option var-prefix uid
                    timeout processing 500ms
                """ + AGENT_COMMON + """
                spoe-message uid-msg
                    args id=unique-id again=unique-id
                    event on-frontend-http-request
                """;
        return new Setup("uid", "uid", conf)
                .before("unique-id-format \"  %{+X}o %ci:%fi  %{-X}ci %%_%HM_%HU_%HP_%HQ_%HV_%[req.hdr(host),upper]_"
                        + "%[req.hdr(x-missing)]_%{+Q}r %{+X}[str(7)] \"")
                .before("unique-id-header x-v-uid")
                .answer("uid-msg", Action.setVar(Scope.TXN, "seen", TypedValue.string("yes")))
                .expose("txn.uid.seen");
    }

    /**
     * {@code req.len} at both request events and {@code res.len} (HAProxy counts its HTX blocks,
     * not the bytes on the wire), alone in their messages so that they alone make spoe4j buffer
     * the bodies; with or without {@code option http-buffer-request} (without it HAProxy counts
     * the body bytes that came with the head: the requests here are written in one write, so all).
     */
    static Setup lengths(boolean bufferRequest) {
        String conf = """
                [ln]
                spoe-agent ln-agent
                    messages fe-len be-len res-len
                    option var-prefix ln
                    timeout processing 2s
                """ + AGENT_COMMON + """
                spoe-message fe-len
                    args len=req.len alias=req_len
                    event on-frontend-http-request
                spoe-message be-len
                    args len=req.len
                    event on-backend-http-request
                spoe-message res-len
                    args len=res.len
                    event on-http-response
                """;
        Setup setup = new Setup(bufferRequest ? "lengths" : "lengths-streamed", "ln", conf);
        return bufferRequest ? setup.before("option http-buffer-request") : setup;
    }

    /** Actions helper for agent answers that depend on the message. */
    static List<Action> none() {
        return List.of();
    }
}
