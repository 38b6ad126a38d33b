package fr.mutualis.fleet.api;

import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.security.CommuneScope;
import fr.mutualis.fleet.security.FleetUser;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document served at {@code /v3/api-docs} (and {@code .yaml}). Controllers describe
 * their own operations, parameters and schemas with a few annotations; what every operation shares
 * (the problem-detail errors, the paging parameters) is added here once, so that it is the same
 * everywhere and a new operation gets it without thinking about it.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static {
        // Resolved from the authenticated person, not from the request: not parameters of the API.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CommuneScope.class, FleetUser.class, Actor.class);
    }

    static final String PROBLEM_JSON = "application/problem+json";

    private static final String DESCRIPTION = """
            The fleet server's REST API: the registry of gateways with their presence, the readings they \
            forwarded, and the downlinks sent to their concentrators.

            **Lists** are pages in a fixed order: `{"items": [...], "next": "..."}`. Pass `next` back as \
            `after` for the following page; `next` is null on the last page. `limit` bounds the page size.

            **Errors** are RFC 9457 problem details (`application/problem+json`). A wrong parameter, \
            including one the operation does not declare, is a 400 whose `errors` list names each \
            parameter with the value received and what is wrong with it.

            **Authentication**: every operation needs a person's API token (`Authorization: Bearer mut_...`, \
            issued by `POST /api/tokens`) or their password (HTTP Basic). What a person sees is limited to \
            their communes: anything outside them answers 404. Conventions: `docs/api.md`.
            """;

    private static final Map<String, String> SHARED_PARAMETERS = Map.of(
            "query:after", "The `next` of the previous page (the key of the last item seen): the page starts after "
                    + "it. Omit it for the first page.",
            "query:limit", "The most items to return in this page.",
            "path:gatewayId", "The gateway's id, as in its MQTT topics.");

    @Bean
    OpenAPI fleetOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info()
                        .title("Mutualis fleet server API")
                        .version(properties == null ? "development" : properties.getVersion())
                        .description(DESCRIPTION)
                        .license(new License().name("EUPL-1.2")
                                .url("https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12")))
                // Relative: the document is right whatever host and port the server is reached on.
                .servers(List.of(new Server().url("/").description("this fleet server")))
                .components(new Components()
                        .addSecuritySchemes("token", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("An API token from POST /api/tokens"))
                        .addSecuritySchemes("password", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("Username and password")))
                .addSecurityItem(new SecurityRequirement().addList("token"))
                .addSecurityItem(new SecurityRequirement().addList("password"));
    }

    @Bean
    OpenApiCustomizer sharedApiConventions() {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            components.addSchemas("ParameterError", parameterErrorSchema());
            components.addSchemas("Problem", problemSchema());
            components.addResponses("BadRequest", problemResponse(
                    "Invalid request: a parameter or the body breaks the rules stated here, or a parameter is not "
                            + "one of the operation's; `errors` names each wrong parameter."));
            components.addResponses("NotFound", problemResponse("No such gateway, or no such item of that gateway."));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                for (Operation operation : item.readOperations()) {
                    addErrorResponses(path, operation);
                    describeSharedParameters(operation);
                }
            });
        };
    }

    private static void addErrorResponses(String path, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        responses.putIfAbsent("400", new ApiResponse().$ref("#/components/responses/BadRequest"));
        if (path.contains("{")) {
            responses.putIfAbsent("404", new ApiResponse().$ref("#/components/responses/NotFound"));
        }
    }

    /** Parameters that mean the same in every operation, described once (unless an operation says more). */
    private static void describeSharedParameters(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            String description = SHARED_PARAMETERS.get(parameter.getIn() + ":" + parameter.getName());
            if (description != null && parameter.getDescription() == null) {
                parameter.setDescription(description);
            }
        }
    }

    private static ApiResponse problemResponse(String description) {
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Schema problem = new ObjectSchema()
                .description("An RFC 9457 problem detail.")
                .addProperty("type", new StringSchema().format("uri-reference")
                        .description("Identifies the kind of problem; `about:blank` when the status says it all."))
                .addProperty("title", new StringSchema().description("A short summary of the kind of problem."))
                .addProperty("status", new IntegerSchema().description("The HTTP status code."))
                .addProperty("detail", new StringSchema().description("What went wrong with this request."))
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .description("The path of the request."))
                .addProperty("errors", new ArraySchema()
                        .items(new Schema<>().$ref("#/components/schemas/ParameterError"))
                        .description("For invalid parameters: each one and what is wrong with it."));
        problem.setRequired(List.of("type", "title", "status"));
        // Some problems carry more members (a refused downlink lists its `problems`).
        problem.setAdditionalProperties(Boolean.TRUE);
        return problem;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> parameterErrorSchema() {
        Schema error = new ObjectSchema()
                .description("One wrong request parameter.")
                .properties(Map.of(
                        "parameter", new StringSchema().description("The parameter's name."),
                        "value", new StringSchema().nullable(true)
                                .description("The value received; null when the parameter is missing."),
                        "detail", new StringSchema().description("What is wrong with it.")));
        error.setRequired(List.of("parameter", "detail"));
        return error;
    }
}
