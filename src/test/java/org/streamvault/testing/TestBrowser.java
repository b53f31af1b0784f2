package org.streamvault.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven by Selenium, from the Debian packages {@code chromium} and
 * {@code chromium-driver} (bin/test installs them): no browser download, a fresh profile each
 * time, nothing phoning home. Close it to quit the browser and delete the profile.
 */
public final class TestBrowser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private TestBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static TestBrowser start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("browser tests need the Debian packages chromium and chromium-driver"
                    + " (bin/test installs them: apt-get install chromium chromium-driver)");
        }
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--autoplay-policy=no-user-gesture-required", "--window-size=1400,1200",
                // tests reach only loopback: any other host (Google's sign-in script) fails to resolve
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new TestBrowser(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Runs {@code script} in the page ({@code arguments[i]} are {@code args}); its {@code return} value. */
    public Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** The element with this id in the page (fails if there is none). */
    public WebElement el(String id) {
        return driver.findElement(By.id(id));
    }

    /** The playhead, in seconds, of the page's video element with this id. */
    public double currentTime(String videoId) {
        return ((Number) js("return document.getElementById(arguments[0]).currentTime", videoId)).doubleValue();
    }

    /** The playhead of the page's main video element ({@code id="video"}). */
    public double currentTime() {
        return currentTime("video");
    }

    /** A wait for a condition in the page, polling until it holds or {@code seconds} pass. */
    public WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    /** Saves a PNG of the page under {@code target/} (a test artifact to look at). */
    public Path screenshot(String name) throws IOException {
        Path out = TestNode.projectRoot().resolve("target").resolve(name);
        Files.createDirectories(out.getParent());
        Files.write(out, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
