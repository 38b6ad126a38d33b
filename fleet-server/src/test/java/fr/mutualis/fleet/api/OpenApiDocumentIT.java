package fr.mutualis.fleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.contract.Priority;
import fr.mutualis.contract.TxStatus;
import fr.mutualis.fleet.gateway.GatewayStatus;
import fr.mutualis.fleet.testsupport.TestFleet;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document as the running fleet server serves it over HTTP, checked by a parser that
 * did not generate it (swagger-parser), and compared with the routes Spring MVC actually has: a
 * route without documentation, or an operation without its error responses, fails the build.
 * The document is also written to {@code target/openapi.json} for reference.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentIT {

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        TestFleet.withEmbeddedBroker(registry, "openapi");
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mvc;

    private final HttpClient http = HttpClient.newHttpClient();
    private String json;
    private OpenAPI document;

    @BeforeAll
    void fetchAndParse() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        json = response.body();
        Path written = Path.of("target", "openapi.json");
        Files.createDirectories(written.getParent());
        Files.writeString(written, json, StandardCharsets.UTF_8);
        document = parse(json);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Parses and validates; every message of the validator fails the test. */
    private static OpenAPI parse(String content) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false); // check the document as served, with its $refs
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(content, null, options);
        assertThat(result.getMessages()).as("validation messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        return result.getOpenAPI();
    }

    @Test
    void theServedDocumentIsValidAndDescribesTheApi() {
        assertThat(document.getOpenapi()).startsWith("3.");
        assertThat(document.getInfo().getTitle()).isEqualTo("Mutualis fleet server API");
        assertThat(document.getInfo().getVersion()).isNotBlank();
        assertThat(document.getInfo().getDescription()).contains("problem details").contains("`after`");
        assertThat(document.getInfo().getLicense().getName()).isEqualTo("EUPL-1.2");
        assertThat(document.getTags()).extracting(tag -> tag.getName())
                .contains("Gateways", "Readings", "Downlinks");
        assertThat(document.getTags()).allSatisfy(tag -> assertThat(tag.getDescription()).isNotBlank());
    }

    @Test
    void theYamlFormIsValidAndTheSameDocument() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs.yaml");
        assertThat(response.statusCode()).isEqualTo(200);
        OpenAPI yaml = parse(response.body());
        assertThat(yaml).isEqualTo(document);
    }

    @Test
    void everyRouteOfSpringMvcIsDocumentedWithItsMethod() {
        List<String> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mvc.getHandlerMethods().entrySet()) {
            if (isExcluded(entry.getValue())) {
                continue;
            }
            RequestMappingInfo mapping = entry.getKey();
            assertThat(mapping.getMethodsCondition().getMethods())
                    .as("HTTP methods of %s: a route must name its methods to be documented", entry.getValue())
                    .isNotEmpty();
            for (String pattern : mapping.getPatternValues()) {
                for (RequestMethod method : mapping.getMethodsCondition().getMethods()) {
                    routes.add(method + " " + pattern.replaceAll("\\{([^}:]+):[^}]+}", "{$1}"));
                }
            }
        }
        List<String> documented = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> documented.add(method + " " + path)));

        assertThat(routes).as("routes found in Spring MVC").hasSizeGreaterThanOrEqualTo(7);
        assertThat(new TreeSet<>(documented)).as("documented operations")
                .containsAll(new TreeSet<>(routes))
                .hasSameSizeAs(new TreeSet<>(routes));
    }

    /**
     * Not the API's: the document's own endpoints, and Spring Boot's fallback error page. (Actuator
     * endpoints have their own handler mapping and are described by Actuator, not here.)
     */
    private static boolean isExcluded(HandlerMethod handler) {
        return handler.getBeanType().getName().startsWith("org.springdoc.")
                || BasicErrorController.class.isAssignableFrom(handler.getBeanType());
    }

    @Test
    void everyOperationIsDescribedWithItsProblemDetailErrors() {
        Map<String, ApiResponse> shared = document.getComponents().getResponses();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String name = method + " " + path;
            assertThat(operation.getSummary()).as("summary of %s", name).isNotBlank();
            assertThat(operation.getTags()).as("tags of %s", name).hasSize(1);
            assertThat(operation.getOperationId()).as("operationId of %s", name).isNotBlank();
            assertThat(successResponse(operation)).as("2xx response of %s", name).isNotNull();
            List<String> errors = path.contains("{") ? List.of("400", "404") : List.of("400");
            for (String status : errors) {
                ApiResponse response = resolve(operation.getResponses().get(status), shared);
                assertThat(response).as("%s response of %s", status, name).isNotNull();
                assertThat(response.getContent()).as("%s of %s", status, name).containsOnlyKeys("application/problem+json");
                assertThat(response.getContent().get("application/problem+json").getSchema().get$ref())
                        .isEqualTo("#/components/schemas/Problem");
            }
            if (operation.getParameters() != null) {
                for (Parameter parameter : operation.getParameters()) {
                    assertThat(parameter.getSchema()).as("schema of %s in %s", parameter.getName(), name).isNotNull();
                    if ("query".equals(parameter.getIn())) {
                        assertThat(parameter.getDescription()).as("description of %s in %s", parameter.getName(), name)
                                .isNotBlank();
                    }
                }
            }
        }));
        Schema<?> problem = document.getComponents().getSchemas().get("Problem");
        assertThat(problem.getProperties()).containsKeys("type", "title", "status", "detail", "instance", "errors");
    }

    @Test
    void listParametersStateTheirConstraints() {
        Operation gateways = document.getPaths().get("/api/gateways").getGet();
        Schema<?> limit = parameter(gateways, "limit").getSchema();
        assertThat(limit.getMinimum()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(limit.getMaximum()).isEqualByComparingTo(BigDecimal.valueOf(500));
        assertThat(limit.getDefault()).hasToString("100");
        assertThat(parameter(gateways, "status").getSchema().getEnum().toString()).isEqualTo("[ONLINE, STALE, OFFLINE]");
        assertThat(parameter(gateways, "commune").getSchema().getPattern()).isNotBlank();
        assertThat(parameter(gateways, "after").getSchema().getPattern()).isNotBlank();

        Operation readings = document.getPaths().get("/api/gateways/{gatewayId}/readings").getGet();
        assertThat(parameter(readings, "limit").getSchema().getMaximum()).isEqualByComparingTo(BigDecimal.valueOf(1000));
        assertThat(parameter(readings, "after").getSchema().getMinimum()).isEqualByComparingTo(BigDecimal.ZERO);

        Operation downlinks = document.getPaths().get("/api/gateways/{gatewayId}/downlinks").getGet();
        assertThat(parameter(downlinks, "limit").getSchema().getMaximum()).isEqualByComparingTo(BigDecimal.valueOf(500));
        assertThat(parameter(downlinks, "after").getSchema().getFormat()).isEqualTo("uuid");

        // Every list answers the same page shape.
        for (Operation list : List.of(gateways, readings, downlinks)) {
            String page = successResponse(list).getContent().get("application/json").getSchema().get$ref();
            Schema<?> pageSchema = document.getComponents().getSchemas().get(page.substring(page.lastIndexOf('/') + 1));
            assertThat(pageSchema.getProperties()).containsOnlyKeys("items", "next");
        }
    }

    @Test
    @SuppressWarnings("rawtypes")
    void enumeratedFieldsListExactlyTheValuesTheServerUses() {
        Map<String, Schema> schemas = document.getComponents().getSchemas();
        assertThat(enumOf(schemas, "GatewayView", "status"))
                .containsExactlyElementsOf(names(GatewayStatus.values()));
        assertThat(enumOf(schemas, "ReadingView", "priority"))
                .containsExactlyElementsOf(names(Priority.values()));
        List<String> downlinkStatuses = new ArrayList<>(List.of("QUEUED", "PUBLISHED", "EXPIRED"));
        downlinkStatuses.addAll(names(TxStatus.values()));
        assertThat(enumOf(schemas, "DownlinkView", "status")).containsExactlyElementsOf(downlinkStatuses);
    }

    @SuppressWarnings("rawtypes")
    private static List<String> enumOf(Map<String, Schema> schemas, String schema, String property) {
        Schema<?> field = (Schema<?>) schemas.get(schema).getProperties().get(property);
        return field.getEnum().stream().map(String::valueOf).toList();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static Parameter parameter(Operation operation, String name) {
        return operation.getParameters().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no parameter " + name + " in " + operation.getOperationId()));
    }

    private static ApiResponse successResponse(Operation operation) {
        return operation.getResponses().entrySet().stream().filter(e -> e.getKey().startsWith("2"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static ApiResponse resolve(ApiResponse response, Map<String, ApiResponse> shared) {
        if (response == null || response.get$ref() == null) {
            return response;
        }
        return shared.get(response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1));
    }
}
