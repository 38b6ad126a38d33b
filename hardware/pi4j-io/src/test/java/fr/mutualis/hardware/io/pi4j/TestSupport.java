package fr.mutualis.hardware.io.pi4j;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.osgi.service.log.Logger;

/** Configuration annotations as DS would make them, and a recording logger. */
final class TestSupport {

    private TestSupport() {
    }

    /** An instance of a component's configuration annotation: the given values, else the declared defaults. */
    static <A> A config(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            Object value = values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
            if (value == null) {
                throw new IllegalStateException("no value for " + method.getName());
            }
            return value;
        }));
    }

    static Logger logger(List<String> lines) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getReturnType() == boolean.class) {
                        return true;
                    }
                    if (args != null && args.length > 0 && args[0] instanceof String
                            && List.of("trace", "debug", "info", "warn", "error").contains(method.getName())) {
                        lines.add(method.getName().toUpperCase() + " " + format((String) args[0], args));
                    }
                    return method.getName().equals("getName") ? "test" : null;
                });
    }

    /** Fills the {} of an OSGi log format with the arguments, enough to assert on log lines. */
    private static String format(String pattern, Object[] args) {
        StringBuilder out = new StringBuilder();
        int arg = 1;
        int from = 0;
        int at;
        while ((at = pattern.indexOf("{}", from)) >= 0) {
            out.append(pattern, from, at).append(arg < args.length ? args[arg++] : "{}");
            from = at + 2;
        }
        return out.append(pattern.substring(from)).toString();
    }
}
