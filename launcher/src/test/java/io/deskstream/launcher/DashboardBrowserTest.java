package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's, driven by its chromedriver given explicitly), on a running
 * deskstream holding the conformance week: sign in, every chart kind, range and grouping, numbers equal to the API's,
 * the CSV download, an agent's view, a phone's width. Screenshots go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    private static final String TOKEN = "dashboard-admin-token";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserProfile;
    private DeskstreamProcess process;
    private ApiClient api;
    private String salesToken;
    private WebDriver browser;

    @BeforeAll
    void startDeskstreamWithTheWeekAndABrowser() throws Exception {
        HeadlessChromium.assumeInstalled();
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), 2, (short) 1, Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(TOKEN));
        process = DeskstreamProcess.start(settings);
        api = new ApiClient(process.httpUrl(), TOKEN);
        ConformanceWeek.sendThrough(api);
        salesToken = api.post("/api/v1/tokens", "{\"role\": \"agent\", \"departments\": [\"sales\"]}").json()
                .path("token").asText();
        browser = HeadlessChromium.start(browserProfile, null);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (process != null) {
            process.close();
        }
    }

    @Test
    void signingInShowsTheWeekByDepartmentWithTheApisNumbers() throws Exception {
        signIn(TOKEN);
        showTheWeek("total", "department");
        JsonNode expected = api.get("/api/v1/reports/departments?from=" + ConformanceWeek.FROM + "&to="
                + ConformanceWeek.TO + "&granularity=total&groupBy=department").json().path("rows");
        for (JsonNode row : expected) {
            String department = row.path("department").asText();
            assertThat(cell(department, "tickets_created").replace(",", "")).as(department)
                    .isEqualTo(row.path("tickets_created").asText());
            assertThat(cell(department, "replies").replace(",", "")).isEqualTo(row.path("replies").asText());
        }
        screenshot("week-by-department");
    }

    @Test
    void eachChartKindIsDrawn() throws Exception {
        signIn(TOKEN);
        showTheWeek("day", "department");
        for (String kind : List.of("area", "line", "bar", "pie")) {
            new Select(browser.findElement(By.id("chart-kind"))).selectByValue(kind);
            String type = kind.equals("area") ? "line" : kind;
            waitFor(() -> type.equals(js("return window.deskstream.chart && window.deskstream.chart.config.type")));
            if (kind.equals("area")) {
                assertThat(js("return window.deskstream.chart.data.datasets[0].fill")).isEqualTo(true);
            }
            assertThat(((Number) js("return window.deskstream.chart.data.datasets[0].data.length")).intValue()).isPositive();
            screenshot("chart-" + kind);
        }
    }

    @Test
    void groupingByChannelShowsOneRowPerChannelAndTheChoicesSurviveTheLiveUpdates() throws Exception {
        signIn(TOKEN);
        showTheWeek("total", "channel");
        assertThat(browser.findElements(By.cssSelector("#rows thead th")).get(1).getText()).isEqualTo("channel");
        long polled = ((Number) js("return window.deskstream.polled")).longValue();
        waitFor(() -> ((Number) js("return window.deskstream.polled")).longValue() > polled);
        assertThat(new Select(browser.findElement(By.id("group-by"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("channel");
        assertThat(browser.findElements(By.cssSelector("#rows thead th")).get(1).getText()).isEqualTo("channel");
    }

    @Test
    void theMetricPickerOffersEveryColumn() {
        signIn(TOKEN);
        List<String> offered = new Select(browser.findElement(By.id("metric"))).getOptions().stream()
                .map(o -> o.getAttribute("value")).toList();
        assertThat(offered).containsExactlyElementsOf(io.deskstream.topology.report.CellTotals.COLUMNS);
    }

    @Test
    void theCsvDownloadIsTheApisCsvOfWhatIsShown() throws Exception {
        signIn(TOKEN);
        showTheWeek("day", "department");
        browser.findElement(By.id("download-csv")).click();
        waitFor(() -> js("return window.deskstream.lastCsv") != null);
        String downloaded = (String) js("return window.deskstream.lastCsv");
        String fromApi = api.get("/api/v1/reports/departments?from=" + ConformanceWeek.FROM + "&to=" + ConformanceWeek.TO
                + "&granularity=day&groupBy=department&format=csv").body();
        assertThat(downloaded.lines()).containsExactlyElementsOf(fromApi.lines().toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAgentSeesOnlyItsDepartments() throws Exception {
        signIn(salesToken);
        showTheWeek("total", "department");
        assertThat(new Select(browser.findElement(By.id("departments"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("Sales");
        assertThat((List<Object>) js("return [...document.querySelectorAll('#rows tbody td[data-column=department]')]"
                + ".map(td => td.textContent)")).containsOnly("sales");
        waitFor(() -> Long.valueOf(1).equals(js("return document.querySelectorAll('#ticket-status .department-tiles').length")));
        assertThat(js("return document.querySelector('#ticket-status .department-tiles').dataset.department"))
                .isEqualTo("sales");
        screenshot("agent-of-sales");
    }

    @Test
    void theReportIsPushedThroughItsStream() {
        signIn(TOKEN);
        showTheWeek("total", "department");
        waitFor(() -> "stream".equals(js("return window.deskstream.transport")));
        waitFor(() -> browser.findElement(By.id("freshness")).getText().contains("pushed"));
    }

    @Test
    void whenTheStreamCannotBeOpenedTheReportIsPolled() {
        // A proxy that refuses streams, as some do: every stream answers 503.
        signIn(TOKEN, "const fetchFromServer = window.fetch;"
                + " window.fetch = (url, options) => String(url).includes('/stream?')"
                + " ? Promise.resolve(new Response('{\"error\": \"no streams here\"}', {status: 503}))"
                + " : fetchFromServer(url, options);");
        showTheWeek("total", "department");
        assertThat(js("return window.deskstream.transport")).isEqualTo("polling");
        JsonNode expected = api.get("/api/v1/reports/departments?from=" + ConformanceWeek.FROM + "&to="
                + ConformanceWeek.TO + "&granularity=total&groupBy=department").json().path("rows");
        assertThat(cell("sales", "tickets_created").replace(",", ""))
                .isEqualTo(expected.findValues("tickets_created").get(expected.findValuesAsText("department")
                        .indexOf("sales")).asText());
        long refreshed = ((Number) js("return window.deskstream.refreshed")).longValue();
        waitFor(() -> ((Number) js("return window.deskstream.refreshed")).longValue() > refreshed);
        waitFor(() -> browser.findElement(By.id("freshness")).getText().contains("polled"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void comparedWithThePeriodBeforeTheChartHasADashedSeriesPerGroupAndTheTableDeltas() throws Exception {
        signIn(TOKEN);
        new Select(browser.findElement(By.id("compare"))).selectByValue("previous");
        new Select(browser.findElement(By.id("chart-kind"))).selectByValue("line");
        show("2026-11-05T00:00:00Z", "2026-11-09T00:00:00Z", "day", "department");
        JsonNode rows = api.get("/api/v1/reports/departments?from=2026-11-05T00:00:00Z&to=2026-11-09T00:00:00Z"
                + "&granularity=day&groupBy=department&compare=previous").json().path("rows");
        List<String> departments = new ArrayList<>(new java.util.TreeSet<>(rows.findValuesAsText("department")));

        List<Object> dashed = (List<Object>) js("return window.deskstream.chart.data.datasets.filter(d => d.previous)"
                + ".map(d => [d.label, d.borderDash.length, d.data])");
        assertThat(dashed).hasSize(departments.size());
        List<Object> sales = (List<Object>) dashed.stream().filter(d -> ((List<Object>) d).get(0).equals("sales · before"))
                .findFirst().orElseThrow();
        assertThat(((Number) sales.get(1)).intValue()).isPositive();
        // Bucket by bucket of the chart; null where sales has no row.
        List<Long> salesBefore = new ArrayList<>();
        java.util.SortedSet<String> buckets = new java.util.TreeSet<>();
        rows.forEach(row -> buckets.add(row.path("bucket").asText()));
        for (String bucket : buckets) {
            Long before = null;
            for (JsonNode row : rows) {
                if (row.path("bucket").asText().equals(bucket) && row.path("department").asText().equals("sales")) {
                    before = row.path("previous").path("tickets_created").asLong();
                }
            }
            salesBefore.add(before);
        }
        assertThat(((List<Object>) sales.get(2)).stream().map(v -> v == null ? null : ((Number) v).longValue()).toList())
                .containsExactlyElementsOf(salesBefore);
        assertThat(((Number) js("return document.querySelectorAll('#rows tbody td .delta').length")).intValue()).isPositive();
        screenshot("compared-with-the-period-before");
    }

    // --- key figures

    @Test
    void theKeyFiguresAreTheApisTotalsWithTheirChangeColouredByWhetherItIsGood() throws Exception {
        signIn(TOKEN);
        show("2026-11-05T00:00:00Z", "2026-11-09T00:00:00Z", "day", "department");
        String question = "/api/v1/reports/departments?from=2026-11-05T00:00:00Z&to=2026-11-09T00:00:00Z"
                + "&granularity=total&groupBy=&compare=previous";
        awaitTiles(question);
        JsonNode row = api.get(question).json().path("rows").get(0);
        Map<String, String> goodWhen = Map.of("tickets_created", "neither", "avg_first_response_s", "lower",
                "p90_first_response_s", "lower", "sla_compliance_pct", "higher", "positive_pct", "higher",
                "missed_chats", "lower");
        List<String> judgements = new ArrayList<>();
        for (Map.Entry<String, String> kpi : goodWhen.entrySet()) {
            String column = kpi.getKey();
            @SuppressWarnings("unchecked")
            Map<String, Object> tile = (Map<String, Object>) js("const t = document.querySelector('[data-kpi=' + arguments[0] + ']');"
                    + " const d = t.querySelector('.delta');"
                    + " return {value: t.dataset.value, previous: t.dataset.previous, judged: d.dataset.judged,"
                    + " colour: getComputedStyle(d).color, shown: t.querySelector('.value').textContent};", column);
            double now = row.path(column).asDouble();
            double before = row.path("previous").path(column).asDouble();
            assertThat(Double.parseDouble((String) tile.get("value"))).as(column).isEqualTo(now);
            assertThat(Double.parseDouble((String) tile.get("previous"))).as(column).isEqualTo(before);
            assertThat((String) tile.get("shown")).as(column).isNotBlank().isNotEqualTo("–");
            String expected = now == before || kpi.getValue().equals("neither") ? "neutral"
                    : (now < before) == kpi.getValue().equals("lower") ? "good" : "bad";
            assertThat(tile.get("judged")).as(column + ": " + before + " -> " + now).isEqualTo(expected);
            assertThat(tile.get("colour")).as(column).isEqualTo(switch (expected) {
                case "good" -> "rgb(27, 122, 61)";
                case "bad" -> "rgb(176, 0, 32)";
                default -> "rgb(85, 85, 85)";
            });
            judgements.add(expected);
        }
        // The week compared is one of change: some figures got better or worse, not all stayed the same.
        assertThat(judgements).containsAnyOf("good", "bad");
        screenshot("key-figures");
    }

    @Test
    void aKeyFigureFollowsAnEventIngestedThroughTheStream() throws Exception {
        signIn(TOKEN);
        new Select(browser.findElement(By.id("range"))).selectByValue("custom");
        js("document.getElementById('from').value = arguments[0]; document.getElementById('to').value = arguments[1];"
                + " document.getElementById('to').dispatchEvent(new Event('change'))",
                localInput("2026-11-20T00:00:00Z"), localInput("2026-11-21T00:00:00Z"));
        String question = "/api/v1/reports/departments?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z"
                + "&granularity=total&groupBy=&compare=previous";
        awaitTiles(question);
        assertThat(js("return document.querySelector('[data-kpi=tickets_created]').dataset.value")).isEqualTo("0");

        ApiClient.Answer sent = api.post("/api/v1/events", """
                {"id":"dashboard-live-1","type":"ticket.created","ts":"2026-11-20T10:00:00Z","ticketId":"dashboard-live-t1","channel":"email","departmentId":"sales"}
                """);
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        waitFor(() -> "1".equals(js("return document.querySelector('[data-kpi=tickets_created]').dataset.value")));
        assertThat(js("return window.deskstream.tiles.source")).isEqualTo("stream");
        assertThat(browser.findElement(By.cssSelector("[data-kpi=tickets_created] .value")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("[data-kpi=tickets_created] .delta")).getText()).contains("+1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ticketsNowAreTilesPerDepartmentWithTheApisCounts() {
        signIn(TOKEN);
        JsonNode expected = api.get("/api/v1/reports/ticket-status").json().path("rows");
        waitFor(() -> ((Number) js("return document.querySelectorAll('#ticket-status .department-tiles').length"))
                .intValue() == expected.size());
        for (JsonNode row : expected) {
            List<Object> shown = (List<Object>) js("const d = document.querySelector('#ticket-status [data-department=\"'"
                    + " + arguments[0] + '\"]'); return ['new', 'open', 'answered', 'resolved'].map(s =>"
                    + " d.querySelector('[data-status=' + s + '] dd').textContent.replace(/,/g, ''));",
                    row.path("department").asText());
            assertThat(shown).as(row.path("department").asText()).containsExactly(row.path("new").asText(),
                    row.path("open").asText(), row.path("answered").asText(), row.path("resolved").asText());
        }
    }

    @Test
    void aWrongTokenIsRefusedWithAMessage() {
        signIn("not-a-token");
        waitFor(() -> !browser.findElement(By.id("sign-in-error")).getText().isBlank());
        assertThat(browser.findElement(By.id("report")).isDisplayed()).isFalse();
    }

    @Test
    void aPhoneWidthKeepsThePageWithinTheScreen() throws Exception {
        signIn(TOKEN);
        showTheWeek("day", "department");
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            assertThat(((Number) js("return document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(((Number) js("return window.innerWidth")).intValue());
            screenshot("phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 800));
        }
    }

    private void signIn(String token) {
        signIn(token, null);
    }

    /** @param beforeSignIn a script run in the page just before the token is typed, or null */
    private void signIn(String token, String beforeSignIn) {
        browser.get(process.httpUrl() + "/");
        // A token kept from an earlier test signs in by itself: sign out first, as a user switching tokens does.
        waitFor(() -> browser.findElement(By.id("token")).isDisplayed() || browser.findElement(By.id("sign-out")).isDisplayed());
        if (browser.findElement(By.id("sign-out")).isDisplayed()) {
            browser.findElement(By.id("sign-out")).click();
        }
        waitFor(() -> browser.findElement(By.id("token")).isDisplayed());
        if (beforeSignIn != null) {
            js(beforeSignIn);
        }
        WebElement field = browser.findElement(By.id("token"));
        field.sendKeys(token);
        browser.findElement(By.cssSelector("#sign-in-form button")).click();
        if (!token.equals("not-a-token")) {
            waitFor(() -> browser.findElement(By.id("report")).isDisplayed());
        }
    }

    /** The conformance week in the custom range, at this granularity and grouping; waits for the table. */
    private void showTheWeek(String granularity, String groupBy) {
        show(ConformanceWeek.FROM, ConformanceWeek.TO, granularity, groupBy);
    }

    /** A custom range, at this granularity and grouping; waits for the table. */
    private void show(String from, String to, String granularity, String groupBy) {
        new Select(browser.findElement(By.id("range"))).selectByValue("custom");
        js("document.getElementById('from').value = arguments[0]; document.getElementById('to').value = arguments[1];",
                localInput(from), localInput(to));
        new Select(browser.findElement(By.id("granularity"))).selectByValue(granularity);
        new Select(browser.findElement(By.id("group-by"))).selectByValue(groupBy);
        long before = ((Number) js("return window.deskstream.refreshed")).longValue();
        js("document.getElementById('to').dispatchEvent(new Event('change'))");
        waitFor(() -> ((Number) js("return window.deskstream.refreshed")).longValue() > before
                && !browser.findElements(By.cssSelector("#rows tbody tr")).isEmpty());
    }

    /** Waits until the key figures show the answer to {@code question} (their stream's or a poll's). */
    private void awaitTiles(String question) {
        waitFor(() -> question.equals(URLDecoder.decode(String.valueOf(
                js("return window.deskstream.tiles && window.deskstream.tiles.path")), StandardCharsets.UTF_8)));
    }

    /** The report time zone's wall time of an instant (UTC here), as the dashboard's custom range takes it. */
    private static String localInput(String instant) {
        return java.time.Instant.parse(instant).atZone(ZoneOffset.UTC).toLocalDateTime().toString().substring(0, 16);
    }

    /** A cell of the table, read in one script: the live updates redraw the table between two WebDriver calls. */
    private String cell(String department, String column) {
        Object text = js("for (const row of document.querySelectorAll('#rows tbody tr')) {"
                + " const d = row.querySelector('td[data-column=department]');"
                + " if (d && d.textContent === arguments[0]) return row.querySelector('td[data-column=' + arguments[1] + ']').textContent; }"
                + " return null;", department, column);
        if (text == null) {
            throw new AssertionError("no row for " + department);
        }
        return (String) text;
    }

    private Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    private void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .withMessage(() -> "the page shows: " + browser.findElement(By.id("report-error")).getText() + " "
                        + browser.findElement(By.id("sign-in-error")).getText() + " after asking "
                        + js("return window.deskstream.lastQuery"))
                .until(driver -> condition.getAsBoolean());
    }

    private void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
