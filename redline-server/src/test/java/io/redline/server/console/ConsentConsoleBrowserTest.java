package io.redline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.rights.consent.ConsentChange;
import io.redline.rights.consent.ConsentState;
import io.redline.rights.datasets.DatasetSpec;
import io.redline.rights.datasets.Datasets;
import io.redline.server.TestServer;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The training-consent page in a real headless Chromium, in English and Chinese: a creator sets
 * their default and an item override, sees the history, their usage credits and a withdrawal from
 * an exported dataset as handled; staff read a creator's page with no way to change it, and see
 * which dataset versions the withdrawal affected.
 */
class ConsentConsoleBrowserTest {
    record Labels(String title, String staffTitle, String notAllowed, String platform, String handled) {}

    static final Map<String, Labels> LABELS = Map.of(
            "en-US",
                    new Labels(
                            "Training consent",
                            "A creator's training consent",
                            "not allowed",
                            "the platform's own models",
                            "handled"),
            "zh-CN", new Labels("训练授权", "创作者的训练授权", "不允许", "仅限平台自有模型", "已处理"));

    private static final String SPEC = """
            {"name": "notes", "surfaces": ["comment"], "from": "2020-01-01T00:00:00Z",
             "until": "2100-01-01T00:00:00Z", "use": "platform_models"}""";

    private ConsoleFixture fx;
    private Browser browser;
    private String item;

    @BeforeEach
    void seed() {
        fx = new ConsoleFixture();
        String body = "{\"surface\":\"comment\",\"authorId\":\"alice\",\"text\":"
                + ConsoleFixture.json("今天的晚霞特别好看，骑车回家的路上停下来拍了好多张照片，分享给大家。") + "}";
        item = TestServer.json(fx.server.post("/v1/contents?wait=true", Role.SERVICE, body))
                .path("id")
                .asText();
        // Bob's choice exists too: no page of alice's may show it.
        fx.server
                .server()
                .consent()
                .setDefault(
                        new Principal("tok-bob", Role.CREATOR, "bob", "bob"),
                        "bob",
                        new ConsentChange(
                                ConsentState.LICENSED,
                                "bob-licence-terms",
                                Instant.parse("2099-01-01T00:00:00Z"),
                                "api"));
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.close();
        if (fx != null) fx.close();
    }

