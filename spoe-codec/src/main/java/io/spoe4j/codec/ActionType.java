package io.spoe4j.codec;

/** The action types of an ACK's LIST-OF-ACTIONS, with the wire byte and the NB-ARGS each one carries. */
public enum ActionType {
    /** {@code 01 03 scope name value}. */
    SET_VAR(1, 3),
    /** {@code 02 02 scope name}. */
    UNSET_VAR(2, 2);

    private final int code;
    private final int nbArgs;

    ActionType(int code, int nbArgs) {
        this.code = code;
        this.nbArgs = nbArgs;
    }

    public int code() {
        return code;
    }

    /** The NB-ARGS byte that must follow the type byte (HAProxy stops at an action with another count). */
    public int nbArgs() {
        return nbArgs;
    }

    /** The type for a wire byte, or {@code null} when the byte names no known action. */
    public static ActionType of(int code) {
        switch (code) {
            case 1: return SET_VAR;
            case 2: return UNSET_VAR;
            default: return null;
        }
    }
}
