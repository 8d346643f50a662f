package io.spoe4j.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine-level flags of one {@code spoe-agent}: what the engine does with errors, timings and
 * variables ({@code option continue-on-error}, {@code set-on-error}, {@code set-process-time},
 * {@code set-total-time}, {@code force-set-var}, {@code dontlog-normal}, {@code register-var-names}).
 * The connection and pool knobs of the section live in {@link io.spoe4j.options.AgentOptions} and
 * {@link io.spoe4j.options.PoolOptions}. Immutable; the {@link Builder} rejects a bad value at once
 * with a message naming the option, and the file parser goes through the same builder.
 */
public record EngineOptions(
        boolean continueOnError,
        Optional<String> setOnError,
        Optional<String> setProcessTime,
        Optional<String> setTotalTime,
        boolean forceSetVar,
        boolean dontlogNormal,
        List<String> registerVarNames) {

    /** HAProxy's defaults: every flag off, no variable names. */
    public static final EngineOptions DEFAULTS = builder().build();

    public EngineOptions {
        registerVarNames = List.copyOf(registerVarNames);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.continueOnError = continueOnError;
        b.setOnError = setOnError.orElse(null);
        b.setProcessTime = setProcessTime.orElse(null);
        b.setTotalTime = setTotalTime.orElse(null);
        b.forceSetVar = forceSetVar;
        b.dontlogNormal = dontlogNormal;
        b.registerVarNames.addAll(registerVarNames);
        return b;
    }

    /** True when {@code name} is made only of {@code [a-zA-Z0-9_.]}, as HAProxy requires of variable names. */
    public static boolean isVarName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** Validating builder; every setter throws {@link IllegalArgumentException} naming the option. */
    public static final class Builder {
        private boolean continueOnError;
        private String setOnError;
        private String setProcessTime;
        private String setTotalTime;
        private boolean forceSetVar;
        private boolean dontlogNormal;
        private final List<String> registerVarNames = new ArrayList<>();

        private Builder() {
        }

        public Builder continueOnError(boolean on) {
            this.continueOnError = on;
            return this;
        }

        public Builder setOnError(String var) {
            this.setOnError = varName("set-on-error", var);
            return this;
        }

        public Builder setProcessTime(String var) {
            this.setProcessTime = varName("set-process-time", var);
            return this;
        }

        public Builder setTotalTime(String var) {
            this.setTotalTime = varName("set-total-time", var);
            return this;
        }

        public Builder forceSetVar(boolean on) {
            this.forceSetVar = on;
            return this;
        }

        public Builder dontlogNormal(boolean on) {
            this.dontlogNormal = on;
            return this;
        }

        public Builder registerVarName(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("'register-var-names' expects one or more variable names.");
            }
            registerVarNames.add(name);
            return this;
        }

        public EngineOptions build() {
            return new EngineOptions(continueOnError, Optional.ofNullable(setOnError), Optional.ofNullable(setProcessTime),
                    Optional.ofNullable(setTotalTime), forceSetVar, dontlogNormal, registerVarNames);
        }

        private static String varName(String option, String var) {
            if (var == null || var.isEmpty()) {
                throw new IllegalArgumentException("'option " + option + "' expects a value.");
            }
            if (!isVarName(var)) {
                throw new IllegalArgumentException("'option " + option + "' only supports [a-zA-Z0-9_.] chars (got '" + var + "').");
            }
            return var;
        }
    }
}
