package fr.mutualis.gateway.config;

import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.osgi.framework.Bundle;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The {@code min} and {@code max} of attribute definitions, read from a bundle's Metatype XML
 * ({@code OSGI-INF/metatype/*.xml}): the Metatype Service API (1.4) exposes them only through
 * {@code validate}, and the fleet needs them stated to validate before publishing.
 */
final class MetatypeBounds {

    /** PID → attribute id → {min, max} (either may be null). */
    private final Map<String, Map<String, String[]>> byPid = new HashMap<>();

    static MetatypeBounds of(Bundle bundle) {
        MetatypeBounds bounds = new MetatypeBounds();
        Enumeration<URL> resources = bundle.findEntries("OSGI-INF/metatype", "*.xml", false);
        while (resources != null && resources.hasMoreElements()) {
            bounds.read(resources.nextElement());
        }
        return bounds;
    }

    String[] bounds(String pid, String attributeId) {
        return byPid.getOrDefault(pid, Map.of()).getOrDefault(attributeId, new String[2]);
    }

    private void read(URL resource) {
        try (InputStream in = resource.openStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document document = builder.parse(in);
            Map<String, Map<String, String[]>> byOcd = new HashMap<>();
            NodeList ocds = document.getElementsByTagNameNS("*", "OCD");
            for (int i = 0; i < ocds.getLength(); i++) {
                Element ocd = (Element) ocds.item(i);
                Map<String, String[]> attributes = new HashMap<>();
                NodeList ads = ocd.getElementsByTagNameNS("*", "AD");
                for (int j = 0; j < ads.getLength(); j++) {
                    Element ad = (Element) ads.item(j);
                    attributes.put(ad.getAttribute("id"), new String[] {blankToNull(ad.getAttribute("min")),
                            blankToNull(ad.getAttribute("max"))});
                }
                byOcd.put(ocd.getAttribute("id"), attributes);
            }
            NodeList designates = document.getElementsByTagNameNS("*", "Designate");
            for (int i = 0; i < designates.getLength(); i++) {
                Element designate = (Element) designates.item(i);
                NodeList objects = designate.getElementsByTagNameNS("*", "Object");
                String pid = designate.getAttribute("pid");
                if (objects.getLength() > 0 && !pid.isEmpty()) {
                    Map<String, String[]> attributes = byOcd.get(((Element) objects.item(0)).getAttribute("ocdref"));
                    if (attributes != null) {
                        byPid.put(pid, attributes);
                    }
                }
            }
        } catch (Exception e) {
            // A bundle whose Metatype XML cannot be read still reports its schema, without bounds.
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
