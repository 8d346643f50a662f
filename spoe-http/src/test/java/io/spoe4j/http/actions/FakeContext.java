package io.spoe4j.http.actions;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.acl.SimpleRequestAttributes;
import io.spoe4j.config.RuleDirection;
import io.spoe4j.http.HttpReply;
import io.spoe4j.http.JavaAction;
import java.util.List;
import java.util.Map;

/** A read-only transaction for the actions: variables and request headers; any change fails the test. */
record FakeContext(RequestAttributes attributes) implements JavaAction.Context {

    /** {@code headers} are name, value pairs. */
    static FakeContext of(Map<String, Sample> variables, String... headers) {
        SimpleRequestAttributes.Builder b = SimpleRequestAttributes.builder().method("GET").uri("/page?x=1");
        variables.forEach(b::variable);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return new FakeContext(b.build());
    }

    @Override
    public List<String> args() {
        return List.of();
    }

    @Override
    public RuleDirection direction() {
        return RuleDirection.HTTP_REQUEST;
    }

    @Override
    public void setVariable(String fullName, Sample value) {
        throw new AssertionError("unexpected setVariable " + fullName);
    }

    @Override
    public void setHeader(String name, String value) {
        throw new AssertionError("unexpected setHeader " + name);
    }

    @Override
    public void addHeader(String name, String value) {
        throw new AssertionError("unexpected addHeader " + name);
    }

    @Override
    public void removeHeader(String name) {
        throw new AssertionError("unexpected removeHeader " + name);
    }

    @Override
    public HttpReply errorReply(int status) {
        throw new AssertionError("unexpected errorReply " + status);
    }
}
