package io.redline.server.console;

import io.redline.store.SystemPackages;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code ./redline test} installs) driven through Selenium. Paths come from {@code REDLINE_CHROMIUM} and
 * {@code REDLINE_CHROMEDRIVER} or the Debian defaults; we point Selenium at them so it never tries
 * to download a browser. The flags keep Chromium off the network (this machine's network is
 * closed, and a test must not depend on Google's update servers).
 */
final class Browser implements AutoCloseable {
    private static final String CHROMIUM = program("REDLINE_CHROMIUM", "chromium");
    private static final String CHROMEDRIVER = program("REDLINE_CHROMEDRIVER", "chromium-driver");
    /** Generous: on a loaded 2-core CI box a sign-in (PBKDF2) plus a page can take seconds. */
    private static final Duration AWAIT = Duration.ofSeconds(30);

    final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;

    Browser(String baseUrl, String language) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException(
                    "browser tests need Chromium and ChromeDriver: install Debian's 'chromium' and "
                            + "'chromium-driver' (./redline test does as root) or set REDLINE_CHROMIUM and REDLINE_CHROMEDRIVER; looked for "
                            + CHROMIUM + " and " + CHROMEDRIVER);
        }
        this.baseUrl = baseUrl;
        try {
            this.profile = Files.createTempDirectory("redline-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-extensions",
                        "--window-size=1360,1000",
                        "--lang=" + language,
                        "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits (up to {@link #AWAIT}) for an element to be visible: pages load after form posts and redirects. */
    WebElement await(String css) {
        try {
            return new WebDriverWait(driver, AWAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "waited " + AWAIT.toSeconds() + " s for '" + css + "' on " + driver.getCurrentUrl()
                            + "; the page says: "
                            + driver.findElement(By.tagName("main")).getText(),
                    e);
        }
    }

    /**
     * The visible text of {@code css} once it shows. Read inside the wait: right after a
     * navigation Chromium may still swap the document, and reading an element found a moment
     * earlier then fails ("Node with given id does not belong to the document"; it failed CI once).
     */
    String textOf(String css) {
        return new WebDriverWait(driver, AWAIT)
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> {
                    WebElement e = d.findElement(By.cssSelector(css));
                    return e.isDisplayed() ? e.getText() : null;
                });
    }

    /**
     * Clicks and waits until the browser has left the page (a form posting back to the same path
     * would otherwise let the next lookup find the old page's elements, then go stale).
     */
    void clickAndAwaitNextPage(WebElement element) {
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        new WebDriverWait(driver, AWAIT).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                // Chrome, caught mid-navigation, reports the old page's node as "does not belong to
                // the document" instead of stale: the page is gone all the same (a CI failure).
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) return true;
                throw e;
            }
        });
    }

    /** Waits until the current URL's path is {@code path}. */
    void awaitPath(String path) {
        new WebDriverWait(driver, AWAIT).until(d -> path().equals(path));
    }

    /** Presses a key on the page as a person would (focus on the page body, not in a field). */
    void press(String key) {
        // After a navigation the script that listens for keys may not have run yet: wait for it to say so.
        new WebDriverWait(driver, AWAIT)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("html[data-keys='ready']")));
        new Actions(driver).sendKeys(key).perform();
    }

    void signInWithPassword(String username, String password) {
        open("/console/login");
        find("#username").sendKeys(username);
        find("#password").sendKeys(password);
        find("#login-submit").click();
    }

    void signInWithToken(String token) {
        open("/console/login");
        find("#token").sendKeys(token);
        find("#token-submit").click();
    }

    void signOut() {
        find("form[action='/console/logout'] button").click();
        awaitPath("/console/login");
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }

    /** The program named by an environment variable, else the one Debian's package installs. */
    private static String program(String variable, String debianPackage) {
        String v = System.getenv(variable);
        if (v != null && !v.isBlank()) return v;
        return SystemPackages.find(debianPackage)
                .map(Path::toString)
                .orElse(SystemPackages.all().get(debianPackage).probe());
    }
}
