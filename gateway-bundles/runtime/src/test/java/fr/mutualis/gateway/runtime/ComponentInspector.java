package fr.mutualis.gateway.runtime;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Reads DS component states from inside the framework. The SCR API classes live in bundles, not
 * on the test's class path (on purpose), so they are reached through the SCR bundle's own class
 * loader and the DTOs' public fields are read reflectively.
 */
final class ComponentInspector {

    private static final String SCR = "org.osgi.service.component.runtime.ServiceComponentRuntime";
    static final int ACTIVE = 8;

    /** One component configuration as DS reports it. */
    record ComponentState(String name, String bundle, int state, Map<String, Object> properties, String failure) {
    }

    private ComponentInspector() {
    }

    static List<ComponentState> components(BundleContext context) throws ReflectiveOperationException {
        ServiceReference<?> reference = context.getServiceReference(SCR);
        if (reference == null) {
            return List.of();
        }
        Object runtime = context.getService(reference);
        try {
            Class<?> api = runtime.getClass().getClassLoader().loadClass(SCR);
            Method descriptions = api.getMethod("getComponentDescriptionDTOs", Bundle[].class);
            Class<?> descriptionType = api.getClassLoader()
                    .loadClass("org.osgi.service.component.runtime.dto.ComponentDescriptionDTO");
            Method configurations = api.getMethod("getComponentConfigurationDTOs", descriptionType);
            List<ComponentState> states = new ArrayList<>();
            for (Object description : (Collection<?>) descriptions.invoke(runtime, (Object) new Bundle[0])) {
                String name = (String) field(description, "name");
                Object bundleDto = field(description, "bundle");
                String bundle = (String) field(bundleDto, "symbolicName");
                Collection<?> configs = (Collection<?>) configurations.invoke(runtime, description);
                if (configs.isEmpty()) {
                    states.add(new ComponentState(name, bundle, 0, Map.of(), "no configuration"));
                }
                for (Object configuration : configs) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> properties = (Map<String, Object>) field(configuration, "properties");
                    states.add(new ComponentState(name, bundle, (Integer) field(configuration, "state"), properties,
                            (String) field(configuration, "failure")));
                }
            }
            return states;
        } finally {
            context.ungetService(reference);
        }
    }

    private static Object field(Object dto, String name) throws ReflectiveOperationException {
        return dto.getClass().getField(name).get(dto);
    }
}
