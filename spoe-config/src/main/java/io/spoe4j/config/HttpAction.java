package io.spoe4j.config;

import io.spoe4j.acl.LogFormat;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An HAProxy HTTP action of an {@code http-request}, {@code http-response},
 * {@code http-after-response} or {@code tcp-request content} rule, as parsed from haproxy.cfg or
 * from rule text built in Java. {@code <fmt>} arguments are compiled {@link LogFormat}s evaluated per
 * transaction. The final actions ({@link #isFinal()}) stop their rule set. Immutable.
 */
public sealed interface HttpAction {

    /** Whether the action ends the rule set when it applies (deny, return, redirect, silent-drop, tarpit, accept, reject). */
    default boolean isFinal() {
        return false;
    }

    /** The action keyword as written in haproxy.cfg ({@code deny}, {@code set-header}, {@code lua.crowdsec_handle}). */
    String keyword();

    /** A header argument {@code hdr <name> <fmt>} of a reply. */
    record HeaderFormat(String name, LogFormat value) {
        public HeaderFormat {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The body of a reply, HAProxy's {@code http_reply}. */
    sealed interface Payload {
        /**
         * The error page for the reply's status: the proxy's {@code errorfile} for it, else HAProxy's
         * built-in page. What {@code deny} and {@code tarpit} answer with no argument but
         * {@code deny_status}, and what {@code default-errorfiles} asks for.
         */
        record Default() implements Payload {
        }

        /**
         * No body ({@code content-length: 0}): {@code return} without a payload, and {@code deny}
         * with {@code hdr} or {@code content-type} arguments but no payload (HAProxy 2.6 then builds
         * an empty reply, not the error page).
         */
        record Empty() implements Payload {
        }

        /**
         * {@code errorfile <file>}: a whole raw HTTP response, sent as is (checked when read as
         * HAProxy does); an empty file means nothing is sent and the connection is closed.
         */
        record Errorfile(String file, byte[] response) implements Payload {
        }

        /** {@code string <str>} or {@code file <file>}: a constant body. */
        record Constant(byte[] body) implements Payload {
        }

        /** {@code lf-string <fmt>} or {@code lf-file <file>}: a body evaluated per transaction. */
        record Format(LogFormat body) implements Payload {
        }
    }

    /**
     * What {@code deny}, {@code return}, {@code tarpit} and {@code http-response deny} answer:
     * {@code status}, an optional {@code content-type} (required with a payload), a payload and
     * extra {@code hdr} headers.
     */
    record Reply(int status, Optional<String> contentType, Payload payload, List<HeaderFormat> headers) {
        public Reply {
            if (status < 200 || status > 599) {
                throw new IllegalArgumentException("status must be between 200 and 599 (got " + status + ")");
            }
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(payload, "payload");
            headers = List.copyOf(headers);
        }
    }

    /** {@code deny [deny_status <code>] [content-type ...] [payload] [hdr <name> <fmt>]*}. */
    record Deny(Reply reply) implements HttpAction {
        @Override
        public boolean isFinal() {
            return true;
        }

        @Override
        public String keyword() {
            return "deny";
        }
    }

    /** {@code return [status <code>] [content-type <type>] [payload] [hdr <name> <fmt>]*}. */
    record Return(Reply reply) implements HttpAction {
        @Override
        public boolean isFinal() {
            return true;
        }

        @Override
        public String keyword() {
            return "return";
        }
    }

    /** {@code tarpit [deny_status <code>] ...}: holds the request for {@code timeout tarpit}, then answers (500 by default). */
    record Tarpit(Reply reply) implements HttpAction {
        @Override
        public boolean isFinal() {
            return true;
        }

        @Override
        public String keyword() {
            return "tarpit";
        }
    }

    /** The three forms of {@code redirect}. */
    enum RedirectType {
        LOCATION, PREFIX, SCHEME
    }

    /**
     * {@code redirect location|prefix|scheme <fmt> [code <c>] [drop-query] [append-slash]
     * [set-cookie NAME[=value]] [clear-cookie NAME] [ignore-empty]}; {@code setCookie}/{@code clearCookie}
     * hold the argument as written (at most one of them: the last one written wins, as in HAProxy).
     * With {@code ignoreEmpty}, a target that evaluates to an empty string cancels the redirect
     * and the rules go on.
     */
    record Redirect(RedirectType type, LogFormat target, int code, boolean dropQuery, boolean appendSlash,
            Optional<String> setCookie, Optional<String> clearCookie, boolean ignoreEmpty) implements HttpAction {

        /** A redirect without {@code ignore-empty}. */
        public Redirect(RedirectType type, LogFormat target, int code, boolean dropQuery, boolean appendSlash,
                Optional<String> setCookie, Optional<String> clearCookie) {
            this(type, target, code, dropQuery, appendSlash, setCookie, clearCookie, false);
        }

        public Redirect {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(target, "target");
            if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) {
                throw new IllegalArgumentException("redirect code must be 301, 302, 303, 307 or 308 (got " + code + ")");
            }
            Objects.requireNonNull(setCookie, "setCookie");
            Objects.requireNonNull(clearCookie, "clearCookie");
        }

        @Override
        public boolean isFinal() {
            return true;
        }

        @Override
        public String keyword() {
            return "redirect";
        }
    }

    /** {@code set-header <name> <fmt>} ({@code add == false}) or {@code add-header <name> <fmt>}. */
    record SetHeader(String name, LogFormat value, boolean add) implements HttpAction {
        public SetHeader {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String keyword() {
            return add ? "add-header" : "set-header";
        }
    }

    /** How {@code del-header -m} matches header names. */
    enum NameMatch {
        STR, BEG, END, SUB, REG
    }

    /** {@code del-header <name> [-m str|beg|end|sub|reg]}; {@code regex} is set for {@code -m reg}. */
    record DelHeader(String name, NameMatch match, Optional<Pattern> regex) implements HttpAction {
        public DelHeader {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(regex, "regex");
        }

        @Override
        public String keyword() {
            return "del-header";
        }
    }

    /**
     * {@code replace-header <name> <regex> <fmt>} ({@code eachValue == false}: the whole value) or
     * {@code replace-value} (each comma-separated value).
     */
    record ReplaceHeader(String name, Pattern regex, LogFormat replacement, boolean eachValue) implements HttpAction {
        public ReplaceHeader {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(regex, "regex");
            Objects.requireNonNull(replacement, "replacement");
        }

        @Override
        public String keyword() {
            return eachValue ? "replace-value" : "replace-header";
        }
    }

    /** The request-line parts {@link SetRequestLine} rewrites. */
    enum RequestLinePart {
        PATH("set-path"), PATHQ("set-pathq"), QUERY("set-query"), URI("set-uri"), METHOD("set-method");

        private final String keyword;

        RequestLinePart(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** {@code set-path|set-pathq|set-query|set-uri|set-method <fmt>}. */
    record SetRequestLine(RequestLinePart part, LogFormat value) implements HttpAction {
        public SetRequestLine {
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String keyword() {
            return part.keyword();
        }
    }

    /** {@code set-var-fmt(<scope>.<name>) <fmt>}: the variable gets the formatted string. */
    record SetVarFmt(String variable, LogFormat format) implements HttpAction {
        public SetVarFmt {
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(format, "format");
        }

        @Override
        public String keyword() {
            return "set-var-fmt";
        }
    }

    /** {@code set-status <code> [reason <str>]} of {@code http-response} and {@code http-after-response}. */
    record SetStatus(int status, Optional<String> reason) implements HttpAction {
        public SetStatus {
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException("set-status expects a status code between 100 and 999 (got " + status + ")");
            }
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String keyword() {
            return "set-status";
        }
    }

    /** {@code silent-drop}: the client connection is closed with nothing sent. */
    record SilentDrop() implements HttpAction {
        @Override
        public boolean isFinal() {
            return true;
        }

        @Override
        public String keyword() {
            return "silent-drop";
        }
    }

    /** {@code wait-for-body time <time> [at-least <bytes>]}: the rules after it see the body (or 408 after {@code time}). */
    record WaitForBody(Duration time, long atLeast) implements HttpAction {
        public WaitForBody {
            Objects.requireNonNull(time, "time");
            if (atLeast < 0) {
                throw new IllegalArgumentException("at-least must not be negative");
            }
        }

        @Override
        public String keyword() {
            return "wait-for-body";
        }
    }

    /**
     * {@code tcp-request content accept} ({@code accept == true}, ends the tcp-request rules) or
     * {@code reject} (closes the connection). {@code tcp-request content} rules may also carry
     * {@link SetVarFmt} and {@link SilentDrop}.
     */
    record TcpContent(boolean accept) implements HttpAction {
        @Override
        public boolean isFinal() {
            return true;
        }

        @Override
        public String keyword() {
            return accept ? "accept" : "reject";
        }
    }

    /**
     * {@code lua.<name> [args...]}: a Java action registered under {@code name} runs in its place;
     * {@code args} are the words written after the action, up to {@code if}/{@code unless}.
     */
    record Lua(String name, List<String> args) implements HttpAction {
        public Lua {
            Objects.requireNonNull(name, "name");
            args = List.copyOf(args);
        }

        @Override
        public String keyword() {
            return "lua." + name;
        }
    }
}
