package io.spoe4j.conformance;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reproducer of a difference found and not fixed yet (README, conformance section): requests
 * pipelined on one connection, under setups with response-side events. HAProxy 2.6 starts the
 * next request's stream only once the previous response is done, so each request's NOTIFYs,
 * response ones included, come before the next request's; the spoe4j gateway starts the next
 * request's events as soon as the previous request is forwarded, so its request-side NOTIFYs come
 * before the previous request's response-side ones. Answers and variables agree. Each test fails
 * today. Not part of the suite (surefire runs *Test classes only); run it with
 * {@code mvn -B -pl conformance-tests -am verify -Dtest=PipelinedResponseEventsProbe -Dsurefire.failIfNoSpecifiedTests=false}.
 * When it passes, add the pipelined scenarios to {@link KeepAliveConformanceTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelinedResponseEventsProbe {
    private final KeepAliveConformanceTest harnesses = new KeepAliveConformanceTest();

    static List<KeepAliveConformanceTest.Scenario> scenarios() {
        return KeepAliveConformanceTest.withResponseEvents(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void pipelinedRequestsNotifyInHaproxysOrder(KeepAliveConformanceTest.Scenario scenario) {
        harnesses.agentsCannotTellTheProxiesApartOnOneConnection(scenario);
    }

    @AfterAll
    void stopAll() {
        harnesses.stopAll();
    }
}
