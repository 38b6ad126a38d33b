package fr.mutualis.gateway.config;

import fr.mutualis.contract.AttributeOption;
import fr.mutualis.contract.AttributeSchema;
import fr.mutualis.contract.AttributeType;
import fr.mutualis.contract.ReportedComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import fr.mutualis.contract.ConfigurationPids;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The configurable components of this gateway, as their bundles describe them with Metatype:
 * configuration PID → schema (values left empty). Read anew each time it is needed, since
 * bundles come and go with updates.
 */
final class ComponentCatalogue {

    /**
     * Properties that belong to this device and not to the fleet, left out of the schemas the fleet
     * validates against, so that a push setting them is refused: the uplink's certificate, key and
     * trust anchor are the gateway's enrolment (its private key never leaves it); the release public
     * key is the installer's, so that the fleet can never choose which signatures a gateway trusts.
     */
    static final Map<String, Set<String>> LOCAL_ONLY_ATTRIBUTES = Map.of(
            "fr.mutualis.gateway.uplink.mqtt", Set.of("caCertificateFile", "clientCertificateFile", "clientKeyFile"),
            "fr.mutualis.gateway.ota", Set.of("releaseKeyFile"));

    /**
     * The factories whose instances the fleet may create (an allow-list: a factory added later by any
     * bundle is not remotely creatable until it is named here).
     */
    static final Set<String> REMOTE_FACTORIES = Set.of("fr.mutualis.autonomy.lighting.circuit", "fr.mutualis.autonomy.alarm");

    private ComponentCatalogue() {
    }

    /**
     * Every PID with a Metatype description, except the {@code excluded} ones (local-only), and the
     * schema of each {@link #REMOTE_FACTORIES remotely creatable factory} under {@code factoryPid~}
     * ({@link ConfigurationPids}).
     */
    static Map<String, ReportedComponent> read(BundleContext context, MetaTypeService metaType, Set<String> excluded) {
        Map<String, ReportedComponent> components = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE && bundle.getState() != Bundle.STARTING) {
                continue;
            }
            MetaTypeInformation information = metaType.getMetaTypeInformation(bundle);
            if (information == null) {
                continue;
            }
            MetatypeBounds[] bounds = {null};
            describe(bundle, information, information.getPids(), excluded, bounds, components, pid -> pid);
            String[] factories = information.getFactoryPids() == null ? null
                    : Arrays.stream(information.getFactoryPids()).filter(REMOTE_FACTORIES::contains).toArray(String[]::new);
            describe(bundle, information, factories, excluded, bounds, components, ConfigurationPids::factorySchemaKey);
        }
        return components;
    }

    private static void describe(Bundle bundle, MetaTypeInformation information, String[] pids, Set<String> excluded,
                                 MetatypeBounds[] bounds, Map<String, ReportedComponent> components,
                                 UnaryOperator<String> reportedAs) {
        if (pids == null) {
            return;
        }
        for (String pid : pids) {
            if (excluded.contains(pid)) {
                continue;
            }
            ObjectClassDefinition ocd = information.getObjectClassDefinition(pid, null);
            if (ocd == null) {
                continue;
            }
            if (bounds[0] == null) {
                bounds[0] = MetatypeBounds.of(bundle);
            }
            String key = reportedAs.apply(pid);
            components.put(key, new ReportedComponent(key, ocd.getName(), ocd.getDescription(),
                    attributes(pid, ocd, bounds[0]), Map.of()));
        }
    }

    private static List<AttributeSchema> attributes(String pid, ObjectClassDefinition ocd, MetatypeBounds bounds) {
        Set<String> required = new HashSet<>();
        AttributeDefinition[] requiredOnes = ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED);
        if (requiredOnes != null) {
            Arrays.stream(requiredOnes).forEach(ad -> required.add(ad.getID()));
        }
        List<AttributeSchema> attributes = new ArrayList<>();
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        if (all == null) {
            return attributes;
        }
        Set<String> localOnly = LOCAL_ONLY_ATTRIBUTES.getOrDefault(pid, Set.of());
        for (AttributeDefinition ad : all) {
            if (localOnly.contains(ad.getID())) {
                continue;
            }
            String[] minMax = bounds.bounds(pid, ad.getID());
            attributes.add(new AttributeSchema(ad.getID(), ad.getName(), ad.getDescription(), type(ad.getType()),
                    ad.getCardinality(), required.contains(ad.getID()), minMax[0], minMax[1],
                    ad.getDefaultValue() == null ? List.of() : Arrays.asList(ad.getDefaultValue()), options(ad)));
        }
        return attributes;
    }

    private static List<AttributeOption> options(AttributeDefinition ad) {
        String[] values = ad.getOptionValues();
        String[] labels = ad.getOptionLabels();
        if (values == null) {
            return List.of();
        }
        List<AttributeOption> options = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            options.add(new AttributeOption(labels != null && i < labels.length ? labels[i] : values[i], values[i]));
        }
        return options;
    }

    @SuppressWarnings("deprecation")
    private static AttributeType type(int type) {
        return switch (type) {
            case AttributeDefinition.LONG -> AttributeType.LONG;
            case AttributeDefinition.INTEGER -> AttributeType.INTEGER;
            case AttributeDefinition.SHORT -> AttributeType.SHORT;
            case AttributeDefinition.CHARACTER -> AttributeType.CHARACTER;
            case AttributeDefinition.BYTE -> AttributeType.BYTE;
            case AttributeDefinition.DOUBLE, AttributeDefinition.BIGDECIMAL -> AttributeType.DOUBLE;
            case AttributeDefinition.FLOAT -> AttributeType.FLOAT;
            case AttributeDefinition.BOOLEAN -> AttributeType.BOOLEAN;
            case AttributeDefinition.PASSWORD -> AttributeType.PASSWORD;
            case AttributeDefinition.BIGINTEGER -> AttributeType.LONG;
            default -> AttributeType.STRING;
        };
    }
}