    private Datasets.Export export() throws Exception {
        return fx.server
                .server()
                .datasets()
                .export(
                        Principal.system("test"),
                        DatasetSpec.parse(SPEC),
                        Instant.now(),
                        fx.server.server().datasetCandidates(),
                        Files.createTempDirectory("consent-console-"));
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(org.openqa.selenium.By.tagName("td")).stream()
                .map(WebElement::getText)
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "zh-CN"})
    void aCreatorSetsTheirDefaultAndAnOverrideAndSeesTheirWithdrawalHandled(String language) throws Exception {
        Labels l = LABELS.get(language);
        fx.user("alice", Role.CREATOR);
        browser = new Browser(fx.url(), language);
        browser.signInWithPassword("alice", ConsoleFixture.PASSWORD);
        browser.await("main");
        browser.open("/console/consent");
        assertThat(browser.textOf("main h1")).isEqualTo(l.title());
        assertThat(browser.find("#default-state").getAttribute("data-state")).isEqualTo("denied");
        assertThat(browser.find("#default-state").getText()).isEqualTo(l.notAllowed());

        new Select(browser.find("#default-form select[name=state]")).selectByValue("platform_models");
        browser.clickAndAwaitNextPage(browser.find("#default-form button"));
        browser.await("#flash");
        assertThat(browser.find("#default-state").getAttribute("data-state")).isEqualTo("platform_models");
        assertThat(browser.find("#default-state").getText()).isEqualTo(l.platform());

        // The note is exported and trained on: one usage credit for alice.
        Datasets.Export export = export();
        assertThat(export.version().items()).isEqualTo(1);
        fx.server
                .server()
                .trainingRuns()
                .register(
                        new Principal("svc", Role.SERVICE, null, "trainer"),
                        "run-1",
                        "notes",
                        export.version().version(),
                        "notes-lm");
        browser.open("/console/consent");
        assertThat(browser.await("#credits-total").getText()).contains("1");
        assertThat(cells(browser.find("#consent-credits tbody tr"))).contains("1");

        // Withdrawing the item: the override shows, and the dataset version holding it is reported handled.
        browser.find("#item-form input[name=itemId]").sendKeys(item);
        new Select(browser.find("#item-form select[name=state]")).selectByValue("denied");
        browser.clickAndAwaitNextPage(browser.find("#item-form button"));
        browser.await("#flash");
        List<String> override = cells(browser.find("#consent-overrides tr[data-item='" + item + "']"));
        assertThat(override.get(0)).isEqualTo(item);
        assertThat(override.get(1)).isEqualTo(l.notAllowed());
        List<WebElement> findings = browser.all("#consent-revocations tbody tr");
        assertThat(findings).hasSize(1);
        assertThat(cells(findings.getFirst())).startsWith(item).endsWith(l.handled());
        assertThat(browser.all("#consent-revocations td.dataset"))
                .as("a creator sees that it was handled, not the dataset names")
                .isEmpty();
        assertThat(browser.all("#consent-history tbody tr")).hasSize(2);
        String page = browser.find("main").getText();
        assertThat(page).doesNotContain("bob");

        // Removing the override: the item follows the default again, and the history keeps all three changes.
        browser.clickAndAwaitNextPage(browser.find("#consent-overrides form button"));
        browser.await("#flash");
        assertThat(browser.all("#consent-overrides tr[data-item='" + item + "']"))
                .isEmpty();
        assertThat(browser.all("#consent-history tbody tr")).hasSize(3);

        // Another creator's page is not reachable from here.
        browser.open("/console/creators/consent?authorId=bob");
        assertThat(browser.find("main").getText()).doesNotContain("bob-licence-terms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "zh-CN"})
    void staffReadACreatorsConsentWithoutControlsAndSeeTheAffectedDatasetVersions(String language) throws Exception {
        Labels l = LABELS.get(language);
        Principal alice = new Principal("tok-alice", Role.CREATOR, "alice", "alice");
        var consent = fx.server.server().consent();
        consent.setDefault(alice, "alice", new ConsentChange(ConsentState.PLATFORM_MODELS, null, null, "api"));
        Datasets.Export export = export();
        consent.setItem(alice, "alice", item, new ConsentChange(ConsentState.DENIED, null, null, "api"));
        fx.server.server().revocations().afterConsentChange("alice");

        fx.user("ada", Role.AUDITOR);
        browser = new Browser(fx.url(), language);
        browser.signInWithPassword("ada", ConsoleFixture.PASSWORD);
        browser.await("main");
        browser.open("/console/creators/consent");
        assertThat(browser.await("#creator-lookup").isDisplayed()).isTrue();
        assertThat(browser.all("#consent-default")).as("no creator named yet").isEmpty();
        browser.find("#creator-lookup input[name=authorId]").sendKeys("alice");
        browser.clickAndAwaitNextPage(browser.find("#creator-lookup button"));
        assertThat(browser.textOf("main h1")).isEqualTo(l.staffTitle());
        assertThat(browser.find("#read-only").isDisplayed()).isTrue();
        assertThat(browser.find("#default-state").getAttribute("data-state")).isEqualTo("platform_models");
        assertThat(browser.all("form[method=post]:not([action='/console/logout'])"))
                .as("staff see, never change, a creator's choice")
                .isEmpty();
        assertThat(cells(browser.find("#consent-overrides tr[data-item='" + item + "']")))
                .contains(l.notAllowed());
        assertThat(browser.find("#consent-revocations td.dataset").getText())
                .isEqualTo("notes / " + export.version().version());
        assertThat(cells(browser.find("#consent-revocations tbody tr"))).endsWith(l.handled());
        assertThat(browser.find("main").getText()).doesNotContain("bob-licence-terms");

        // The creator's own page is not a staff page.
        browser.open("/console/consent");
        assertThat(browser.all("#default-form")).isEmpty();
    }
}
