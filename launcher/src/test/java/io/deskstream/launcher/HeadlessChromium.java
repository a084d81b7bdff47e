package io.deskstream.launcher;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through its own chromedriver given explicitly (nothing is downloaded). Where
 * it is not installed the browser tests are skipped, unless {@code DESKSTREAM_BROWSER_REQUIRED=true} (CI) fails them.
 */
final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Skips the calling test class where Chromium is missing, or fails it where the browser is required. */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("DESKSTREAM_BROWSER_REQUIRED"))) {
            throw new AssertionError("Chromium and chromedriver are needed: apt-get install -y chromium chromium-driver");
        }
        Assumptions.assumeTrue(installed, "Chromium is not installed (apt-get install -y chromium chromium-driver)");
    }

    /**
     * @param timeZone the browser's own time zone (its {@code TZ}), or null for the machine's
     */
    static WebDriver start(Path profile, String timeZone) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-US", "--user-data-dir=" + profile, "--window-size=1280,800");
        ChromeDriverService.Builder service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort();
        if (timeZone != null) {
            service.withEnvironment(Map.of("TZ", timeZone));
        }
        return new ChromeDriver(service.build(), options);
    }
}
