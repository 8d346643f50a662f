package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.Condition;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.codec.Message;
import io.spoe4j.config.MessageArg;
import io.spoe4j.config.MessageConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's NOTIFY building before {@link MessageEncoder}, kept as the reference its bytes are
 * checked against: the messages of one NOTIFY as HAProxy encodes them, configured order, messages
 * whose condition is false left out, every configured argument present (NULL when its fetch
 * fails), names as configured ({@code ""} for positional arguments).
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
                args.add(new Arg(a.name(), encode(a.expression().evaluate(attributes))));
            }
            messages.add(new Message(config.name(), args));
        }
        return messages;
    }

    /** A sample as HAProxy encodes it in a NOTIFY: every integer as INT64, a missing sample as NULL. */
    static TypedValue encode(Sample sample) {
        if (sample == null) {
            return TypedValue.NULL;
        }
        if (sample instanceof Sample.Bool b) {
            return TypedValue.bool(b.value());
        }
        if (sample instanceof Sample.Int i) {
            return TypedValue.int64(i.value());
        }
        if (sample instanceof Sample.Ipv4 a) {
            return TypedValue.ipv4(a.address());
        }
        if (sample instanceof Sample.Ipv6 a) {
            return TypedValue.ipv6(a.address());
        }
        if (sample instanceof Sample.Str s) {
            return TypedValue.string(s.value());
        }
        return TypedValue.binary(((Sample.Bin) sample).bytes());
    }
}
