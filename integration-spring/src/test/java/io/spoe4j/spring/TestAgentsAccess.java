package io.spoe4j.spring;

import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;

/** {@link TestAgents}' dispatcher for the tests of other packages. */
public final class TestAgentsAccess {
    private TestAgentsAccess() {
    }

    public static Response answer(RecordedNotify notify) {
        return TestAgents.answer(notify);
    }
}
