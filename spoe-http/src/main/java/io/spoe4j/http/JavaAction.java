package io.spoe4j.http;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.config.RuleDirection;
import java.util.List;
import java.util.Objects;

/**
 * An action written in Java that a haproxy.cfg rule {@code http-request lua.NAME [args]} (or
 * {@code http-response lua.NAME}) runs in place of HAProxy's Lua action of that name, so setups that
 * need Lua (CrowdSec's {@code lua.crowdsec_handle}, Datadog's {@code lua.send_blocking_response})
 * run unchanged. Register it with {@link HttpRules.Builder#action(String, JavaAction)} or ship a
 * {@link JavaActionProvider} through {@link java.util.ServiceLoader}. Runs on the thread that runs
 * the transaction's rules (an adapter's event loop): it must not block. Implementations are shared
 * by every transaction and must be thread-safe.
 */
@FunctionalInterface
public interface JavaAction {

    /** Runs the action for one transaction. */
    Result run(Context context);

    /** What an action sees and may change of its transaction. */
    interface Context {

        /** The request (and, on the response side, the response) with every engine's variables ({@code var()}). */
        RequestAttributes attributes();

        /** The words after the action name in the rule. */
        List<String> args();

        /** The rule set the action runs in. */
        RuleDirection direction();

        /** A variable by full name, e.g. {@code txn.crowdsec.remediation}; null when unset. */
        default Sample variable(String fullName) {
            return attributes().variable(fullName);
        }

        /** Sets a variable of the transaction ({@code txn.*}, {@code req.*}, {@code res.*}, {@code sess.*}). */
        void setVariable(String fullName, Sample value);

        /** Sets a header of the message of this rule set (the request on the request side, else the response). */
        void setHeader(String name, String value);

        /** Adds a header to the message of this rule set. */
        void addHeader(String name, String value);

        /** Removes every header {@code name} of the message of this rule set. */
        void removeHeader(String name);

        /** HAProxy's own error answer for {@code status} (the proxy's {@code errorfile} when it has one). */
        HttpReply errorReply(int status);
    }

    /** The outcome of an action: go on with the next rule, answer now, or drop the connection. */
    sealed interface Result {
    }

    /** Go on with the next rule. */
    record Continue() implements Result {
    }

    /** Stop the rule set and answer {@code reply} (http-after-response rules still apply to it). */
    record Reply(HttpReply reply) implements Result {
        public Reply {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /** Stop and close the client connection without an answer. */
    record Drop() implements Result {
    }

    /** Go on with the next rule. */
    static Result proceed() {
        return new Continue();
    }

    /** Answer {@code reply}. */
    static Result reply(HttpReply reply) {
        return new Reply(reply);
    }

    /** Close the connection without an answer. */
    static Result drop() {
        return new Drop();
    }
}
