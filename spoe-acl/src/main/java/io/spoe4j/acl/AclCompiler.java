package io.spoe4j.acl;

import io.spoe4j.acl.internal.AclParser;
import io.spoe4j.acl.internal.CompiledSample;
import io.spoe4j.acl.internal.Registry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles HAProxy sample expressions, ACLs and conditions into immutable, thread-safe objects.
 * Every error is an {@link ExpressionException} naming the word, the offset and what was
 * expected. {@link #standard()} knows the built-in fetches and converters and resolves
 * {@code -f} files against the working directory; {@link #builder()} adds extensions.
 */
public final class AclCompiler {
    private final Registry registry;
    private final AclParser parser;

    private AclCompiler(Registry registry, Path baseDirectory) {
        this.registry = registry;
        this.parser = new AclParser(registry, baseDirectory);
    }

    /** Built-in fetches and converters; {@code -f} files relative to the working directory. */
    public static AclCompiler standard() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Compiles a sample expression such as {@code req.hdr(host),lower}. */
    public SampleExpression sample(String text) {
        Objects.requireNonNull(text, "text");
        return CompiledSample.compile(text, registry);
    }

    /** Compiles the words after {@code acl <name>}: criterion, flags, operator, patterns. */
    public Acl acl(String name, List<String> words) {
        Objects.requireNonNull(words, "words");
        return parser.acl(name, List.copyOf(words));
    }

    /**
     * Compiles {@code if|unless} followed by ACL names, {@code !}, {@code ||}/{@code or} and
     * anonymous ACLs between {@code {} and {@code }} words. {@code named} holds the ACLs in
     * scope; HAProxy's predefined ACLs (TRUE, METH_GET, LOCALHOST, ...) are always known.
     */
    public Condition condition(List<String> words, Map<String, Acl> named) {
        Objects.requireNonNull(words, "words");
        return parser.condition(List.copyOf(words), named);
    }

    /** Builds a compiler with a base directory for pattern files and extra keywords. */
    public static final class Builder {
        private Path baseDirectory = Path.of("");
        private final List<SampleFetch> fetches = new ArrayList<>();
        private final List<Converter> converters = new ArrayList<>();

        private Builder() {
        }

        /** Directory that relative {@code -f} file names resolve against. */
        public Builder baseDirectory(Path directory) {
            this.baseDirectory = Objects.requireNonNull(directory, "baseDirectory");
            return this;
        }

        /** Adds a fetch; it replaces a built-in of the same name. */
        public Builder register(SampleFetch fetch) {
            Objects.requireNonNull(fetch, "fetch");
            checkName(fetch.name(), "fetch");
            fetches.add(fetch);
            return this;
        }

        /** Adds a converter; it replaces a built-in of the same name. */
        public Builder register(Converter converter) {
            Objects.requireNonNull(converter, "converter");
            checkName(converter.name(), "converter");
            converters.add(converter);
            return this;
        }

        private static void checkName(String name, String what) {
            if (name == null || name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c)
                    || c == '.' || c == '_' || c == '-')) {
                throw new IllegalArgumentException(what + " name must be made of letters, digits, '.', '_' or '-': '"
                        + name + "'");
            }
        }

        public AclCompiler build() {
            return new AclCompiler(Registry.of(fetches, converters), baseDirectory);
        }
    }
}
