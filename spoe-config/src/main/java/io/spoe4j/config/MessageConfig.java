package io.spoe4j.config;

import io.spoe4j.acl.Acl;
import io.spoe4j.acl.Condition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code spoe-message}: its arguments in order, its named ACLs, and the event (with an optional
 * condition, {@code if}/{@code unless} already folded in) that sends it. Messages used only in
 * groups have no event. Build with {@link #builder(String)}; the parser uses the same builder.
 */
public record MessageConfig(String name, List<MessageArg> args, Map<String, Acl> acls, Optional<SpoeEvent> event,
        Optional<Condition> condition, Origin origin) {

    public MessageConfig {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
        acls = Collections.unmodifiableMap(new LinkedHashMap<>(acls));
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(origin, "origin");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** True when an argument or the condition reads response data. */
    public boolean needsResponse() {
        return args.stream().anyMatch(a -> a.expression().needsResponse())
                || condition.map(Condition::needsResponse).orElse(false);
    }

    /** True when an argument or the condition reads the request body. */
    public boolean needsRequestBody() {
        return args.stream().anyMatch(a -> a.expression().needsRequestBody())
                || condition.map(Condition::needsRequestBody).orElse(false);
    }

    /** True when an argument or the condition reads the response body. */
    public boolean needsResponseBody() {
        return args.stream().anyMatch(a -> a.expression().needsResponseBody())
                || condition.map(Condition::needsResponseBody).orElse(false);
    }

    /** Collects a message; {@link #build()} checks it and throws {@link SpoeConfigException}. */
    public static final class Builder {
        private final String name;
        private Origin origin = Origin.JAVA;
        private final List<MessageArg> args = new ArrayList<>();
        private final Map<String, Acl> acls = new LinkedHashMap<>();
        private SpoeEvent event;
        private Origin eventOrigin = Origin.JAVA;
        private Condition condition;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder origin(Origin origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        public Builder arg(MessageArg arg) {
            args.add(Objects.requireNonNull(arg, "arg"));
            return this;
        }

        /** A named ACL usable by the event condition; a second ACL with the same name is ORed in. */
        public Builder acl(Acl acl) {
            acls.merge(acl.name(), acl, Acl::or);
            return this;
        }

        /** The event that sends this message; a later call replaces an earlier one, like a later {@code event} line. */
        public Builder event(SpoeEvent event, Condition condition, Origin origin) {
            this.event = Objects.requireNonNull(event, "event");
            this.condition = condition;
            this.eventOrigin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        public Builder event(SpoeEvent event) {
            return event(event, null, Origin.JAVA);
        }

        public Builder event(SpoeEvent event, Condition condition) {
            return event(event, condition, Origin.JAVA);
        }

        public MessageConfig build() {
            List<ConfigError> errors = new ArrayList<>();
            Names.check("spoe-message", name, origin, errors);
            if (event != null && !event.isResponse()) {
                for (MessageArg arg : args) {
                    if (arg.expression().needsResponse()) {
                        errors.add(new ConfigError(arg.origin(), "Ignore SPOE message '" + name + "' at " + origin
                                + ": some args extract information from 'response', none of which is available here ('"
                                + event.keyword() + "')", ""));
                    }
                }
                if (condition != null && condition.needsResponse()) {
                    errors.add(new ConfigError(eventOrigin, "the condition of 'event " + event.keyword()
                            + "' reads response data, which is not available at this event", ""));
                }
            }
            if (!errors.isEmpty()) {
                throw new SpoeConfigException(errors);
            }
            return new MessageConfig(name, args, acls, Optional.ofNullable(event), Optional.ofNullable(condition), origin);
        }
    }
}
