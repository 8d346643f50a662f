package io.spoe4j.acl;

import java.util.List;

/**
 * SPI for a converter ({@code lower}, {@code field(2,:)}): register one with
 * {@link AclCompiler.Builder#register(Converter)}. Its input is cast to {@link #inputType()}
 * the way HAProxy casts samples; when that cast is impossible the result is missing.
 */
public interface Converter {

    /** The keyword, e.g. {@code lower}. */
    String name();

    /** The type the converter expects; {@link Sample.Type#ANY} takes any sample as is. */
    Sample.Type inputType();

    /** The type it returns. */
    Sample.Type outputType();

    /** Validates and binds the arguments; throw {@link IllegalArgumentException} to reject them. */
    Function compile(List<String> args);

    /** A converter bound to its arguments; thread-safe, never throws. */
    interface Function {
        /** The converted sample, or null when missing. */
        Sample apply(Sample input, RequestAttributes attributes);
    }
}
