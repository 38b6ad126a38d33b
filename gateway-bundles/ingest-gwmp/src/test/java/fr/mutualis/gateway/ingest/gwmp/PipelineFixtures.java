package fr.mutualis.gateway.ingest.gwmp;

import fr.mutualis.gateway.pipeline.FramePipeline;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.osgi.service.log.Logger;

/** The real filter pipeline behind the decoder, outside OSGi, for the fuzz test and the benchmark. */
final class PipelineFixtures {

    private PipelineFixtures() {
    }

    /** A pipeline configured with {@code settings} (Metatype defaults otherwise) over a store that keeps nothing. */
    static FramePipeline pipeline(Map<String, Object> settings, LongSupplier nanoTime) {
        return new FramePipeline(config(settings), frames -> CompletableFuture.completedFuture(null), silentLogger(),
                nanoTime);
    }

    private static FramePipeline.Config config(Map<String, Object> settings) {
        return (FramePipeline.Config) Proxy.newProxyInstance(FramePipeline.Config.class.getClassLoader(),
                new Class<?>[] {FramePipeline.Config.class}, (proxy, method, args) ->
                        method.getName().equals("annotationType") ? FramePipeline.Config.class
                                : settings.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    private static Logger silentLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> method.getReturnType() == boolean.class ? Boolean.FALSE
                        : method.getReturnType() == String.class ? "" : null);
    }
}
