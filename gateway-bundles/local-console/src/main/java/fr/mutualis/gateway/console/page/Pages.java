package fr.mutualis.gateway.console.page;

import static fr.mutualis.gateway.console.page.Html.escape;

import fr.mutualis.gateway.autonomy.actions.RecordedAction;
import fr.mutualis.gateway.autonomy.lighting.CircuitStatus;
import fr.mutualis.gateway.autonomy.lighting.OutputState;
import fr.mutualis.gateway.console.state.GatewayState;
import fr.mutualis.gateway.console.state.RecentReadings;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The console's two pages, rendered on the gateway: no script, one small style sheet inline, so
 * that a phone on the cabinet's LAN gets the whole page in one request from a Pi 3. Element ids
 * and {@code data-state} attributes are stable: the browser test and a technician's screenshots
 * both rely on them.
 */
public final class Pages {

    private static final int[] OVERRIDE_HOURS = {1, 2, 4, 8, 12, 24};
    private static final String STYLE = "body{font-family:sans-serif;margin:0 auto;max-width:60em;padding:.5em}"
            + "header{display:flex;flex-wrap:wrap;gap:1em;align-items:center;justify-content:space-between}"
            + "section{border-top:1px solid #ccc;margin-top:1em}table{border-collapse:collapse}"
            + "td,th{padding:.2em .6em;text-align:left;border-bottom:1px solid #eee}"
            + ".ok{color:#070}.fail{color:#b00}.unknown{color:#666}.flash{background:#ffd;padding:.5em}"
            + "form.inline{display:inline}button{padding:.4em .8em;margin:.1em}";

    private final DateTimeFormatter time;

    public Pages(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    }

