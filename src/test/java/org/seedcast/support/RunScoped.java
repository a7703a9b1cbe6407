package org.seedcast.support;

import java.util.function.Consumer;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a parameter of one type with one instance for the whole test run: made on first use (it is slow to
 * make), kept in JUnit's root store, closed when the run ends, and {@linkplain #handOver handed over} to each test.
 */
abstract class RunScoped<T> implements ParameterResolver {

    private final Class<T> type;

    RunScoped(Class<T> type) {
        this.type = type;
    }

    abstract T create();

    abstract void close(T instance);

    /** Readies the run's instance for the test that asks for it; as it is, unless a subclass says otherwise. */
    T handOver(T instance) {
        return instance;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    /** The run's instance if a test has asked for it already, else null: made only on first use. */
    T made(ExtensionContext context) {
        Kept<?> kept = store(context).get(type, Kept.class);
        return kept == null ? null : type.cast(kept.instance());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Kept<?> kept = store(context).computeIfAbsent(type, key -> new Kept<>(create(), this::close), Kept.class);
        return handOver(type.cast(kept.instance()));
    }

    /** Where the run's instance is kept: the root store, so every class of the run gets the same one. */
    private ExtensionContext.Store store(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(getClass()));
    }

    private record Kept<T>(T instance, Consumer<T> closer) implements AutoCloseable {

        @Override
        public void close() {
            closer.accept(instance);
        }
    }
}
