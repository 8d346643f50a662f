package io.spoe4j.config;

import io.spoe4j.acl.Acl;
import io.spoe4j.acl.AclCompiler;
import io.spoe4j.config.internal.AgentSection;
import io.spoe4j.config.internal.HaproxyCfgParser;
import io.spoe4j.config.internal.RuleText;
import io.spoe4j.config.internal.SpoeConfParser;
import io.spoe4j.options.AgentOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Reads SPOE configuration as HAProxy does: a {@code spoe.conf} into an {@link EngineConfig}, or
 * a {@code haproxy.cfg} (agent backends, {@code filter spoe} lines and the {@code spoe.conf} files
 * they name, the rules spoe4j applies, the HTTP settings of {@code mode http} sections) into a
 * {@link SpoeSetup}, or one rule written in Java ({@link #parseRule(String)}).
 * Thread-safe; every method throws {@link SpoeConfigException} carrying all errors found.
 */
public final class SpoeConfigReader {
    /** HAProxy's default {@code tune.bufsize}. */
    public static final int DEFAULT_TUNE_BUFSIZE = AgentOptions.DEFAULT_MAX_FRAME_SIZE + 4;

    private final AclCompiler compiler;
    private final UnaryOperator<String> environment;
    private final int tuneBufsize;

    private SpoeConfigReader(Builder b) {
        this.compiler = b.compiler != null ? b.compiler : AclCompiler.standard();
        this.environment = b.environment;
        this.tuneBufsize = b.tuneBufsize;
    }

    /** This reader with another {@code tune.bufsize}, as a haproxy.cfg's {@code global} section sets it. */
    public SpoeConfigReader withTuneBufsize(int bufsize) {
        Builder b = new Builder();
        b.compiler = compiler;
        b.environment = environment;
        return b.tuneBufsize(bufsize).build();
    }

    /**
     * This reader with {@code environment} for {@code "$VAR"} expansion; a haproxy.cfg's
     * {@code setenv} lines apply to the {@code spoe.conf} files it names this way.
     */
    public SpoeConfigReader withEnvironment(UnaryOperator<String> environment) {
        Builder b = new Builder();
        b.compiler = compiler;
        b.environment = Objects.requireNonNull(environment, "environment");
        return b.tuneBufsize(tuneBufsize).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** HAProxy's {@code tune.bufsize} this reader assumes (a haproxy.cfg's {@code global} section overrides it). */
    public int tuneBufsize() {
        return tuneBufsize;
    }

    /** A reader with the standard expression compiler and the process environment. */
    public static SpoeConfigReader standard() {
        return builder().build();
    }

    /** Reads the part of a {@code spoe.conf} outside any {@code [scope]}. */
    public EngineConfig readSpoeConf(Path file) {
        return readSpoeConf(file, null);
    }

    /** Reads the {@code [engine]} scope of a {@code spoe.conf}; {@code null} reads the part outside scopes. */
    public EngineConfig readSpoeConf(Path file, String engine) {
        return parseSpoeConf(file.toString(), read(file), engine);
    }

    /** Parses {@code text}; {@code fileName} is only used in messages and {@link Origin}s. */
    public EngineConfig parseSpoeConf(String fileName, String text, String engine) {
        return new SpoeConfParser(fileName, text, engine, compiler, environment, tuneBufsize).parse();
    }

    /**
     * Reads a {@code haproxy.cfg}; {@code config} files of {@code filter spoe} lines are resolved
     * against the directory of {@code file} when relative.
     */
    public SpoeSetup readHaproxyCfg(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return parseHaproxyCfg(file.toString(), read(file), dir);
    }

    /** Parses {@code text}; relative {@code filter spoe} config files are resolved against {@code baseDirectory}. */
    public SpoeSetup parseHaproxyCfg(String fileName, String text, Path baseDirectory) {
        return new HaproxyCfgParser(fileName, text, baseDirectory, this, compiler, environment).parse();
    }

    /**
     * Parses one rule written as in haproxy.cfg, e.g.
     * {@code http-request deny deny_status 403 if { var(txn.coraza.action) -m str deny }},
     * {@code http-response set-header X %[var(txn.a)]} or {@code use_backend b2 if { path_beg /x }},
     * with haproxy.cfg's quoting. Its proxy is {@code "<java>"} and its origin {@code <java>:1:column}.
     * Anything a haproxy.cfg would only warn about (an action spoe4j does not apply, an argument
     * ignored) is an error here. A {@code use_backend} name is not checked (there is no
     * configuration to check it against); relative payload files are read from the working directory.
     *
     * @throws SpoeConfigException naming the column, with the text and a caret
     */
    public ProxyRule parseRule(String text) {
        return parseRule(text, Map.of());
    }

    /** {@link #parseRule(String)} with named ACLs the condition may use ({@code if !internal}). */
    public ProxyRule parseRule(String text, Map<String, Acl> namedAcls) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(namedAcls, "namedAcls");
        return RuleText.parse(text, namedAcls, compiler, environment, tuneBufsize, null);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpoeConfigException(java.util.List.of(new ConfigError(new Origin(file.toString(), 0, 0),
                    "Could not open configuration file " + file + " : " + e, "")));
        }
    }

    /** Options of a reader: the expression compiler and where {@code "$VAR"} values come from. */
    public static final class Builder {
        private AclCompiler compiler;
        private UnaryOperator<String> environment = System::getenv;
        private int tuneBufsize = DEFAULT_TUNE_BUFSIZE;

        private Builder() {
        }

        /**
         * HAProxy's {@code tune.bufsize}: {@code max-frame-size} defaults to, and is limited to,
         * this minus 4. A haproxy.cfg's {@code global} section overrides it for the files it names.
         */
        public Builder tuneBufsize(int bufsize) {
            AgentSection.checkTuneBufsize(bufsize);
            this.tuneBufsize = bufsize;
            return this;
        }

        /** Compiles args, ACLs and conditions; defaults to {@link AclCompiler#standard()}. */
        public Builder compiler(AclCompiler compiler) {
            this.compiler = Objects.requireNonNull(compiler, "compiler");
            return this;
        }

        /** Environment variables for {@code "$VAR"} expansion; defaults to the process environment. */
        public Builder environment(Map<String, String> variables) {
            Map<String, String> copy = Map.copyOf(variables);
            this.environment = copy::get;
            return this;
        }

        public SpoeConfigReader build() {
            return new SpoeConfigReader(this);
        }
    }
}