    public String login(Texts texts, String message) {
        StringBuilder html = start(texts, texts.get("login.title"));
        html.append("<header><h1>").append(escape(texts.get("title"))).append("</h1>")
                .append(languageSwitch(texts, "/login")).append("</header>");
        if (message != null) {
            html.append("<p id=\"flash\" class=\"flash\" role=\"alert\">").append(escape(message)).append("</p>");
        }
        html.append("<form method=\"post\" action=\"/login\"><label for=\"password\">")
                .append(escape(texts.get("login.password"))).append("</label><br>")
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\""
                        + " required autofocus> <button id=\"login\" type=\"submit\">")
                .append(escape(texts.get("login.submit"))).append("</button></form>");
        return html.append("</body></html>").toString();
    }

    public String dashboard(Texts texts, GatewayState state, String csrfToken, String flash) {
        StringBuilder html = start(texts, texts.get("title"));
        html.append("<header><h1>").append(escape(texts.get("title"))).append("</h1>")
                .append(languageSwitch(texts, "/"))
                .append("<form class=\"inline\" method=\"post\" action=\"/logout\">").append(csrf(csrfToken))
                .append("<button id=\"logout\" type=\"submit\">").append(escape(texts.get("logout")))
                .append("</button></form></header>");
        html.append("<p>").append(escape(texts.get("gateway"))).append(" : <strong id=\"gateway-id\">")
                .append(escape(state.gatewayId().isEmpty() ? "?" : state.gatewayId())).append("</strong> — ")
                .append(escape(texts.get("clock"))).append(" : <span id=\"clock\" data-quality=\"")
                .append(escape(state.clockQuality())).append("\">").append(escape(time.format(state.now())))
                .append(state.clockQuality().isEmpty() ? "" : " (" + escape(texts.get("clock." + state.clockQuality()))
                        + ")").append("</span> <a href=\"/\">↻</a></p>");
        if (flash != null) {
            html.append("<p id=\"flash\" class=\"flash\" role=\"status\">").append(escape(flash)).append("</p>");
        }
        if (state.gatewayId().isEmpty()) {
            enrolment(html, texts, csrfToken);
        }
        link(html, texts, state.link());
        backlog(html, texts, state.backlog());
        lighting(html, texts, state, csrfToken);
        outputs(html, texts, state.outputs());
        checklist(html, texts, state);
        readings(html, texts, state);
        actions(html, texts, state);
        logs(html, texts, state);
        metrics(html, texts, state.metrics());
        return html.append("</body></html>").toString();
    }

    private StringBuilder start(Texts texts, String title) {
        return new StringBuilder(8192).append("<!DOCTYPE html><html lang=\"").append(texts.language())
                .append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
                .append("<title>").append(escape(title)).append("</title><style>").append(STYLE)
                .append("</style></head><body>");
    }

    private static String languageSwitch(Texts texts, String path) {
        String other = Texts.FRENCH.equals(texts.language()) ? Texts.ENGLISH : Texts.FRENCH;
        return "<a id=\"language\" href=\"" + path + "?lang=" + other + "\" hreflang=\"" + other + "\">"
                + escape(texts.get("switch.language")) + "</a>";
    }

    private static String csrf(String token) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(token) + "\">";
    }

    private void link(StringBuilder html, Texts texts, GatewayState.Link link) {
        html.append("<section id=\"link\"><h2>").append(escape(texts.get("link.title"))).append("</h2>");
        String state = !link.known() ? "unknown" : link.connected() ? "connected" : "disconnected";
        html.append("<p id=\"link-state\" data-state=\"").append(state).append("\" class=\"")
                .append(link.connected() ? "ok" : link.known() ? "fail" : "unknown").append("\">")
                .append(escape(texts.get("link." + state))).append("</p>");
        if (link.known()) {
            html.append("<table><tr><th>").append(escape(texts.get("link.connects"))).append("</th><td>")
                    .append(link.connects()).append("</td></tr><tr><th>").append(escape(texts.get("link.losses")))
                    .append("</th><td>").append(link.connectionLosses()).append("</td></tr><tr><th>")
                    .append(escape(texts.get("link.failures"))).append("</th><td>").append(link.connectFailures())
                    .append("</td></tr></table>");
        }
        html.append("</section>");
    }

    private void backlog(StringBuilder html, Texts texts, GatewayState.Backlog backlog) {
        html.append("<section id=\"backlog\"><h2>").append(escape(texts.get("backlog.title"))).append("</h2>");
        if (!backlog.known()) {
            html.append("<p class=\"unknown\">").append(escape(texts.get("backlog.unknown"))).append("</p></section>");
            return;
        }
        html.append("<table><tr><th>").append(escape(texts.get("backlog.count"))).append("</th><td id=\"backlog-count\">")
                .append(backlog.readings()).append("</td></tr><tr><th>").append(escape(texts.get("backlog.oldest")))
                .append("</th><td id=\"backlog-oldest\">").append(age(texts, backlog.oldestAgeSeconds()))
                .append("</td></tr><tr><th>").append(escape(texts.get("backlog.disk"))).append("</th><td>")
                .append(backlog.bytesOnDisk() / 1024).append(" KiB</td></tr></table></section>");
    }

    /** Shown only while the gateway has no identity: the invitation of its enrolment token. */
    private static void enrolment(StringBuilder html, Texts texts, String csrfToken) {
        html.append("<section id=\"enrolment\"><h2>").append(escape(texts.get("enrolment.title"))).append("</h2><p>")
                .append(escape(texts.get("enrolment.intro"))).append("</p><form method=\"post\" action=\"/enrolment\">")
                .append(csrf(csrfToken)).append("<p><label for=\"invitation\">")
                .append(escape(texts.get("enrolment.invitation"))).append("</label><br>")
                .append("<input id=\"invitation\" name=\"invitation\" type=\"url\" size=\"60\" required"
                        + " placeholder=\"https://…/enrol?code=…&amp;ca=…\"></p><p><label for=\"gateway-id-wanted\">")
                .append(escape(texts.get("enrolment.gatewayId"))).append("</label><br>")
                .append("<input id=\"gateway-id-wanted\" name=\"gatewayId\" size=\"30\"></p>")
                .append("<button id=\"enrol\" type=\"submit\">").append(escape(texts.get("enrolment.submit")))
                .append("</button></form></section>");
    }

    private void lighting(StringBuilder html, Texts texts, GatewayState state, String csrfToken) {
        html.append("<section id=\"lighting\"><h2>").append(escape(texts.get("lighting.title"))).append("</h2>");
        if (state.circuits().isEmpty()) {
            html.append("<p>").append(escape(texts.get("lighting.none"))).append("</p></section>");
            return;
        }
        html.append("<table><tr><th>").append(escape(texts.get("lighting.circuit"))).append("</th><th>")
                .append(escape(texts.get("lighting.schedule"))).append("</th><th>")
                .append(escape(texts.get("lighting.override"))).append("</th><th>")
                .append(escape(texts.get("lighting.applied"))).append("</th><th></th></tr>");
        for (CircuitStatus circuit : state.circuits()) {
            String id = escape(circuit.circuit());
            html.append("<tr id=\"circuit-").append(id).append("\"><td>").append(id).append("</td><td>")
                    .append(escape(onOff(texts, circuit.scheduled().state()))).append(" (")
                    .append(escape(texts.get("reason." + circuit.scheduled().reason().name()))).append(")</td><td")
                    .append(" class=\"override\" data-state=\"")
                    .append(circuit.override().map(o -> o.state().name().toLowerCase()).orElse("none")).append("\">")
                    .append(circuit.override().map(o -> escape(onOff(texts, o.state())) + " "
                            + escape(texts.format("lighting.until", time.format(o.until())))).orElse("—"))
                    .append("</td><td class=\"applied\" data-state=\"")
                    .append(circuit.applied() == null ? "error" : circuit.applied().name().toLowerCase()).append("\">")
                    .append(circuit.applied() == null ? "?" : escape(onOff(texts, circuit.applied())))
                    .append("</td><td><form method=\"post\" action=\"/lighting\">").append(csrf(csrfToken))
                    .append("<input type=\"hidden\" name=\"circuit\" value=\"").append(id).append("\">")
                    .append(escape(texts.get("lighting.for"))).append(" <select name=\"hours\">");
            for (int hours : OVERRIDE_HOURS) {
                html.append("<option value=\"").append(hours).append("\">").append(hours).append(' ')
                        .append(escape(texts.get("lighting.hours"))).append("</option>");
            }
            html.append("</select> <button name=\"action\" value=\"on\" id=\"force-on-").append(id).append("\">")
                    .append(escape(texts.get("lighting.force.on"))).append("</button>")
                    .append("<button name=\"action\" value=\"off\" id=\"force-off-").append(id).append("\">")
                    .append(escape(texts.get("lighting.force.off"))).append("</button>");
            if (circuit.override().isPresent()) {
                html.append("<button name=\"action\" value=\"clear\" id=\"clear-").append(id).append("\">")
                        .append(escape(texts.get("lighting.clear"))).append("</button>");
            }
            html.append("</form></td></tr>");
        }
        html.append("</table></section>");
    }

    private static void outputs(StringBuilder html, Texts texts, Map<String, Boolean> outputs) {
        html.append("<section id=\"outputs\"><h2>").append(escape(texts.get("outputs.title"))).append("</h2>");
        if (outputs.isEmpty()) {
            html.append("<p>").append(escape(texts.get("outputs.none"))).append("</p></section>");
            return;
        }
        html.append("<table>");
        outputs.forEach((channel, active) -> html.append("<tr><th>").append(escape(channel))
                .append("</th><td id=\"output-").append(escape(channel)).append("\" data-state=\"")
                .append(active ? "on" : "off").append("\">").append(escape(texts.get(active ? "on" : "off")))
                .append("</td></tr>"));
        html.append("</table></section>");
    }

    private static void checklist(StringBuilder html, Texts texts, GatewayState state) {
        html.append("<section id=\"checklist\"><h2>").append(escape(texts.get("checklist.title")))
                .append("</h2><table>");
        for (GatewayState.CheckItem item : state.checklist()) {
            String result = !item.known() ? "unknown" : item.passed() ? "ok" : "fail";
            html.append("<tr id=\"").append(escape(item.key().replace('.', '-'))).append("\" data-state=\"")
                    .append(result).append("\"><td>").append(escape(texts.get(item.key()))).append("</td><td class=\"")
                    .append(result).append("\">").append(escape(texts.get("check." + result))).append("</td></tr>");
        }
        html.append("</table></section>");
    }

    private void readings(StringBuilder html, Texts texts, GatewayState state) {
        html.append("<section id=\"readings\"><h2>").append(escape(texts.get("readings.title"))).append("</h2>");
        if (state.readings().isEmpty()) {
            html.append("<p>").append(escape(texts.get("readings.none"))).append("</p></section>");
            return;
        }
        html.append("<table><tr><th>").append(escape(texts.get("readings.time"))).append("</th><th>")
                .append(escape(texts.get("readings.device"))).append("</th><th>")
                .append(escape(texts.get("readings.fcnt"))).append("</th><th>")
                .append(escape(texts.get("readings.radio"))).append("</th><th>")
                .append(escape(texts.get("readings.lane"))).append("</th></tr>");
        for (RecentReadings.Reading reading : state.readings()) {
            html.append("<tr class=\"reading\"><td>").append(escape(time.format(reading.receivedAt())))
                    .append("</td><td>").append(escape(reading.devAddr().isEmpty() ? "—" : reading.devAddr()))
                    .append("</td><td>").append(reading.fCnt() == null ? "—" : reading.fCnt()).append("</td><td>")
                    .append(reading.rssi() == null ? "—" : reading.rssi() + " dBm").append(" / ")
                    .append(reading.snr() == null ? "—" : reading.snr() + " dB").append("</td><td>")
                    .append(escape(reading.priority())).append("</td></tr>");
        }
        html.append("</table></section>");
    }

    private void actions(StringBuilder html, Texts texts, GatewayState state) {
        html.append("<section id=\"actions\"><h2>").append(escape(texts.get("actions.title"))).append("</h2>");
        if (state.actions().isEmpty()) {
            html.append("<p>").append(escape(texts.get("actions.none"))).append("</p></section>");
            return;
        }
        html.append("<table>");
        for (RecordedAction action : state.actions()) {
            html.append("<tr><td>").append(escape(time.format(action.at()))).append("</td><td>")
                    .append(escape(action.kind())).append("</td><td>").append(escape(action.subject()))
                    .append("</td><td>").append(escape(action.details())).append("</td></tr>");
        }
        html.append("</table></section>");
    }

    private void logs(StringBuilder html, Texts texts, GatewayState state) {
        html.append("<section id=\"logs\"><h2>").append(escape(texts.get("logs.title"))).append("</h2>");
        if (state.logs().isEmpty()) {
            html.append("<p>").append(escape(texts.get("logs.none"))).append("</p></section>");
            return;
        }
        html.append("<table>");
        for (GatewayState.LogLine line : state.logs()) {
            html.append("<tr class=\"log\"><td>").append(escape(time.format(line.at()))).append("</td><td>")
                    .append(escape(line.level())).append("</td><td>").append(escape(line.bundle())).append("</td><td>")
                    .append(escape(line.message())).append("</td></tr>");
        }
        html.append("</table></section>");
    }

    private static void metrics(StringBuilder html, Texts texts, Map<String, Number> metrics) {
        html.append("<section id=\"metrics\"><details><summary>").append(escape(texts.get("metrics.title")))
                .append("</summary><table>");
        metrics.forEach((name, value) -> html.append("<tr><td>").append(escape(name)).append("</td><td>")
                .append(escape(value)).append("</td></tr>"));
        html.append("</table></details></section>");
    }

    private static String onOff(Texts texts, OutputState state) {
        return texts.get(state == OutputState.ON ? "on" : "off");
    }

    private static String age(Texts texts, long seconds) {
        Duration age = Duration.ofSeconds(seconds);
        if (age.toDays() > 0) {
            return age.toDays() + (Texts.FRENCH.equals(texts.language()) ? " j " : " d ") + age.toHoursPart() + " h";
        }
        return age.toHours() + " h " + age.toMinutesPart() + " min " + age.toSecondsPart() + " s";
    }
}
