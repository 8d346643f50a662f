package io.spoe4j.acl;

/**
 * A compiled sample expression: a fetch followed by converters ({@code req.hdr(host),lower}).
 * Immutable and thread-safe; compile once with {@link AclCompiler#sample(String)}, evaluate per
 * transaction.
 */
public interface SampleExpression {

    /** Evaluates the expression; null when the sample is missing (the engine then sends NULL). */
    Sample evaluate(RequestAttributes attributes);

    /** The source text. */
    String text();

    /** The type the expression declares it returns ({@link Sample.Type#ANY} when unknown). */
    Sample.Type type();

    /** Whether the adapter must buffer the request body for this expression. */
    boolean needsRequestBody();

    /** Whether the expression reads the response (status, headers or body). */
    boolean needsResponse();

    /** Whether the adapter must buffer the response body for this expression. */
    boolean needsResponseBody();
}
