package io.spoe4j.config;

import io.spoe4j.SpoeException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration (a file, or a model built in Java) is invalid. Carries every error found in
 * the same pass, in file order, like HAProxy reports them; the message is all of them formatted.
 */
public final class SpoeConfigException extends SpoeException {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigError> errors;

    public SpoeConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::format).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a SpoeConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
