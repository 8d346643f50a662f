package io.spoe4j.acl.internal;

import io.spoe4j.acl.Sample.Type;

/** HAProxy's ACL match methods ({@code -m}), with the sample type each one expects. */
enum MatchMethod {
    FOUND(Type.ANY), BOOL(Type.BOOL), INT(Type.INT), IP(Type.ADDR), BIN(Type.BIN), LEN(Type.STR),
    STR(Type.STR), BEG(Type.STR), END(Type.STR), SUB(Type.STR), REG(Type.STR), DOM(Type.STR), DIR(Type.STR);

    final Type expects;

    MatchMethod(Type expects) {
        this.expects = expects;
    }

    String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static MatchMethod byKeyword(String k) {
        for (MatchMethod m : values()) {
            if (m.keyword().equals(k)) {
                return m;
            }
        }
        return null;
    }

    /** Whether patterns are numbers (and the eq/ge/gt/le/lt operators apply). */
    boolean numeric() {
        return this == INT || this == LEN;
    }

    /** The match HAProxy picks from a criterion's output type when no -m is given; null if none. */
    static MatchMethod defaultFor(Type t) {
        switch (t) {
            case BOOL:
                return BOOL;
            case INT:
                return INT;
            case IPV4:
            case IPV6:
            case ADDR:
                return IP;
            case STR:
                return STR;
            default:
                return null;
        }
    }
}
