package io.spoe4j.codec;

/** Variable scopes of SET-VAR and UNSET-VAR actions, with the prefix HAProxy gives variable names. */
public enum Scope {
    PROC(0, "proc"),
    SESS(1, "sess"),
    TXN(2, "txn"),
    REQ(3, "req"),
    RES(4, "res");

    private static final Scope[] BY_CODE = values();

    private final int code;
    private final String label;

    Scope(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    /** The scope's name as written in variable names: {@code proc}, {@code sess}, {@code txn}, {@code req}, {@code res}. */
    public String label() {
        return label;
    }

    /** The scope of a wire byte, or {@code null} when the byte names no scope. */
    public static Scope of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The scope with the given label, or {@code null}. */
    public static Scope ofLabel(String label) {
        for (Scope s : BY_CODE) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        return null;
    }
}
