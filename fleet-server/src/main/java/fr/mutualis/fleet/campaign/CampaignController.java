package fr.mutualis.fleet.campaign;

import fr.mutualis.contract.Identifiers;
import fr.mutualis.fleet.api.Page;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.security.CommuneScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rollout campaigns. The syndicate's staff create, pause, resume and cancel them; everyone reads
 * them over the gateways of their own communes only.
 */
@RestController
@RequestMapping("/api/campaigns")
@Tag(name = "Campaigns", description = "Staged rollouts of a release: canaries, waves, failure thresholds, maintenance "
        + "windows, per-gateway progress and history.")
class CampaignController {

    private static final String CAMPAIGN = "The campaign's id.";
    private static final String STAFF = "hasAnyRole('SYNDICATE_ADMIN', 'SYNDICATE_OPERATOR')";

    private final Campaigns campaigns;
    private final CampaignProgress progress;
    private final CampaignEngine engine;
    private final JsonMapper json;

    CampaignController(Campaigns campaigns, CampaignProgress progress, CampaignEngine engine, JsonMapper json) {
        this.json = json;
        this.campaigns = campaigns;
        this.progress = progress;
        this.engine = engine;
    }

    @PostMapping
    @PreAuthorize(STAFF)
    @Operation(operationId = "createCampaign", summary = "Create and start a campaign",
            description = "Resolves the targets to a frozen list of gateways and plans the waves (canaries, then the "
                    + "percentages of the others, in gateway id order); the first wave's orders are published at once "
                    + "inside a maintenance window. 400 for invalid settings, 409 when no gateway matches.")
    @ApiResponse(responseCode = "201", description = "Created and started.")
    ResponseEntity<CampaignProgress.CampaignView> create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = CampaignRequest.class)))
            @RequestBody JsonNode body, CommuneScope scope, Actor actor) {
        UUID id = campaigns.create(strict(body), actor);
        engine.step(id);
        return ResponseEntity.status(HttpStatus.CREATED).body(progress.campaign(id, scope));
    }

    /**
     * Reads the request refusing unknown fields, which the application's mapper ignores elsewhere:
     * here a misspelt setting ({@code "canary"}, {@code "wave"}) would silently take its default.
     */
    private CampaignRequest strict(JsonNode body) {
        try {
            return json.readerFor(CampaignRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the campaign cannot be read: " + e.getOriginalMessage());
        }
    }

    @GetMapping
    @Operation(operationId = "listCampaigns", summary = "List campaigns",
            description = "Campaigns with at least one gateway of the caller's communes, counted over those gateways.")
    Page<CampaignProgress.CampaignView> list(@RequestParam(required = false) UUID after,
                                             @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                                             CommuneScope scope) {
        return Page.of(progress.list(scope, after, limit + 1), limit, CampaignProgress.CampaignView::id);
    }

    @GetMapping("/{campaignId}")
    @Operation(operationId = "getCampaign", summary = "A campaign with its counts",
            description = "State, current wave, counts per state overall and per wave, over the caller's gateways.")
    CampaignProgress.CampaignView campaign(@Parameter(description = CAMPAIGN) @PathVariable UUID campaignId,
                                           CommuneScope scope) {
        return progress.campaign(campaignId, scope);
    }

    @GetMapping("/{campaignId}/gateways")
    @Operation(operationId = "listCampaignGateways", summary = "Per-gateway progress of a campaign",
            description = "Each target of the caller's communes: wave, state, latest step, download percent, reason.")
    Page<CampaignProgress.TargetView> targets(
            @Parameter(description = CAMPAIGN) @PathVariable UUID campaignId,
            @Parameter(description = "Only this wave (from 1).") @RequestParam(required = false) @Min(1) Integer wave,
            @Parameter(description = "Only targets in this state.") @RequestParam(required = false) TargetState state,
            @RequestParam(required = false)
            @Pattern(regexp = Identifiers.GATEWAY_ID_REGEX, message = "must be a gateway id") String after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit,
            CommuneScope scope) {
        progress.campaign(campaignId, scope); // 404 for a campaign the caller cannot see
        return Page.of(progress.targets(campaignId, scope, wave, state, after, limit + 1), limit,
                CampaignProgress.TargetView::gatewayId);
    }

    @GetMapping("/{campaignId}/gateways/{gatewayId}")
    @Operation(operationId = "getCampaignGateway", summary = "One gateway's progress and history in a campaign",
            description = "Its progress and every status it sent (and the fleet's verdicts), oldest first.")
    CampaignProgress.TargetDetail target(@Parameter(description = CAMPAIGN) @PathVariable UUID campaignId,
                                         @PathVariable String gatewayId, CommuneScope scope) {
        return progress.target(campaignId, gatewayId, scope).orElseThrow(() -> CampaignProgress.unknown(campaignId));
    }

    @PostMapping("/{campaignId}/pause")
    @PreAuthorize(STAFF)
    @Operation(operationId = "pauseCampaign", summary = "Pause a campaign",
            description = "No new order is published and no new wave starts; updates under way finish and are "
                    + "tracked. 409 unless running.")
    CampaignProgress.CampaignView pause(@Parameter(description = CAMPAIGN) @PathVariable UUID campaignId,
                                        CommuneScope scope, Actor actor) {
        campaigns.pause(campaignId, actor);
        return progress.campaign(campaignId, scope);
    }

    @PostMapping("/{campaignId}/resume")
    @PreAuthorize(STAFF)
    @Operation(operationId = "resumeCampaign", summary = "Resume a paused campaign",
            description = "It continues where it stopped. 409 unless paused.")
    CampaignProgress.CampaignView resume(@Parameter(description = CAMPAIGN) @PathVariable UUID campaignId,
                                         CommuneScope scope, Actor actor) {
        campaigns.resume(campaignId, actor);
        engine.step(campaignId);
        return progress.campaign(campaignId, scope);
    }

    @PostMapping("/{campaignId}/cancel")
    @PreAuthorize(STAFF)
    @Operation(operationId = "cancelCampaign", summary = "Cancel a campaign",
            description = "Ends it: orders not yet started are withdrawn (an empty retained message on the gateway's "
                    + "update topic); updates under way finish and are still tracked. 409 unless running or paused.")
    CampaignProgress.CampaignView cancel(@Parameter(description = CAMPAIGN) @PathVariable UUID campaignId,
                                         CommuneScope scope, Actor actor) {
        campaigns.cancel(campaignId, actor);
        engine.step(campaignId);
        return progress.campaign(campaignId, scope);
    }
}
