package io.spoe4j.spring;

import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;

/** {@link ScriptedAgents}' dispatcher for the tests of other packages. */
public final class ScriptedAgentsAccess {
    private ScriptedAgentsAccess() {
    }

    public static Response answer(RecordedNotify notify) {
        return ScriptedAgents.answer(notify);
    }
}
