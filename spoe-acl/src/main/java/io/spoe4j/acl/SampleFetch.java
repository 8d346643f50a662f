package io.spoe4j.acl;

import java.util.List;
import java.util.function.BiPredicate;

/**
 * SPI for a sample fetch ({@code src}, {@code req.hdr(name)}): register one with
 * {@link AclCompiler.Builder#register(SampleFetch)}. The built-in fetches implement it too.
 * {@link #compile(List)} validates the arguments once; the returned function must be
 * thread-safe and must not throw for any request.
 */
public interface SampleFetch {

    /** The keyword, e.g. {@code req.hdr}. */
    String name();

    /** The type the fetch returns; it picks the default ACL match method. */
    Sample.Type type();

    /**
     * Validates and binds the arguments (already unquoted). Throw {@link IllegalArgumentException}
     * with a message saying what was expected to reject them.
     */
    Function compile(List<String> args);

    default boolean needsRequestBody() {
        return false;
    }

    default boolean needsResponse() {
        return false;
    }

    default boolean needsResponseBody() {
        return false;
    }

    /** A fetch bound to its arguments. */
    interface Function {
        /** The sample, or null when missing. */
        Sample fetch(RequestAttributes attributes);

        /**
         * ACL evaluation: whether any of the values this fetch yields in an ACL context passes
         * {@code test}. Fetches that return several values to ACLs (all occurrences of a header)
         * override it; by default it tests the single sample.
         */
        default boolean anyMatch(RequestAttributes attributes, BiPredicate<Sample, RequestAttributes> test) {
            Sample s = fetch(attributes);
            return s != null && test.test(s, attributes);
        }
    }
}
