package io.spoe4j.undertow.internal;

import io.spoe4j.acl.Sample;
import io.spoe4j.undertow.SpoeExchange;
import io.undertow.attribute.ExchangeAttribute;
import io.undertow.attribute.ExchangeAttributeBuilder;
import io.undertow.attribute.ReadOnlyAttributeException;
import io.undertow.server.HttpServerExchange;

/**
 * {@code %{spoe,txn.iprep.score}}: a SPOE variable of the exchange as text (see {@link io.spoe4j.client.VariableHeaders#value}),
 * or {@code null} when unset, for Undertow's predicates, access log and handler language. Read-only.
 */
public final class SpoeVariableAttribute implements ExchangeAttribute {
    private final String name;

    SpoeVariableAttribute(String name) {
        this.name = name;
    }

    @Override
    public String readAttribute(HttpServerExchange exchange) {
        Sample value = SpoeExchange.variable(exchange, name);
        return value == null ? null : io.spoe4j.client.VariableHeaders.value(value);
    }

    @Override
    public void writeAttribute(HttpServerExchange exchange, String newValue) throws ReadOnlyAttributeException {
        throw new ReadOnlyAttributeException("SPOE variable " + name, newValue);
    }

    @Override
    public String toString() {
        return "%{spoe," + name + "}";
    }

    /** The SPI builder for {@code %{spoe,NAME}}. */
    public static final class Builder implements ExchangeAttributeBuilder {
        @Override
        public String name() {
            return "SPOE variable";
        }

        @Override
        public ExchangeAttribute build(String token) {
            if (token.startsWith("%{spoe,") && token.endsWith("}")) {
                String name = token.substring(7, token.length() - 1).strip();
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("%{spoe,NAME} needs a variable name, got " + token);
                }
                return new SpoeVariableAttribute(name);
            }
            return null;
        }

        @Override
        public int priority() {
            return 0;
        }
    }
}
