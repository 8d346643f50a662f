package io.spoe4j.spring;

import io.spoe4j.codec.Action;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The testkit agents of these tests, answering by the request path they are sent: every NOTIFY
 * sets {@code txn.score=42} and {@code txn.path}; a path containing {@code deny}, {@code drop} or
 * {@code alt} also sets {@code txn.action}/{@code txn.route}; {@code fault} closes the agent
 * connection, {@code slow} answers after 3 s (past every engine's processing timeout); a body
 * message gets {@code txn.len} back.
 */
final class ScriptedAgents {
    static final Duration WAIT = Duration.ofSeconds(10);

    private ScriptedAgents() {
    }

    static SpoaAgent start() {
        return SpoaAgent.builder().dispatcher(ScriptedAgents::answer).build().start();
    }

    static Response answer(io.spoe4j.testkit.RecordedNotify notify) {
        Message m = notify.messages().get(0);
        String path = text(m.arg("path"));
        List<Action> actions = new ArrayList<>();
        actions.add(Action.setVar(Scope.TXN, "score", TypedValue.int32(42)));
        actions.add(Action.setVar(Scope.TXN, "path", TypedValue.string(path)));
        if (path.contains("deny")) {
            actions.add(Action.setVar(Scope.TXN, "action", TypedValue.string("deny")));
        }
        if (path.contains("drop")) {
            actions.add(Action.setVar(Scope.TXN, "action", TypedValue.string("drop")));
        }
        if (path.contains("alt")) {
            actions.add(Action.setVar(Scope.TXN, "route", TypedValue.string("alt")));
        }
        if (path.contains("fault")) {
            return Response.fault(Fault.closeSocket());
        }
        Response r = Response.actions(actions);
        return path.contains("slow") ? r.delay(Duration.ofSeconds(3)) : r;
    }

    static String text(TypedValue v) {
        if (v instanceof TypedValue.Str s) {
            return new String(s.bytes(), StandardCharsets.UTF_8);
        }
        if (v instanceof TypedValue.Binary b) {
            return new String(b.bytes(), StandardCharsets.UTF_8);
        }
        return v == null ? "" : v.toString();
    }
}
