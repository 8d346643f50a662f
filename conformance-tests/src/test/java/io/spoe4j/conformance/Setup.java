package io.spoe4j.conformance;

import io.spoe4j.codec.Action;
import io.spoe4j.codec.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One configuration shared by a group of scenarios: the {@code spoe.conf}, the frontend lines of
 * haproxy.cfg around the {@code filter spoe} line (send-spoe-group rules, options), the variables
 * both proxies expose to the upstream (request) and client (response), and what the agent answers.
 */
final class Setup {
    final String name;
    final String engine;
    final String spoeConf;
    final List<String> global = new ArrayList<>();
    final List<String> frontendBefore = new ArrayList<>();
    final List<String> frontendAfter = new ArrayList<>();
    final List<String> exposed = new ArrayList<>();
    final List<String> binaryExposed = new ArrayList<>();
    final Map<String, Function<Message, List<Action>>> answers = new LinkedHashMap<>();
    Duration answerDelay = Duration.ZERO;
    String delayedMessage;
    String agentTimeouts = "";

    Setup(String name, String engine, String spoeConf) {
        this.name = name;
        this.engine = engine;
        this.spoeConf = spoeConf;
    }

    /** A line of the global section. */
    Setup global(String line) {
        global.add(line);
        return this;
    }

    /** A frontend line before the {@code filter spoe} line (options, unique-id-format...). */
    Setup before(String line) {
        frontendBefore.add(line);
        return this;
    }

    /** A frontend line after the {@code filter spoe} line (send-spoe-group rules...). */
    Setup rule(String line) {
        frontendAfter.add(line);
        return this;
    }

    /** Variables (full names such as {@code txn.p.score}) both proxies must expose. */
    Setup expose(String... vars) {
        exposed.addAll(List.of(vars));
        return this;
    }

    /**
     * Binary variables: HAProxy's {@code %[var()]} copies their bytes, spoe4j's variable headers
     * carry them as hex (intentional: header values cannot hold arbitrary bytes). The comparison
     * hex-encodes HAProxy's value for these, and nothing else.
     */
    Setup exposeBinary(String... vars) {
        expose(vars);
        binaryExposed.addAll(List.of(vars));
        return this;
    }

    /** The agent's actions for every message named {@code message}. */
    Setup answer(String message, Function<Message, List<Action>> actions) {
        answers.put(message, actions);
        return this;
    }

    Setup answer(String message, Action... actions) {
        return answer(message, m -> List.of(actions));
    }

    /** NOTIFYs containing {@code message} are answered after {@code delay} (a timing-out agent). */
    Setup delay(String message, Duration delay) {
        this.delayedMessage = message;
        this.answerDelay = delay;
        return this;
    }

    /** The actions for one NOTIFY: those of each of its messages, in order. */
    List<Action> actionsFor(List<Message> messages) {
        List<Action> out = new ArrayList<>();
        for (Message m : messages) {
            Function<Message, List<Action>> f = answers.get(m.name());
            if (f != null) {
                out.addAll(f.apply(m));
            }
        }
        return out;
    }

    private static String header(String var) {
        return var.toLowerCase(java.util.Locale.ROOT).replace('.', '-');
    }

    /** haproxy.cfg for one side: only the bind port and the agent's address differ between the two. */
    String haproxyCfg(int frontendPort, String agentAddress, int upstreamPort, String spoeConfPath) {
        StringBuilder b = new StringBuilder();
        b.append("global\n    nbthread 1\n");
        global.forEach(l -> b.append("    ").append(l).append('\n'));
        b.append("defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n");
        b.append("frontend fe\n    bind 127.0.0.1:").append(frontendPort).append('\n');
        frontendBefore.forEach(l -> b.append("    ").append(l).append('\n'));
        b.append("    filter spoe engine ").append(engine).append(" config ").append(spoeConfPath).append('\n');
        frontendAfter.forEach(l -> b.append("    ").append(l).append('\n'));
        // Response-side exposure ends the frontend's http-response rules: HAProxy runs them after the
        // backend's, i.e. after on-http-response and any http-response send-spoe-group.
        for (String v : exposed) {
            if (!v.startsWith("req.")) {
                b.append("    http-response set-header x-r-").append(header(v)).append(" \"%[var(").append(v)
                        .append(")]\" if { var(").append(v).append(") -m found }\n");
            }
        }
        b.append("    default_backend upstream\n");
        b.append("backend upstream\n");
        // Request-side exposure in the backend: after on-backend-http-request.
        for (String v : exposed) {
            if (!v.startsWith("res.")) {
                b.append("    http-request set-header x-v-").append(header(v)).append(" \"%[var(").append(v)
                        .append(")]\" if { var(").append(v).append(") -m found }\n");
            }
        }
        b.append("    server u1 127.0.0.1:").append(upstreamPort).append('\n');
        b.append("backend agents\n    mode tcp\n    option spop-check\n    server a1 ").append(agentAddress)
                .append(" check inter 3s\n");
        return b.toString();
    }
}
