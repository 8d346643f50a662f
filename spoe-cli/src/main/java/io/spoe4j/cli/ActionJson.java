package io.spoe4j.cli;

import io.spoe4j.codec.Action;
import io.spoe4j.codec.TypedValue;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Renders an ACK action as one JSON object, e.g.
 * {@code {"action":"set-var","scope":"sess","name":"ip_score","type":"uint32","value":42}}.
 * Integers are JSON numbers (UINT64 unsigned), addresses and strings JSON strings, binary lower-case
 * hex, NULL {@code null}. Stateless.
 */
final class ActionJson {
    private ActionJson() {
    }

    static String toJson(Action action) {
        StringBuilder b = new StringBuilder(96);
        if (action instanceof Action.SetVar set) {
            b.append("{\"action\":\"set-var\",\"scope\":\"").append(set.scope().label()).append("\",\"name\":");
            string(b, set.name());
            b.append(",\"type\":\"").append(set.value().type().label()).append("\",\"value\":");
            value(b, set.value());
        } else {
            b.append("{\"action\":\"unset-var\",\"scope\":\"").append(action.scope().label()).append("\",\"name\":");
            string(b, action.name());
        }
        return b.append('}').toString();
    }

    private static void value(StringBuilder b, TypedValue v) {
        if (v instanceof TypedValue.Null) {
            b.append("null");
        } else if (v instanceof TypedValue.Bool bool) {
            b.append(bool.toDisplayString());
        } else if (v instanceof TypedValue.Uint64) {
            b.append(Long.toUnsignedString(v.asLong()));
        } else if (v instanceof TypedValue.Int32 || v instanceof TypedValue.Uint32 || v instanceof TypedValue.Int64) {
            b.append(v.asLong());
        } else if (v instanceof TypedValue.Str s) {
            string(b, new String(s.bytes(), StandardCharsets.UTF_8));
        } else if (v instanceof TypedValue.Binary bin) {
            b.append('"').append(HexFormat.of().formatHex(bin.bytes())).append('"');
        } else {
            string(b, v.toDisplayString());
        }
    }

    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }
}
