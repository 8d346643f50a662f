package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.Condition;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.codec.Arg;
import io.spoe4j.client.codec.Message;
import io.spoe4j.config.MessageArg;
import io.spoe4j.config.MessageConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the messages of one NOTIFY as HAProxy encodes them: configured order, messages whose
 * condition is false left out, every configured argument present (NULL when its fetch fails),
 * names as configured ({@code ""} for positional arguments).
 */
final class NotifyBuilder {
    private NotifyBuilder() {
    }

    static List<Message> build(List<MessageConfig> configs, RequestAttributes attributes) {
        List<Message> messages = new ArrayList<>(configs.size());
        for (MessageConfig config : configs) {
            if (config.condition().isPresent()) {
                Condition condition = config.condition().get();
                if (!condition.test(attributes)) {
                    continue;
                }
            }
            List<MessageArg> argConfigs = config.args();
            List<Arg> args = new ArrayList<>(argConfigs.size());
            for (MessageArg a : argConfigs) {
                args.add(new Arg(a.name(), Values.encode(a.expression().evaluate(attributes))));
            }
            messages.add(new Message(config.name(), args));
        }
        return messages;
    }
}
