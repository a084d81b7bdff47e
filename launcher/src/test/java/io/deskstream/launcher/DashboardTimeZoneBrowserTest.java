package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.registry.RegistryAuth;
import io.deskstream.topology.Conformance;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import io.deskstream.topology.metrics.ReportHours;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A browser in India (+05:30) looking at two deployments: one whose report time zone is Europe/Prague and one in
 * Asia/Kolkata. The dashboard builds its ranges and labels in the report's zone, not the browser's: every preset asks
 * for whole hours of that zone (and gets an answer), and the week by day shows the zone's own days with the API's
 * numbers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardTimeZoneBrowserTest {

    private static final String TOKEN = "zones-dashboard-token";
    private static final String BROWSER_ZONE = "Asia/Kolkata";

    @TempDir
    static Path dataDirs;
    @TempDir
    static Path browserProfile;
    private final Map<String, DeskstreamProcess> deployments = new LinkedHashMap<>();
    private WebDriver browser;

    @BeforeAll
    void startTwoDeploymentsAndABrowserInIndia() throws Exception {
        HeadlessChromium.assumeInstalled();
        DeskstreamProcess prague = start("Europe/Prague", null, null);
        deployments.put("Europe/Prague", prague);
        deployments.put("Asia/Kolkata", start("Asia/Kolkata", prague.bootstrapServers(), prague.schemaRegistryUrl()));
        for (DeskstreamProcess deployment : deployments.values()) {
            ConformanceWeek.sendThrough(new ApiClient(deployment.httpUrl(), TOKEN));
        }
        browser = HeadlessChromium.start(browserProfile, BROWSER_ZONE);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        List<DeskstreamProcess> started = new ArrayList<>(deployments.values());
        java.util.Collections.reverse(started);
        started.forEach(DeskstreamProcess::close);
    }

    @Test
    void theBrowserRunsInIndia() {
        browser.get(deployments.get("Europe/Prague").httpUrl() + "/");
        assertThat(js("return Intl.DateTimeFormat().resolvedOptions().timeZone")).isIn(BROWSER_ZONE, "Asia/Calcutta");
        assertThat(js("return new Date(Date.UTC(2026, 10, 2)).getTimezoneOffset()")).isEqualTo(-330L);
    }

    @Test
    void everyPresetAsksForWholeHoursOfThePragueReportAndIsAnswered() {
        assertPresetsFollowTheReportZone("Europe/Prague");
    }

    @Test
    void everyPresetAsksForWholeHoursOfTheKolkataReportAndIsAnswered() {
        assertPresetsFollowTheReportZone("Asia/Kolkata");
    }

    @Test
    void theWeekByDayShowsKolkatasOwnDaysWithTheApisNumbers() throws Exception {
        assertTheWeekByDayIsShownInItsZone("Asia/Kolkata");
    }

    @Test
    void theWeekByDayShowsPraguesOwnDaysWithTheApisNumbers() throws Exception {
        assertTheWeekByDayIsShownInItsZone("Europe/Prague");
    }

    private void assertPresetsFollowTheReportZone(String zone) {
        signIn(zone);
        ReportHours hours = new ReportHours(ZoneId.of(zone));
        for (String preset : List.of("today", "7d", "30d", "month", "year")) {
            new Select(browser.findElement(By.id("range"))).selectByValue(preset);
            Map<String, String> asked = awaitQuery();
            Instant from = Instant.parse(asked.get("from"));
            Instant to = Instant.parse(asked.get("to"));
            assertThat(hours.isStart(from)).as(preset + " from " + from + " in " + zone).isTrue();
            assertThat(hours.isStart(to)).as(preset + " to " + to + " in " + zone).isTrue();
            awaitAnswered(preset);
            assertThat(browser.findElement(By.id("report-error")).getText()).as(preset).isEmpty();
            ZonedDateTime localFrom = from.atZone(ZoneId.of(zone));
            switch (preset) {
                case "today" -> assertThat(localFrom.toLocalTime()).as(preset).isEqualTo(java.time.LocalTime.MIDNIGHT);
                case "month" -> assertThat(localFrom.getDayOfMonth()).isEqualTo(1);
                case "year" -> assertThat(localFrom.getDayOfYear()).isEqualTo(1);
                default -> assertThat(Duration.between(localFrom.toLocalDateTime(),
                        to.atZone(ZoneId.of(zone)).toLocalDateTime()).toDays()).isEqualTo(preset.equals("7d") ? 7 : 30);
            }
        }
        assertThat(browser.findElement(By.id("zone")).getText()).contains(zone);
    }

    private void assertTheWeekByDayIsShownInItsZone(String zone) throws Exception {
        signIn(zone);
        ZoneId reportZone = ZoneId.of(zone);
        Instant from = Instant.parse(ConformanceWeek.FROM).atZone(reportZone).truncatedTo(ChronoUnit.DAYS).toInstant();
        Instant to = Instant.parse(ConformanceWeek.TO).atZone(reportZone).truncatedTo(ChronoUnit.DAYS).plusDays(1).toInstant();
        new Select(browser.findElement(By.id("range"))).selectByValue("custom");
        js("document.getElementById('from').value = arguments[0]; document.getElementById('to').value = arguments[1];",
                wallTime(from, reportZone), wallTime(to, reportZone));
        new Select(browser.findElement(By.id("granularity"))).selectByValue("day");
        new Select(browser.findElement(By.id("group-by"))).selectByValue("department");
        js("window.deskstream.lastQuery = null; document.getElementById('to').dispatchEvent(new Event('change'))");
        Map<String, String> asked = awaitQuery();
        assertThat(asked).containsEntry("from", from.toString().replace(".000", "")).containsEntry("to", to.toString());
        waitFor(() -> !browser.findElements(By.cssSelector("#rows tbody tr")).isEmpty());

        ApiClient api = new ApiClient(deployments.get(zone).httpUrl(), TOKEN);
        JsonNode rows = api.get("/api/v1/reports/departments?from=" + from + "&to=" + to
                + "&granularity=day&groupBy=department").json().path("rows");
        List<String> expected = new ArrayList<>();
        rows.forEach(row -> expected.add(Instant.parse(row.path("bucket").asText()).atZone(reportZone).toLocalDate()
                + " " + row.path("department").asText() + " " + row.path("tickets_created").asLong()));
        // One script reads the whole table: the live updates redraw it between two WebDriver calls.
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) js("return [...document.querySelectorAll('#rows tbody tr')].map(row =>"
                + " ['bucket', 'department', 'tickets_created'].map(c =>"
                + " row.querySelector('td[data-column=' + c + ']').textContent.replace(/,/g, '')).join(' '))");
        assertThat(shown).containsExactlyInAnyOrderElementsOf(expected);
        if (zone.equals("Asia/Kolkata")) {
            JsonNode conformance = Conformance.json("expected/zones/report-day-department.Asia-Kolkata.json");
            assertThat(rows.get(0).path("bucket").asText()).isEqualTo(conformance.path("from").asText());
        }
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) js("return window.deskstream.chart.data.labels");
        assertThat(labels).first().isEqualTo(from.atZone(reportZone).toLocalDate().toString());
    }

    private DeskstreamProcess start(String zone, String bootstrapServers, String registryUrl) throws Exception {
        String name = zone.replace('/', '-').toLowerCase();
        TopicLayout layout = new TopicLayout(new Topics(name + "."), 2, (short) 1, Duration.ofDays(30));
        RuntimeSettings settings = new RuntimeSettings(dataDirs.resolve(name), "127.0.0.1", LocalPorts.free(),
                LocalPorts.freePair(), ZoneId.of(zone), bootstrapServers, registryUrl, layout)
                .with(InstanceSettings.defaults().withAdminToken(TOKEN).withExports(InstanceSettings.Exports.OFF)
                        // Another deployment's embedded registry takes schemas with its admin token only.
                        .withRegistry(new InstanceSettings.Registry(RegistryAuth.Scope.WRITES,
                                registryUrl == null ? null : "admin:" + TOKEN)));
        return DeskstreamProcess.start(settings);
    }

    private void signIn(String zone) {
        browser.get(deployments.get(zone).httpUrl() + "/");
        // A token kept from an earlier test signs in by itself: sign out first, as a user switching tokens does.
        waitFor(() -> browser.findElement(By.id("token")).isDisplayed() || browser.findElement(By.id("sign-out")).isDisplayed());
        if (browser.findElement(By.id("sign-out")).isDisplayed()) {
            browser.findElement(By.id("sign-out")).click();
        }
        waitFor(() -> browser.findElement(By.id("token")).isDisplayed());
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.cssSelector("#sign-in-form button")).click();
        waitFor(() -> browser.findElement(By.id("report")).isDisplayed()
                && browser.findElement(By.id("zone")).getText().contains(zone));
    }

    /** The report question the dashboard asked last, once it has asked one, as its parameters. */
    /** The question the dashboard asked last, to wait for its answer. */
    private String asked;

    private Map<String, String> awaitQuery() {
        waitFor(() -> js("return window.deskstream.lastQuery") != null);
        asked = (String) js("return window.deskstream.lastQuery");
        String query = URI.create(asked).getRawQuery();
        js("window.deskstream.lastQuery = null");
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** Waits until the dashboard drew an answer to the question it asked last: asked in the zone, and answered. */
    private void awaitAnswered(String preset) {
        try {
            waitFor(() -> asked.equals(js("return window.deskstream.lastAnswered")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(preset + ": " + asked + " was not answered; the page says: "
                    + browser.findElement(By.id("report-error")).getText(), e);
        }
    }

    private static String wallTime(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDateTime().toString().substring(0, 16);
    }

    private Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    private void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> condition.getAsBoolean());
    }
}
