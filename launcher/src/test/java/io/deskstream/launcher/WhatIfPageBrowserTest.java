package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.Conformance;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The what-if page in headless Chromium: an admin reaches it from the dashboard, finds the current rules as the draft,
 * edits the draft, and sees the API's answer as tables; a draft the API refuses shows why; an agent has no link to it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatIfPageBrowserTest {

    private static final String TOKEN = "what-if-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserProfile;
    private DeskstreamProcess process;
    private ApiClient api;
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
        ConformanceWeek.awaitEveryConversationVisible(api);
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

    private static ArrayNode socialToSales() throws Exception {
        ArrayNode rules = (ArrayNode) Conformance.json("rules.json").deepCopy();
        rules.insert(0, JSON.readTree("""
                {"id": "social-to-sales", "name": "Social to Sales", "active": true, "order": 0,
                 "conditionGroups": [{"conditions": [{"field": "channel", "op": "in", "value": ["facebook", "twitter", "instagram", "viber", "whatsapp"]}]}],
                 "actions": [{"type": "transfer", "departmentId": "sales"}], "stopProcessing": true}"""));
        return rules;
    }

    @Test
    void anAdminSeesTheMovesOfADraftAsTheApiAnswersThem() throws Exception {
        openFromTheDashboard(TOKEN);
        waitFor(() -> String.valueOf(js("return document.getElementById('draft').value")).contains("social-to-marketing"));
        ArrayNode draft = socialToSales();

        ask(draft.toString());
        waitFor(() -> browser.findElement(By.id("what-if-answer")).isDisplayed()
                && !browser.findElements(By.cssSelector("#what-if-matrix tbody tr")).isEmpty());

        ObjectNode question = JSON.createObjectNode();
        question.set("rules", draft);
        question.put("from", ConformanceWeek.FROM);
        question.put("to", ConformanceWeek.TO);
        JsonNode expected = api.post("/api/v1/rules/what-if", question.toString()).json();
        for (JsonNode move : expected.path("moves")) {
            assertThat(js("for (const row of document.querySelectorAll('#what-if-matrix tbody tr')) {"
                    + " if (row.cells[0].textContent !== arguments[0]) continue;"
                    + " const heads = [...document.querySelectorAll('#what-if-matrix thead th')].map((h) => h.textContent);"
                    + " return row.cells[heads.indexOf(arguments[1])].textContent; } return null;",
                    move.path("from").asText(), move.path("to").asText()))
                    .as(move.toString())
                    .isEqualTo(String.format("%,d", move.path("conversations").asLong()));
        }
        assertThat(browser.findElement(By.id("what-if-summary")).getText())
                .startsWith(String.format("%,d of %,d conversations would move", expected.path("moved").asLong(),
                        expected.path("conversations").asLong()));
        assertThat(browser.findElements(By.cssSelector("#what-if-sample tbody tr"))).hasSize(expected.path("sample").size());
        Files.write(SCREENSHOTS.resolve("what-if.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aDraftTheApiRefusesShowsWhy() throws Exception {
        openFromTheDashboard(TOKEN);
        ArrayNode draft = socialToSales();
        ((ObjectNode) draft.get(0)).put("order", "first");

        ask(draft.toString());

        waitFor(() -> !browser.findElement(By.id("what-if-error")).getText().isEmpty());
        assertThat(browser.findElement(By.id("what-if-error")).getText()).contains("social-to-sales").contains("order");
    }

    @Test
    void anAgentHasNoLinkToThePage() {
        String agent = api.post("/api/v1/tokens", "{\"role\": \"agent\", \"departments\": [\"sales\"]}").json()
                .path("token").asText();
        signIn(agent);
        js("return fetch('/api/v1/rules', {headers: {Authorization: 'Bearer ' + arguments[0]}}).then((r) => r.status)", agent);
        assertThat(browser.findElement(By.id("what-if-link")).isDisplayed()).isFalse();
    }

    private void openFromTheDashboard(String token) {
        signIn(token);
        waitFor(() -> browser.findElement(By.id("what-if-link")).isDisplayed());
        browser.findElement(By.id("what-if-link")).click();
        waitFor(() -> browser.findElement(By.id("draft")).isDisplayed());
    }

    private void ask(String draft) {
        js("document.getElementById('draft').value = arguments[0];"
                + " document.getElementById('what-if-from').value = arguments[1];"
                + " document.getElementById('what-if-to').value = arguments[2];",
                draft, ConformanceWeek.FROM.substring(0, 16), ConformanceWeek.TO.substring(0, 16));
        browser.findElement(By.id("what-if-run")).click();
    }

    private void signIn(String token) {
        browser.get(process.httpUrl() + "/");
        waitFor(() -> browser.findElement(By.id("token")).isDisplayed() || browser.findElement(By.id("sign-out")).isDisplayed());
        if (browser.findElement(By.id("sign-out")).isDisplayed()) {
            browser.findElement(By.id("sign-out")).click();
        }
        waitFor(() -> browser.findElement(By.id("token")).isDisplayed());
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("#sign-in-form button")).click();
        waitFor(() -> browser.findElement(By.id("report")).isDisplayed());
    }

    private Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    private void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> condition.getAsBoolean());
    }
}
