package io.spoe4j.config.internal;

import io.spoe4j.config.EngineOptions;
import io.spoe4j.config.NameRef;
import io.spoe4j.config.Origin;
import io.spoe4j.config.internal.ParseContext.LineFailed;
import io.spoe4j.config.internal.Tokenizer.Word;
import io.spoe4j.options.AgentOptions;
import io.spoe4j.options.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code spoe-agent} section being read: its keywords go straight into the option builders
 * ({@link EngineOptions}, and the client's {@link AgentOptions} and {@link PoolOptions}), and a
 * value a builder refuses fails at its place in the file.
 */
public final class AgentSection {
    private final ParseContext ctx;
    final String name;
    final Origin origin;
    final EngineOptions.Builder options = EngineOptions.builder();
    /** Starts from HAProxy's defaults; max-frame-size from tune.bufsize. */
    final AgentOptions.Builder agentOptions = AgentOptions.haproxyBuilder();
    final PoolOptions.Builder poolOptions = PoolOptions.builder();
    /** tune.bufsize - 4: max-frame-size's default and upper bound, as HAProxy has it. */
    private final int maxFrameLimit;
    final List<NameRef> messages = new ArrayList<>();
    final List<NameRef> groups = new ArrayList<>();
    final List<String> logs = new ArrayList<>();
    String varPrefix;
    Origin varPrefixOrigin;
    String useBackend;

    AgentSection(ParseContext ctx, String name, Origin origin, int tuneBufsize) {
        this.ctx = ctx;
        this.name = name;
        this.origin = origin;
        this.maxFrameLimit = tuneBufsize - 4;
        agentOptions.maxFrameSize(maxFrameLimit);
    }

    /**
     * Checks HAProxy's {@code tune.bufsize}: {@code max-frame-size} defaults to, and may not exceed,
     * {@code bufsize - 4}, which must itself be a max-frame-size {@link AgentOptions} accepts.
     */
    public static void checkTuneBufsize(int bufsize) {
        long limit = (long) bufsize - 4;
        if (limit < AgentOptions.MIN_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("'tune.bufsize' must be at least " + (AgentOptions.MIN_MAX_FRAME_SIZE + 4)
                    + " (got " + bufsize + ").");
        }
        if (limit > AgentOptions.MAX_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("'tune.bufsize' must not exceed " + (AgentOptions.MAX_MAX_FRAME_SIZE + 4L)
                    + " (got " + bufsize + "): max-frame-size is tune.bufsize - 4.");
        }
    }

    void keyword(int n, List<Word> w) throws LineFailed {
        String kw = w.get(0).text();
        switch (kw) {
            case "timeout" -> timeout(n, w);
            case "use-backend" -> {
                if (w.size() < 2) {
                    throw ctx.fail(n, w.get(0), "'use-backend' expects a backend name.");
                }
                ctx.maxArgs(n, w, 2);
                useBackend = w.get(1).text();
            }
            case "messages", "groups" -> {
                if (w.size() < 2) {
                    throw ctx.fail(n, w.get(0), "'" + kw + "' expects one or more "
                            + (kw.equals("messages") ? "message" : "group") + " names.");
                }
                for (Word name : w.subList(1, w.size())) {
                    (kw.equals("messages") ? messages : groups).add(new NameRef(name.text(), ctx.origin(n, name)));
                }
            }
            case "register-var-names" -> {
                if (w.size() < 2) {
                    throw ctx.fail(n, w.get(0), "'register-var-names' expects one or more variable names.");
                }
                for (Word name : w.subList(1, w.size())) {
                    try {
                        options.registerVarName(name.text());
                    } catch (IllegalArgumentException e) {
                        throw ctx.fail(n, name, e.getMessage());
                    }
                }
            }
            case "maxconnrate", "maxerrrate", "max-frame-size", "max-waiting-frames" -> limit(n, w);
            case "log" -> {
                if (w.size() < 2) {
                    throw ctx.fail(n, w.get(0), "'log' expects either 'global' or a log target.");
                }
                logs.add(String.join(" ", ParseContext.texts(w.subList(1, w.size()))));
            }
            case "option" -> option(n, w, false);
            case "no" -> {
                if (w.size() > 1 && w.get(1).text().equals("option")) {
                    option(n, w.subList(1, w.size()), true);
                } else if (w.size() > 1 && w.get(1).text().equals("log")) {
                    ctx.maxArgs(n, w.subList(1, w.size()), 1);
                    logs.clear();
                } else {
                    throw ctx.fail(n, w.get(0), "'no' expects 'option' or 'log' in spoe-agent section.");
                }
            }
            default -> throw ctx.fail(n, w.get(0), "unknown keyword '" + kw + "' in spoe-agent section.");
        }
    }

    private void timeout(int n, List<Word> w) throws LineFailed {
        if (w.size() < 2) {
            throw ctx.fail(n, w.get(0), "'timeout' expects 'hello', 'idle' and 'processing'.");
        }
        String which = w.get(1).text();
        if (!which.equals("hello") && !which.equals("idle") && !which.equals("processing")) {
            throw ctx.fail(n, w.get(1), "unknown timeout '" + which + "' (expected hello, idle, processing)");
        }
        if (w.size() < 3) {
            throw ctx.fail(n, w.get(1), "'timeout " + which + "' expects an integer value (in milliseconds).");
        }
        ctx.maxArgs(n, w, 3);
        Duration d = ctx.time(n, w.get(2), "'timeout " + which + "'");
        try {
            // 0 means unset, as in HAProxy: the HAProxy default comes back
            switch (which) {
                case "hello" -> agentOptions.helloTimeout(d.isZero() ? AgentOptions.DEFAULT_HELLO_TIMEOUT : d);
                case "idle" -> agentOptions.idleTimeout(d.isZero() ? AgentOptions.DEFAULT_IDLE_TIMEOUT : d);
                default -> agentOptions.processingTimeout(d.isZero() ? AgentOptions.HAPROXY_PROCESSING_TIMEOUT : d);
            }
        } catch (IllegalArgumentException e) {
            throw ctx.fail(n, w.get(2), e.getMessage());
        }
        if (!which.equals("processing")) {
            ctx.warn(n, w.get(1), "'timeout " + which + "' is ignored by HAProxy 3.1+ (kept for the HAProxy <= 3.0 behaviour).");
        }
    }

    private void limit(int n, List<Word> w) throws LineFailed {
        String kw = w.get(0).text();
        if (w.size() < 2) {
            throw ctx.fail(n, w.get(0), "'" + kw + "' expects an integer argument.");
        }
        ctx.maxArgs(n, w, 2);
        int value = ctx.integer(n, w.get(1), "'" + kw + "'");
        try {
            switch (kw) {
                case "maxconnrate" -> poolOptions.maxConnRate(value);
                case "maxerrrate" -> poolOptions.maxErrRate(value);
                case "max-frame-size" -> {
                    if (value < AgentOptions.MIN_MAX_FRAME_SIZE || value > maxFrameLimit) {
                        throw new IllegalArgumentException("'max-frame-size' expects a positive integer argument in "
                                + "the range [" + AgentOptions.MIN_MAX_FRAME_SIZE + ", " + maxFrameLimit
                                + "] (got " + value + ").");
                    }
                    agentOptions.maxFrameSize(value);
                }
                default -> agentOptions.maxWaitingFrames(value);
            }
        } catch (IllegalArgumentException e) {
            throw ctx.fail(n, w.get(1), e.getMessage());
        }
        if (!kw.equals("max-frame-size")) {
            ctx.warn(n, w.get(0), "'" + kw + "' is ignored by HAProxy 3.1+ (kept for the HAProxy <= 3.0 behaviour).");
        }
    }

    private void option(int n, List<Word> w, boolean negated) throws LineFailed {
        if (w.size() < 2) {
            throw ctx.fail(n, w.get(0), "'option' expects an option name.");
        }
        Word nameWord = w.get(1);
        String name = nameWord.text();
        switch (name) {
            case "pipelining", "async", "send-frag-payload", "dontlog-normal" -> {
                ctx.maxArgs(n, w, 2);
                switch (name) {
                    case "pipelining" -> agentOptions.pipelining(!negated);
                    case "async" -> agentOptions.async(!negated);
                    case "send-frag-payload" -> agentOptions.sendFragPayload(!negated);
                    default -> options.dontlogNormal(!negated);
                }
                if (name.equals("async") || name.equals("send-frag-payload")) {
                    ctx.warn(n, nameWord, "'option " + name + "' is ignored by HAProxy 3.1+ (kept for the HAProxy <= 3.0 behaviour).");
                }
            }
            case "continue-on-error", "force-set-var", "spop-check" -> {
                notNegated(n, nameWord, negated);
                ctx.maxArgs(n, w, 2);
                if (name.equals("continue-on-error")) {
                    options.continueOnError(true);
                } else if (name.equals("force-set-var")) {
                    options.forceSetVar(true);
                } else {
                    ctx.warn(n, nameWord, "'option spop-check' has no effect in a spoe-agent section: it belongs to "
                            + "the backend of the agent servers (use-backend); ignored.");
                }
            }
            case "var-prefix", "set-on-error", "set-process-time", "set-total-time" -> {
                notNegated(n, nameWord, negated);
                if (w.size() < 3) {
                    throw ctx.fail(n, nameWord, "'option " + name + "' expects a value.");
                }
                ctx.maxArgs(n, w, 3);
                Word value = w.get(2);
                try {
                    switch (name) {
                        case "var-prefix" -> {
                            varPrefix = value.text();
                            varPrefixOrigin = ctx.origin(n, value);
                        }
                        case "set-on-error" -> options.setOnError(value.text());
                        case "set-process-time" -> options.setProcessTime(value.text());
                        default -> options.setTotalTime(value.text());
                    }
                } catch (IllegalArgumentException e) {
                    throw ctx.fail(n, value, e.getMessage());
                }
            }
            default -> throw ctx.fail(n, nameWord, "option '" + name + "' is not supported.");
        }
    }

    private void notNegated(int n, Word nameWord, boolean negated) throws LineFailed {
        if (negated) {
            throw ctx.fail(n, nameWord, "negation is not supported for option '" + nameWord.text() + "'.");
        }
    }
}
