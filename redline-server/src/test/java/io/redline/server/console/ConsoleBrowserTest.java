package io.redline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.identity.Role;
import io.redline.review.tasks.ReviewTask;
import io.redline.server.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The reviewer console in a real headless Chromium: what a reviewer and a creator do with it,
 * end to end against a real server and database.
 */
class ConsoleBrowserTest {
    private ConsoleFixture fx;
    private Browser browser;

    @BeforeEach
    void start() {
        fx = new ConsoleFixture();
        browser = new Browser(fx.url(), "en-US");
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.close();
        if (fx != null) fx.close();
    }

    @Test
    void aReviewerClaimsSeesTheHighlightDecidesWithAKeyAndTheQueueShrinks() {
        ReviewTask first = fx.reviewItem("bob", "周末探店", "想买的私信我，联系电话 138 0013 8000，全天在线");
        fx.reviewItem("carol", "手作", "加我电话 139 1234 5678 咨询");
        fx.reviewItem("dave", "旅行", "call 137 5555 6666 for the tour");
        String queue = first.queue();
        assertThat(fx.server.server().tasks().openTasks(queue, 10)).hasSize(3);
        fx.user("rita", Role.REVIEWER);

        browser.signInWithPassword("rita", ConsoleFixture.PASSWORD);
        browser.awaitPath("/console/queues");
        assertThat(browser.find("tr[data-queue='" + queue + "'] .depth").getText())
                .isEqualTo("3");
        browser.find("tr[data-queue='" + queue + "'] a").click();
        browser.awaitPath("/console/queues/" + queue);
        assertThat(browser.find("#queue-count").getText()).isEqualTo("3");
        assertThat(browser.all("tr.task td.preview"))
                .extracting(WebElement::getText)
                .contains("想买的私信我，联系电话 138 0013 8000，全天在线", "call 137 5555 6666 for the tour");

        browser.press("n"); // claim the most urgent task
        browser.await("#actions");
        assertThat(browser.path()).startsWith("/console/tasks/");
        List<WebElement> marks = browser.all("#field-text mark.hit");
        String text = browser.find("#field-text").getText();
        WebElement phone = marks.stream()
                .filter(m -> m.getText().matches(".*\\d{3}.*\\d{4}.*"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no highlighted phone number in " + text));
        assertThat(text).contains(phone.getText()); // cut from the original text, not the normalised one
        assertThat(phone.getAttribute("data-category")).isEqualTo("drainage");
        assertThat(browser.find("#rule-id").getText()).isNotBlank();
        long taskId = Long.parseLong(browser.path().substring("/console/tasks/".length()));

        browser.press("a"); // approve
        browser.awaitPath("/console/queues/" + queue);
        assertThat(browser.await("#flash").getText()).contains("Decided");
        assertThat(browser.find("#queue-count").getText()).isEqualTo("2");
        assertThat(browser.all("tr[data-task='" + taskId + "']")).isEmpty();

        // The other two, selected and rejected together.
        for (WebElement box : browser.all("input[name=task]")) box.click();
        browser.clickAndAwaitNextPage(browser.find("#bulk-submit"));
        assertThat(browser.await("#flash").getText()).contains("Selected tasks decided");
        assertThat(browser.find("#queue-count").getText()).isEqualTo("0");
        assertThat(fx.server.server().tasks().openTasks(queue, 10)).isEmpty();

        ReviewTask decided = fx.server.server().tasks().task(taskId).orElseThrow();
        assertThat(decided.open()).isFalse();
        assertThat(decided.verdict().code()).isEqualTo("approve");
        assertThat(decided.decidedBy()).startsWith("usr_");
        JsonNode decision = TestServer.json(fx.server.get("/v1/contents/" + decided.contentId(), Role.AUDITOR))
                .path("decision");
        assertThat(decision.path("action").asText()).isEqualTo("allow");
    }

    @Test
    void hostileContentRendersAsTextAndRunsNothing() {
        String script = "<script>document.title='pwned-script'</script>";
        String img = "<img src=x onerror=\"document.title='pwned-img'\">";
        fx.reviewItem(
                "mallory",
                "\"><svg onload=\"document.title='pwned-svg'\">",
                script + img + " 联系电话 138 0013 8000 " + script);
        browser.signInWithToken(fx.server.tokens.get(Role.REVIEWER));
        browser.awaitPath("/console/queues");
        browser.find("table#queues tbody a").click();
        browser.await("#claim-next");
        browser.press("n");
        browser.await("#actions");

        assertThat(browser.driver.getTitle()).doesNotContain("pwned");
        assertThat(browser.find("#field-text").getText()).contains(script).contains(img);
        assertThat(browser.find("#field-title").getText()).contains("<svg onload=");
        assertThat(browser.all("main script, main img, main svg")).isEmpty();
        // The page itself is intact: the highlight still sits around the phone number, not the markup.
        assertThat(browser.find("#field-text mark.hit").getText()).contains("138");
    }

    @Test
    void aCreatorAppealsAndADifferentReviewerResolvesIt() {
        ReviewTask task = fx.reviewItem("alice", "店铺", "客服电话 138 0013 8000");
        fx.user("rita", Role.REVIEWER);
        fx.user("sam", Role.REVIEWER);
        fx.user("alice", Role.CREATOR);

        // rita rejects the note.
        browser.signInWithPassword("rita", ConsoleFixture.PASSWORD);
        browser.awaitPath("/console/queues");
        browser.open("/console/queues/" + task.queue());
        browser.press("n");
        browser.await("#actions");
        browser.press("r");
        browser.awaitPath("/console/queues/" + task.queue());
        browser.signOut();

        // alice sees the block and appeals.
        browser.signInWithPassword("alice", ConsoleFixture.PASSWORD);
        browser.awaitPath("/console/mine");
        WebElement item = browser.find("article[data-content='" + task.contentId() + "']");
        assertThat(item.findElement(org.openqa.selenium.By.cssSelector(".action"))
                        .getText())
                .isEqualTo("block");
        item.findElement(org.openqa.selenium.By.cssSelector("textarea[name=message]"))
                .sendKeys("这是店铺客服电话，已经删除了");
        item.findElement(org.openqa.selenium.By.cssSelector(".appeal-form button"))
                .click();
        assertThat(browser.await("#flash").getText()).contains("Appeal sent");
        assertThat(browser.find("article[data-content='" + task.contentId() + "'] .appeal-pending")
                        .isDisplayed())
                .isTrue();
        assertThat(browser.all("article[data-content='" + task.contentId() + "'] .appeal-form"))
                .isEmpty(); // once per decision
        browser.signOut();

        // rita made the appealed decision: the appeal is not hers to take.
        browser.signInWithPassword("rita", ConsoleFixture.PASSWORD);
        browser.awaitPath("/console/queues");
        browser.open("/console/appeals");
        assertThat(browser.find("#appeals-open").getText()).isEqualTo("1");
        browser.press("n");
        assertThat(browser.await("#flash").getText()).contains("Nothing left to claim");
        browser.signOut();

        // sam takes it, reads the message and overturns the decision.
        browser.signInWithPassword("sam", ConsoleFixture.PASSWORD);
        browser.awaitPath("/console/queues");
        browser.open("/console/appeals");
        browser.press("n");
        browser.await("#actions");
        assertThat(browser.find("#appeal-message").getText()).isEqualTo("这是店铺客服电话，已经删除了");
        browser.press("a");
        browser.await("#flash");
        browser.signOut();

        // alice sees the outcome.
        browser.signInWithPassword("alice", ConsoleFixture.PASSWORD);
        browser.awaitPath("/console/mine");
        assertThat(browser.find("article[data-content='" + task.contentId() + "'] .appeal-outcome")
                        .getText())
                .isEqualTo("allow");
        assertThat(browser.find("article[data-content='" + task.contentId() + "'] .action")
                        .getText())
                .isEqualTo("allow");
    }

    @Test
    void theConsoleSpeaksChinese() {
        browser.close();
        browser = new Browser(fx.url(), "zh-CN");
        browser.open("/console/login");
        assertThat(browser.find("h1").getText()).isEqualTo("登录 Redline");
        browser.signInWithToken(fx.server.tokens.get(Role.REVIEWER));
        browser.awaitPath("/console/queues");
        assertThat(browser.find("h1").getText()).isEqualTo("审核队列");
        browser.find("a.lang").click();
        browser.awaitPath("/console/queues");
        assertThat(browser.find("h1").getText()).isEqualTo("Review queues");
    }
}
