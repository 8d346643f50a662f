package io.spoe4j.codec;

import java.util.Objects;

/** An action of an ACK frame: set or unset a variable in a scope. */
public sealed interface Action {
    Scope scope();

    /** The bare variable name the agent sent; the engine adds {@code <scope>.<var-prefix>.}. */
    String name();

    static SetVar setVar(Scope scope, String name, TypedValue value) {
        return new SetVar(scope, name, value);
    }

    static UnsetVar unsetVar(Scope scope, String name) {
        return new UnsetVar(scope, name);
    }

    /** SET-VAR ({@code 01 03 scope name value}). A NULL value means "unset" to HAProxy 2.3+. */
    record SetVar(Scope scope, String name, TypedValue value) implements Action {
        public SetVar {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** UNSET-VAR ({@code 02 02 scope name}). */
    record UnsetVar(Scope scope, String name) implements Action {
        public UnsetVar {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(name, "name");
        }
    }
}
