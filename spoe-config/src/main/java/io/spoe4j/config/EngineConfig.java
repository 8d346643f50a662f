package io.spoe4j.config;

import io.spoe4j.options.AgentOptions;
import io.spoe4j.options.PoolOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One SPOE engine: the {@code spoe-agent} of a {@code spoe.conf} scope with the messages it sends
 * on events (in the order of its {@code messages} lines; messages without an event are left out,
 * as HAProxy ignores them) and the groups usable by {@code send-spoe-group}. Immutable; built by
 * {@link Builder}, which performs every cross-check HAProxy makes, for files and Java alike.
 * {@code options} holds the engine-level flags; {@code agentOptions} and {@code poolOptions} the
 * section's connection and pool knobs (HAProxy's defaults unless set), to which the backend's own
 * settings are added by {@link BackendConfig#agentOptions} and {@link BackendConfig#poolOptions}.
 * Immutable and thread-safe (the compiled expressions are too).
 */
public record EngineConfig(String engineName, String agentName, String varPrefix, EngineOptions options,
        AgentOptions agentOptions, PoolOptions poolOptions, String useBackend, List<String> logTargets, List<MessageConfig> messages, List<GroupConfig> groups,
        Origin origin, List<ConfigWarning> warnings) {

    public EngineConfig {
        Objects.requireNonNull(engineName, "engineName");
        Objects.requireNonNull(agentName, "agentName");
        Objects.requireNonNull(varPrefix, "varPrefix");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(agentOptions, "agentOptions");
        Objects.requireNonNull(poolOptions, "poolOptions");
        Objects.requireNonNull(useBackend, "useBackend");
        logTargets = List.copyOf(logTargets);
        messages = List.copyOf(messages);
        groups = List.copyOf(groups);
        Objects.requireNonNull(origin, "origin");
        warnings = List.copyOf(warnings);
    }

    public static Builder builder(String agentName) {
        return new Builder(agentName);
    }

    /** The messages sent on {@code event}, in declaration order. */
    public List<MessageConfig> messagesFor(SpoeEvent event) {
        return messages.stream().filter(m -> m.event().orElse(null) == event).toList();
    }

    public Optional<GroupConfig> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** Full name of an agent or option variable: {@code scope.prefix.name}. */
    public String variableName(String scope, String name) {
        return scope + "." + varPrefix + "." + name;
    }

    /**
     * Collects an agent, the messages and groups defined next to it, and the names it uses;
     * {@link #build()} resolves the names and throws {@link SpoeConfigException} with every problem.
     */
    public static final class Builder {
        private final String agentName;
        private Origin origin = Origin.JAVA;
        private String engineName;
        private String varPrefix;
        private Origin varPrefixOrigin = Origin.JAVA;
        private EngineOptions options = EngineOptions.DEFAULTS;
        private AgentOptions agentOptions;
        private PoolOptions poolOptions;
        private String useBackend;
        private final List<String> logTargets = new ArrayList<>();
        private final Map<String, MessageConfig> definedMessages = new LinkedHashMap<>();
        private final Map<String, GroupDef> definedGroups = new LinkedHashMap<>();
        private final List<NameRef> usedMessages = new ArrayList<>();
        private final List<NameRef> usedGroups = new ArrayList<>();
        private final List<ConfigError> errors = new ArrayList<>();
        private final List<ConfigWarning> warnings = new ArrayList<>();

        private record GroupDef(String name, Origin origin, List<NameRef> messages) {
        }

        private Builder(String agentName) {
            this.agentName = Objects.requireNonNull(agentName, "agentName");
        }

        public Builder origin(Origin origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        /** Defaults to the agent name, as for a {@code filter spoe} line without {@code engine}. */
        public Builder engineName(String engineName) {
            this.engineName = engineName;
            return this;
        }

        public Builder varPrefix(String prefix, Origin origin) {
            this.varPrefix = prefix;
            this.varPrefixOrigin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        public Builder varPrefix(String prefix) {
            return varPrefix(prefix, Origin.JAVA);
        }

        public Builder options(EngineOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Defaults to {@link AgentOptions#haproxyDefaults()}, as for a section that sets nothing. */
        public Builder agentOptions(AgentOptions options) {
            this.agentOptions = Objects.requireNonNull(options, "agentOptions");
            return this;
        }

        /** Defaults to {@link PoolOptions#defaults()}; the section sets its {@code maxconnrate}, {@code maxerrrate}. */
        public Builder poolOptions(PoolOptions options) {
            this.poolOptions = Objects.requireNonNull(options, "poolOptions");
            return this;
        }

        public Builder useBackend(String backend) {
            this.useBackend = backend;
            return this;
        }

        /** A {@code log} line's arguments, e.g. {@code global}; {@link #noLog()} clears them. */
        public Builder log(String target) {
            logTargets.add(Objects.requireNonNull(target, "target"));
            return this;
        }

        public Builder noLog() {
            logTargets.clear();
            return this;
        }

        /** Defines a message that {@link #useMessage} or a group may reference. */
        public Builder defineMessage(MessageConfig message) {
            MessageConfig previous = definedMessages.get(message.name());
            if (previous != null) {
                errors.add(new ConfigError(message.origin(), "spoe-message section '" + message.name()
                        + "' has the same name as another one declared at " + previous.origin() + ".", ""));
            } else {
                definedMessages.put(message.name(), message);
            }
            return this;
        }

        /** Defines a group by the names of its messages, in order; {@link #useGroup} makes it usable. */
        public Builder defineGroup(String name, Origin origin, List<NameRef> messages) {
            GroupDef previous = definedGroups.get(name);
            if (previous != null) {
                errors.add(new ConfigError(origin, "spoe-group section '" + name
                        + "' has the same name as another one declared at " + previous.origin() + ".", ""));
            } else {
                Names.check("spoe-group", name, origin, errors);
                definedGroups.put(name, new GroupDef(name, origin, List.copyOf(messages)));
            }
            return this;
        }

        public Builder useMessage(NameRef message) {
            usedMessages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        /** Defines {@code message} and sends it on its event. */
        public Builder useMessage(MessageConfig message) {
            defineMessage(message);
            return useMessage(new NameRef(message.name(), message.origin()));
        }

        public Builder useGroup(NameRef group) {
            usedGroups.add(Objects.requireNonNull(group, "group"));
            return this;
        }

        /** A warning found while reading the file, returned with the model. */
        public Builder warning(ConfigWarning warning) {
            warnings.add(Objects.requireNonNull(warning, "warning"));
            return this;
        }

        public EngineConfig build() {
            List<ConfigError> errs = new ArrayList<>(errors);
            List<ConfigWarning> warns = new ArrayList<>(warnings);
            Names.check("spoe-agent", agentName, origin, errs);
            String prefix = varPrefix;
            if (prefix == null) {
                prefix = agentName;
                if (!EngineOptions.isVarName(prefix) && !agentName.isEmpty()) {
                    errs.add(new ConfigError(origin, "Invalid variable prefix '" + prefix + "' for SPOE agent '"
                            + agentName + "' declared at " + origin + ". Use 'option var-prefix' to set it. Only "
                            + "[a-zA-Z0-9_.] chars are supported.", ""));
                }
            } else if (!EngineOptions.isVarName(prefix)) {
                errs.add(new ConfigError(varPrefixOrigin, "'option var-prefix' only supports [a-zA-Z0-9_.] chars.", ""));
            }
            if (useBackend == null || useBackend.isEmpty()) {
                errs.add(new ConfigError(origin, "No backend declared for SPOE agent '" + agentName + "' declared at "
                        + origin + ".", ""));
            }
            AgentOptions agent = agentOptions != null ? agentOptions : AgentOptions.haproxyDefaults();
            if (agent.processingTimeout().equals(AgentOptions.HAPROXY_PROCESSING_TIMEOUT)) {
                warns.add(new ConfigWarning(origin, "missing 'timeout processing' for SPOE agent '" + agentName
                        + "' declared at " + origin + ": an event may wait for its agent forever."));
            }
            if (usedMessages.isEmpty() && usedGroups.isEmpty()) {
                warns.add(new ConfigWarning(origin, "No message/group used by SPOE agent '" + agentName
                        + "' declared at " + origin + "."));
            }
            List<MessageConfig> messages = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (NameRef ref : usedMessages) {
                MessageConfig m = definedMessages.get(ref.name());
                if (!seen.add(ref.name())) {
                    errs.add(new ConfigError(ref.origin(), "spoe-message '" + ref.name() + "' already used.", ""));
                } else if (m == null) {
                    errs.add(new ConfigError(ref.origin(), "SPOE agent '" + agentName
                            + "' try to use undefined SPOE message '" + ref.name() + "' at " + ref.origin() + ".", ""));
                } else if (m.event().isEmpty()) {
                    warns.add(new ConfigWarning(m.origin(), "Ignore SPOE message '" + m.name() + "' without event at "
                            + m.origin() + "."));
                } else {
                    messages.add(m);
                }
            }
            List<GroupConfig> groups = new ArrayList<>();
            Map<String, String> owner = new HashMap<>();
            Set<String> seenGroups = new HashSet<>();
            for (NameRef ref : usedGroups) {
                GroupDef g = definedGroups.get(ref.name());
                if (!seenGroups.add(ref.name())) {
                    errs.add(new ConfigError(ref.origin(), "spoe-group '" + ref.name() + "' already used.", ""));
                    continue;
                }
                if (g == null) {
                    errs.add(new ConfigError(ref.origin(), "SPOE agent '" + agentName
                            + "' try to use undefined SPOE group '" + ref.name() + "' at " + ref.origin() + ".", ""));
                    continue;
                }
                groups.add(resolveGroup(g, owner, errs));
            }
            for (GroupDef g : definedGroups.values()) {
                if (!seenGroups.contains(g.name())) {
                    warns.add(new ConfigWarning(g.origin(), "SPOE group '" + g.name() + "' declared at " + g.origin()
                            + " is not listed in the 'groups' of SPOE agent '" + agentName + "': it is ignored."));
                }
            }
            for (MessageConfig m : definedMessages.values()) {
                if (m.event().isEmpty() && !owner.containsKey(m.name()) && !seen.contains(m.name())) {
                    warns.add(new ConfigWarning(m.origin(), "SPOE message '" + m.name() + "' declared at " + m.origin()
                            + " has no event and belongs to no group: it is never sent."));
                }
            }
            if (!errs.isEmpty()) {
                throw new SpoeConfigException(errs);
            }
            return new EngineConfig(engineName == null ? agentName : engineName, agentName, prefix, options, agent,
                    poolOptions != null ? poolOptions : PoolOptions.defaults(), useBackend, logTargets, messages, groups, origin, warns);
        }

        private GroupConfig resolveGroup(GroupDef g, Map<String, String> owner, List<ConfigError> errs) {
            List<MessageConfig> members = new ArrayList<>();
            Set<String> inGroup = new HashSet<>();
            for (NameRef ref : g.messages()) {
                MessageConfig m = definedMessages.get(ref.name());
                if (!inGroup.add(ref.name())) {
                    errs.add(new ConfigError(ref.origin(), "spoe-message '" + ref.name() + "' already used.", ""));
                } else if (m == null) {
                    errs.add(new ConfigError(ref.origin(), "SPOE group '" + g.name()
                            + "' try to use undefined SPOE message '" + ref.name() + "' at " + ref.origin() + ".", ""));
                } else if (owner.containsKey(ref.name())) {
                    errs.add(new ConfigError(ref.origin(), "SPOE message '" + ref.name()
                            + "' already belongs to the SPOE group '" + owner.get(ref.name()) + "' declared at "
                            + definedGroups.get(owner.get(ref.name())).origin() + ".", ""));
                } else {
                    owner.put(ref.name(), g.name());
                    members.add(m);
                }
            }
            return new GroupConfig(g.name(), members, g.origin());
        }
    }
}
